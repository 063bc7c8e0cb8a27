import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemo, type DemoPage, type DevServer, type RequestLog } from '../src/testing/e2e.ts';

let demo: DemoPage;
let dev: DevServer;
let page: Page;
let requests: RequestLog;
let pageErrors: string[];
let trainedVersion = '';

beforeAll(async () => {
  demo = await openDemo({ width: 1100, height: 900 });
  ({ dev, page, requests, pageErrors } = demo);
});

afterAll(() => demo?.close());

const status = () => page.locator('#train-status');
const modelRow = () => page.locator('#models-table tr[data-model="movielens-mf"]');

// One page, in order: train → reload → restored without retraining → delete.
describe('demo Models tab', () => {
  it('starts with nothing stored', async () => {
    await page.locator('#no-models').waitFor({ timeout: 30_000 });
  });

  it('trains MF on MovieLens in the training worker with live progress, stores it and recommends', async () => {
    await page.selectOption('#train-kind', 'mf');
    await page.fill('#train-epochs', '2');
    await page.fill('#train-dim', '8');
    await page.selectOption('#train-backend', 'wasm'); // SwiftShader WebGPU would take minutes per epoch
    await page.click('#train');
    await expect.poll(() => status().getAttribute('data-status'), { timeout: 120_000 }).toBe('done');
    expect(await status().textContent()).toMatch(/Trained in .* on wasm/);
    expect(await page.locator('#training-backend').getAttribute('data-backend')).toBe('wasm');
    // Two epochs plotted: uPlot draws one point per epoch of the loss series.
    expect(Number(await page.locator('#train-progress').getAttribute('value'))).toBe(1000);
    expect(await page.locator('#train-chart canvas').count()).toBeGreaterThan(0);
    await expect.poll(() => modelRow().locator('td.state').textContent()).toBe('trained');
    trainedVersion = (await modelRow().locator('td').nth(1).textContent()) ?? '';
    expect(Number(trainedVersion)).toBeGreaterThan(0);
    expect(await page.locator('#rec-source').textContent()).toContain('trained just now');
    expect(await page.locator('.recs li').count()).toBe(10);
    expect(page.workers().some((w) => w.url().includes('train.worker'))).toBe(true);
    await page.screenshot({ path: '/tmp/demo-models.png', fullPage: true });
  });

  it('after a reload, answers from the model in IndexedDB without retraining', async () => {
    await page.reload();
    await page.locator('#rec-source').waitFor({ timeout: 30_000 });
    expect(await page.locator('#rec-source').textContent()).toContain(
      `movielens-mf v${trainedVersion} (mf), restored from IndexedDB without retraining`,
    );
    expect(await page.locator('.recs li').count()).toBe(10);
    expect(await modelRow().locator('td').nth(1).textContent()).toBe(trainedVersion);
    // Nothing trained: no progress was shown, the training backend was never announced.
    expect(await status().getAttribute('data-status')).toBeNull();
    expect(await page.locator('#training-backend').isHidden()).toBe(true);
  });

  it('deletes the stored model', async () => {
    await page.click('[data-delete="movielens-mf"]');
    await page.locator('#no-models').waitFor({ timeout: 10_000 });
  });

  it('keeps training on the next backend when the WebGPU device is lost, and says so', async () => {
    await page.evaluate(() => {
      const el = document.querySelector('#train-status') as HTMLElement;
      const w = window as unknown as { statuses: string[] };
      w.statuses = [];
      new MutationObserver(() => w.statuses.push(`${el.dataset.status}|${el.textContent}`)).observe(el, {
        attributeFilter: ['data-status'],
      });
    });
    await page.fill('#train-epochs', '1');
    await page.selectOption('#train-backend', 'webgpu');
    await page.click('#train');
    await expect
      .poll(() => page.locator('#training-backend').getAttribute('data-backend'), { timeout: 60_000 })
      .toBe('webgpu');
    await expect.poll(() => status().getAttribute('data-status'), { timeout: 60_000 }).toBe('checkpoint');
    await page.click('#lose-device');
    // The stream says which backend took over and why; the header follows. (That training then runs to
    // the end on the new backend is tested with a small model in src/rpc/resilience.browser.test.ts:
    // WebGL on a software GPU needs minutes for MovieLens-sized steps.)
    const statuses = () => page.evaluate(() => (window as unknown as { statuses: string[] }).statuses);
    const switched = async () => (await statuses()).find((s) => s.startsWith('backend-switch|'));
    await expect.poll(switched, { timeout: 90_000 }).toBeDefined();
    const after = await page.locator('#training-backend').getAttribute('data-backend');
    expect(['webgl', 'wasm', 'cpu']).toContain(after);
    expect(await switched()).toMatch(
      new RegExp(`webgpu failed \\(WebGPU device lost.*\\); training continues on ${after}`),
    );
  }, 240_000);

  it('made no request outside its own origin and threw no page error', () => {
    expect(requests.all).toContain(`${dev.origin}/data/movielens-small/movies.csv`);
    expect(requests.foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
