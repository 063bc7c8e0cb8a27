import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemo, type DemoPage, type DevServer, type RequestLog } from '../src/testing/e2e.ts';

let demo: DemoPage;
let dev: DevServer;
let page: Page;
let requests: RequestLog;
let pageErrors: string[];
/** `id vN` of GLMix and the blender as first trained, to recognise them after the reload. */
const trained: Record<'glmix' | 'blend', string> = { glmix: '', blend: '' };

beforeAll(async () => {
  demo = await openDemo({ width: 1200, height: 1000 });
  ({ dev, page, requests, pageErrors } = demo);
});

afterAll(() => demo?.close());

const openTab = async () => {
  await page.click('#tab-courses');
  await page.locator('#course-blend li').nth(9).waitFor({ timeout: 120_000 });
};

const caption = (which: string) =>
  page
    .locator(`#course-${which}-caption`)
    .textContent()
    .then((t) => t ?? '');

describe('demo Courses tab', () => {
  it('trains GLMix and the blender in the worker, then shows blended / GLMix top-10 with reasons', async () => {
    await openTab();
    for (const which of ['glmix', 'blend'] as const) {
      const m = /(courses-\w+ v\d+), trained in the worker just now/.exec(await caption(which));
      expect(m, which).not.toBeNull();
      trained[which] = m![1];
    }
    expect(await page.locator('#course-glmix .reason').first().textContent()).toMatch(
      /Teaches |where your skills are|learners at your level/,
    );
    expect(await page.locator('#course-learner option').count()).toBeGreaterThan(5);
    expect(await page.locator('#course-history li').count()).toBeGreaterThan(0);
    expect(await page.locator('#course-glmix li').count()).toBe(10);
    const reasons = await page.locator('#course-blend .reason').allTextContents();
    expect(reasons.every((r) => /watched "|Teaches |where your skills are|learners/.test(r))).toBe(true);
    expect(await page.locator('#course-blend-caption').textContent()).toMatch(/NCF -?\d\.\d\d, GLMix -?\d\.\d\d/);
    await expect
      .poll(() => page.locator('#course-ncf-caption').textContent(), { timeout: 30_000 })
      .toContain('No NCF model stored yet');
  });

  it('retrains NCF in the worker with live progress, then ranks with it', async () => {
    await page.click('#course-train');
    await expect
      .poll(() => page.locator('#course-status').textContent(), { timeout: 150_000 })
      .toMatch(/Trained courses-ncf in .* on wasm|Error/);
    expect(await page.locator('#course-status').textContent()).toMatch(/Trained courses-ncf in .* on wasm/);
    expect(await page.locator('#course-status').getAttribute('data-status')).toBe('done');
    expect(await page.locator('#course-chart canvas').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('#course-ncf li').count(), { timeout: 30_000 }).toBe(10);
    expect(await page.locator('#course-ncf-caption').textContent()).toContain('trained just now');
  }, 200_000);

  it('after a reload, restores NCF, GLMix and the blender from IndexedDB without retraining', async () => {
    await page.reload();
    await openTab();
    // Same stored versions, ranked by the ranking worker: nothing was retrained.
    for (const which of ['glmix', 'blend'] as const)
      expect(await caption(which)).toContain(`${trained[which]}, restored from IndexedDB without retraining`);
    expect(await page.locator('#course-glmix li').count()).toBe(10);
    expect(await page.locator('#course-blend-caption').textContent()).toMatch(/NCF -?\d\.\d\d, GLMix -?\d\.\d\d/);
    await expect
      .poll(() => page.locator('#course-ncf-caption').textContent(), { timeout: 30_000 })
      .toContain('restored from IndexedDB without retraining');
    expect(await page.locator('#course-ncf li').count()).toBe(10);
    expect(await page.locator('#course-status').getAttribute('data-status')).not.toBe('training');
  });

  it('explains a malformed CSV and never uploads it', async () => {
    const before = requests.all.length;
    await page.setInputFiles('#course-csv', {
      name: 'broken.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('userId,movieId,rating,timestamp\n1,2\n'),
    });
    await expect
      .poll(() => page.locator('#course-upload-status').getAttribute('data-status'), { timeout: 30_000 })
      .toBe('error');
    expect(await page.locator('#course-upload-status').textContent()).toMatch(/broken\.csv/);
    // Read in the page: no request at all went out for it, and nothing ever left the origin.
    expect(requests.all.slice(before).filter((u) => !u.includes('/node_modules/') && !u.includes('/@'))).toEqual([]);
    expect(requests.foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('accepts a CSV with repeated pairs and no timestamp column, says what it did, and trains on it', async () => {
    const rows = ['userId,movieId,rating'];
    for (let u = 1; u <= 30; u++)
      for (let i = 0; i < 8; i++) rows.push(`${u},${(u * 3 + i * 7) % 40},${1 + ((u + i) % 5)}`);
    rows.push('1,3,5', '1,3,4', '2,6,1'); // (1, 3) and (2, 6) repeat: 3 rows dropped in all
    await page.setInputFiles('#course-csv', {
      name: 'mine.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${rows.join('\r\n')}\r\n`),
    });
    const status = page.locator('#course-upload-status');
    const report =
      'mine.csv: 240 ratings, 30 users, 40 items (3 repeated (user, item) rows dropped, kept the latest of each pair; no timestamp column: file order is time).';
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toContain(report);
    // The worker streams the same File through a blob: URL and trains on it; the report stays shown.
    await expect
      .poll(() => status.textContent(), { timeout: 120_000 })
      .toMatch(/Top 10 for user 1 \(trained here, never uploaded\)|Could not/);
    expect(await status.textContent()).toBe(`${report} Top 10 for user 1 (trained here, never uploaded):`);
    expect(await status.getAttribute('data-status')).toBe('ok');
    expect(await page.locator('#course-upload-list li').count()).toBe(10);
    expect(requests.foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 150_000);
});
