import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemo, type DemoPage, type RequestLog } from '../src/testing/e2e.ts';
import { seriousViolations } from './axe-check.ts';

let demo: DemoPage;
let page: Page;
let requests: RequestLog;
let pageErrors: string[];

beforeAll(async () => {
  demo = await openDemo({ width: 1200, height: 1000 });
  ({ page, requests, pageErrors } = demo);
});

afterAll(() => demo?.close());

const status = () => page.locator('#import-status');
/** The recognised facts as { label: value }. */
const report = (): Promise<Record<string, string>> =>
  page.locator('#import-report').evaluate((dl) => {
    const out: Record<string, string> = {};
    const cells = [...dl.children];
    for (let i = 0; i + 1 < cells.length; i += 2) out[cells[i].textContent ?? ''] = cells[i + 1].textContent ?? '';
    return out;
  });

async function pick(name: string, buffer: Buffer): Promise<string> {
  await page.setInputFiles('#import-file', { name, mimeType: 'application/octet-stream', buffer });
  await expect.poll(() => status().getAttribute('data-status'), { timeout: 60_000 }).toMatch(/^(ok|error)$/);
  return (await status().textContent()) ?? '';
}

describe('demo Models tab: Load a model trained elsewhere', () => {
  it('imports a PyTorch NeuMF state_dict, stores it and ranks with it in the ranking worker', async () => {
    const bytes = readFileSync(new URL('../src/interop/fixtures/torch-ncf-neumf.safetensors', import.meta.url));
    const text = await pick('torch-ncf-neumf.safetensors', bytes);
    expect(text).toMatch(/^torch-ncf-neumf\.safetensors: stored as imported-neumf v\d+ and ranked on this device\.$/);
    const facts = await report();
    expect(facts.format).toMatch(/PyTorch NCF state_dict/);
    expect(facts.architecture).toBe('NEUMF (inferred from the keys)');
    expect([facts.users, facts.items]).toEqual(['30', '40']);
    expect(await seriousViolations(page, '#panel-models')).toEqual([]);
    await page.locator('.import').screenshot({ path: '/tmp/demo-import.png' });
    await page.setViewportSize({ width: 390, height: 844 });
    // After the resize has been laid out (the lists re-render on resize events).
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1200, height: 1000 });
    expect(await page.locator('#import-nearest-form').isVisible()).toBe(false);
    // Stored like any model: the Models tab's table lists it.
    await page.locator('#models-table tr[data-model="imported-neumf"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('#import-list li').count()).toBe(10);
    expect(await page.locator('#import-caption').textContent()).toMatch(
      /^Top 10 for user 0 from imported-neumf v\d+ \(neumf\), ranked by the ranking worker\.$/,
    );
  });

  it('reads a word2vec file and lists a vertex’s nearest vertices', async () => {
    const lines = ['4 2', 'alpha 1 0', 'beta 0.9 0.1', 'gamma 0 1', 'delta -1 0'];
    const text = await pick('line.txt', Buffer.from(`${lines.join('\n')}\n`));
    expect(text).toMatch(/^line\.txt: pick a vertex/);
    expect(await report()).toEqual({ format: 'word2vec', vertices: '4', dimension: '2' });
    expect(await page.locator('#import-list .title').allTextContents()).toEqual(['beta', 'gamma', 'delta']);
    await page.fill('#import-vertex', 'gamma');
    await page.click('#import-nearest');
    await expect.poll(() => page.locator('#import-list .title').first().textContent()).toBe('beta');
    expect(await page.locator('#import-caption').textContent()).toBe('Nearest 3 to “gamma” by cosine.');
    await page.fill('#import-vertex', 'omega');
    await page.click('#import-nearest');
    await expect
      .poll(() => page.locator('#import-caption').textContent())
      .toBe('No vertex named “omega” in this file.');
    expect(await page.locator('#import-list li').count()).toBe(0);

    // PyTorch-BigGraph's TSV export: names may hold spaces, fields are tab-separated.
    expect(
      await pick('entities.tsv', Buffer.from('big graph\t1\t0\t0\nsmall graph\t1\t0.1\t0\nother\t0\t0\t1\n')),
    ).toMatch(/^entities\.tsv: pick a vertex/);
    expect(await report()).toEqual({ format: 'PyTorch-BigGraph TSV', vertices: '3', dimension: '3' });
    expect(await page.locator('#import-list .title').allTextContents()).toEqual(['small graph', 'other']);
  });

  it('reads Photon-ML GLMix Avro: described alone, placed onto the Courses tab’s stored GLMix and ranked', async () => {
    const avro = (part: string) =>
      readFileSync(new URL(`../src/interop/fixtures/photon-glmix-${part}.avro`, import.meta.url));
    expect(await pick('fixed.avro', avro('fixed'))).toMatch(
      /^fixed\.avro: read\. No GLMix model is stored on this device/,
    );
    expect(await report()).toEqual({
      format: 'Photon-ML GLMix (BayesianLinearModelAvro)',
      records: '1',
      coefficients: expect.stringMatching(/^\d+$/),
    });
    // The Courses tab trains its GLMix when opened; its learners (m0, m1, …) are the entities here.
    await page.click('#tab-courses');
    await page.locator('#course-glmix li').nth(9).waitFor({ timeout: 120_000 });
    await page.click('#tab-models');
    const text = await pick('member.avro', avro('member'));
    expect(text).toMatch(/^member\.avro: stored as imported-glmix v\d+ and ranked on this device\.$/);
    const facts = await report();
    expect(facts.effect).toBe('per-learner random effect');
    expect(facts['entities matched']).toBe('3');
    expect(facts['entities unknown']).toBe('0');
    expect(await page.locator('#import-list li').count()).toBe(10);
    expect(await page.locator('#import-caption').textContent()).toMatch(
      /^Top 10 for user m0 from imported-glmix v\d+ \(glmix\)/,
    );
  }, 180_000);

  it('shows the typed error of a malformed file, naming the file and the line', async () => {
    const text = await pick('broken.txt', Buffer.from('2 3\nalpha 1 2 3\nbeta 1 x 3\n'));
    expect(await status().getAttribute('data-status')).toBe('error');
    expect(text).toMatch(/^FormatError: broken\.txt:3: /);
    // The previous file's report and lists are gone: nothing on screen speaks of another file.
    expect(await page.locator('#import-report dt').count()).toBe(0);
    expect(await page.locator('#import-list li').count()).toBe(0);
    expect(await seriousViolations(page, '#panel-models')).toEqual([]);
    expect(requests.foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
