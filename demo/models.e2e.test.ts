import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemo, type DemoPage, type DevServer, type RequestLog } from '../src/testing/e2e.ts';

let demo: DemoPage;
let dev: DevServer;
let page: Page;
let requests: RequestLog;
let pageErrors: string[];
let firstVersion = 0;

beforeAll(async () => {
  demo = await openDemo({ width: 1100, height: 900 });
  ({ dev, page, requests, pageErrors } = demo);
});

afterAll(() => demo?.close());

const status = () => page.locator('#train-status');
const recSource = () => page.locator('#rec-source');
/** The picker's offered model ids ('' is the "nothing stored" placeholder). */
const offered = () =>
  page.locator('#rank-model option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
const pickedLabel = () => page.locator('#rank-model option:checked').textContent();
const checkpointVersion = async () =>
  Number((await page.locator('#train-checkpoint').getAttribute('data-version')) ?? 0);

/** Records every `data-status|text` the status line shows, from now on. */
async function recordStatuses(): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const el = document.querySelector('#train-status') as HTMLElement;
    const w = window as unknown as { statuses: string[] };
    w.statuses = [];
    new MutationObserver(() => w.statuses.push(`${el.dataset.status}|${el.textContent}`)).observe(el, {
      attributeFilter: ['data-status'],
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
  return () => page.evaluate(() => (window as unknown as { statuses: string[] }).statuses);
}

async function trainMf(epochs: number, backend = 'wasm'): Promise<void> {
  await page.selectOption('#train-kind', 'mf');
  await page.fill('#train-epochs', String(epochs));
  await page.fill('#train-dim', '8');
  await page.selectOption('#train-backend', backend); // SwiftShader WebGPU would take minutes per epoch
  await page.click('#train');
}

// One page, in order: import another catalogue → train → errors → retrain → reload mid-training → delete.
describe('demo Models tab', () => {
  it('starts with nothing stored and offers no model to rank with', async () => {
    await page.locator('#no-models').waitFor({ timeout: 30_000 });
    expect(await offered()).toEqual(['']);
    expect(await page.locator('#rank-model').isDisabled()).toBe(true);
  });

  it('stores a model of another catalogue (an imported NeuMF) but never offers it for MovieLens titles', async () => {
    const bytes = readFileSync(new URL('../src/interop/fixtures/torch-ncf-neumf.safetensors', import.meta.url));
    await page.setInputFiles('#import-file', {
      name: 'torch-ncf-neumf.safetensors',
      mimeType: 'application/octet-stream',
      buffer: bytes,
    });
    await page.locator('#models-table tr[data-model="imported-neumf"]').waitFor({ timeout: 30_000 });
    expect(await offered()).toEqual(['']);
  });

  it('trains MF with per-step progress and ETA, plots loss and validation HR@10 per epoch, and ranks with it', async () => {
    const statuses = await recordStatuses();
    await trainMf(1);
    await expect.poll(() => status().getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    const seen = await statuses();
    // The bar moved within epochs, with an ETA; checkpoints never replaced the loss line.
    expect(seen.some((s) => /^step\|Epoch 1\/1 · step \d+\/\d+ · loss so far [\d.]+ · .* left/.test(s))).toBe(true);
    expect(seen.filter((s) => s.startsWith('checkpoint|'))).toEqual([]);
    expect(await page.locator('#train-checkpoint').textContent()).toMatch(
      /^Checkpoint \d+ stored \(epoch \d+, step \d+\)/,
    );
    expect(await page.locator('#train-chart').getAttribute('data-loss-points')).toBe('1');
    expect(await page.locator('#train-chart').getAttribute('data-metric-points')).toBe('1');
    expect(await page.locator('#fig-hr10').textContent()).toMatch(/^(0\.\d{3}|1\.000)$/);
    expect(await page.locator('#train-figures button.help').count()).toBe(3);
    expect(Number(await page.locator('#train-progress').getAttribute('value'))).toBe(1000);
    expect(await page.locator('#training-backend').getAttribute('data-backend')).toBe('wasm');

    expect(await offered()).toEqual(['movielens-mf']);
    const label = (await pickedLabel()) ?? '';
    expect(label).toMatch(/^movielens-mf v(\d+) · mf · MovieLens \(ratings\.csv\) · trained /);
    firstVersion = Number(/ v(\d+) /.exec(label)![1]);
    await expect.poll(() => recSource().textContent()).toMatch(/trained just now/);
    expect(await recSource().textContent()).toBe(
      `Top 10 for user 1 from movielens-mf v${firstVersion} (mf, MovieLens (ratings.csv)), trained just now.`,
    );
    expect(await page.locator('#recommendations .recs li').count()).toBe(10);
    expect(page.workers().some((w) => w.url().includes('train.worker'))).toBe(true);
    await page.screenshot({ path: '/tmp/demo-models.png', fullPage: true });
  });

  it('says why a ranking failed beside the list, and clears it when a later list is shown', async () => {
    await page.fill('#rec-user', 'nobody');
    await page.click('#recommend');
    await expect.poll(() => page.locator('#rec-error').textContent()).toMatch(/UnknownIdError/);
    await page.fill('#rec-user', '2');
    await page.click('#recommend');
    await expect.poll(() => recSource().textContent()).toMatch(/^Top 10 for user 2 /);
    expect(await page.locator('#rec-error').isHidden()).toBe(true);
  });

  it('ranks with the model picked (MovieLens models only), and the pick survives a reload', async () => {
    await page.selectOption('#train-kind', 'popular');
    await page.click('#train');
    await expect
      .poll(() => recSource().textContent(), { timeout: 60_000 })
      .toMatch(/from movielens-popular v\d+ \(popular, MovieLens \(ratings\.csv\)\), trained just now\.$/);
    expect(await offered()).toEqual(['movielens-popular', 'movielens-mf']);
    await page.selectOption('#rank-model', 'movielens-mf');
    await expect
      .poll(() => recSource().textContent())
      .toBe(
        `Top 10 for user 2 from movielens-mf v${firstVersion} (mf, MovieLens (ratings.csv)), the model picked above.`,
      );
    // The reload in the next test finds movielens-mf still picked, though movielens-popular is newer.
  });

  it('a retrain ranks with the finished version until done, also across a reload mid-training (shown within 2 s)', async () => {
    await trainMf(2);
    await expect.poll(checkpointVersion, { timeout: 60_000 }).toBeGreaterThan(firstVersion);
    expect(await status().getAttribute('data-status')).not.toBe('done');
    await page.click('#recommend');
    await expect.poll(() => recSource().textContent()).toMatch(/the model picked above/);
    expect(await recSource().textContent()).toContain(`from movielens-mf v${firstVersion} (mf`);

    await page.reload();
    const loaded = Date.now();
    await expect
      .poll(() => status().textContent(), { timeout: 2_000, interval: 50 })
      .toMatch(/^Resuming movielens-mf from checkpoint \d+ \(epoch \d+, step \d+\)/);
    expect(await pickedLabel()).toContain(`movielens-mf v${firstVersion} `);
    expect(await recSource().textContent()).toContain(`movielens-mf v${firstVersion}`);
    expect(Date.now() - loaded).toBeLessThan(2_000);
    // The form shows the run being resumed, not the defaults (6 epochs, 32 dimensions, auto).
    expect(await page.inputValue('#train-epochs')).toBe('2');
    expect(await page.inputValue('#train-dim')).toBe('8');
    expect(await page.inputValue('#train-backend')).toBe('wasm');

    await expect.poll(() => status().getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    await expect.poll(() => recSource().textContent()).toMatch(/trained just now/);
    const retrained = Number(/v(\d+) \(mf/.exec((await recSource().textContent()) ?? '')![1]);
    expect(retrained).toBeGreaterThan(firstVersion);
    expect(await pickedLabel()).toContain(`movielens-mf v${retrained} `);
    expect(await page.textContent('#panel-models')).not.toMatch(/without retraining/);
  });

  it('deletes the stored model; the list it gave says so', async () => {
    await page.click('[data-delete="movielens-mf"]');
    await expect.poll(offered, { timeout: 10_000 }).toEqual(['movielens-popular']);
    expect(await recSource().textContent()).toBe('movielens-mf was deleted; pick a model and press Recommend.');
  });

  it('made no request outside its own origin and threw no page error', () => {
    expect(requests.all).toContain(`${dev.origin}/data/movielens-small/movies.csv`);
    expect(requests.foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
