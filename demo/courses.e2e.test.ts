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
      const m = /(courses-\w+ v\d+), trained in the worker at \d/.exec(await caption(which));
      expect(m, which).not.toBeNull();
      trained[which] = m![1];
    }
    expect(await page.locator('#course-glmix .reason').first().textContent()).toMatch(
      /Teaches |where your skills are|at your seniority/,
    );
    expect(await page.locator('#course-learner option').count()).toBeGreaterThan(5);
    expect(await page.locator('#course-history li').count()).toBeGreaterThan(0);
    expect(await page.locator('#course-glmix li').count()).toBe(10);
    const reasons = await page.locator('#course-blend .reason').allTextContents();
    expect(reasons.every((r) => /watched "|Teaches |where your skills are|at your seniority/.test(r))).toBe(true);
    expect(await page.locator('#course-blend-caption').textContent()).toMatch(/NCF -?\d\.\d\d, GLMix -?\d\.\d\d/);
    await expect
      .poll(() => page.locator('#course-ncf-caption').textContent(), { timeout: 30_000 })
      .toContain('No NCF model stored yet');
  });

  it('draws the pipeline for the current learner from the stored blender, and redraws it for another', async () => {
    const figures = async (stage: string) =>
      (await page.locator(`#course-pipeline [data-stage="${stage}"] .figure`).allTextContents()).join(' | ');
    await expect.poll(() => figures('blend'), { timeout: 30_000 }).toMatch(/weights: NCF/);
    expect(await page.locator('#course-pipeline [data-stage]').count()).toBe(6);
    // The weights are the stored blender's (the caption reads them from the store's listing).
    const [, ncfW, glmixW] = /NCF (-?\d\.\d\d), GLMix (-?\d\.\d\d)/.exec(await caption('blend'))!;
    const w = /weights: NCF ([+−])(\d\.\d+), GLMix ([+−])(\d\.\d+)/.exec(await figures('blend'))!;
    const value = (sign: string, abs: string) => (sign === '−' ? -1 : 1) * Number(abs);
    expect(value(w[1], w[2]).toFixed(2)).toBe(Number(ncfW).toFixed(2));
    expect(value(w[3], w[4]).toFixed(2)).toBe(Number(glmixW).toFixed(2));
    // The learner tower's input is this learner's distinct watched courses (titles are distinct now).
    const learnerLine = async () => {
      const distinct = new Set(await page.locator('#course-history li').allTextContents()).size;
      return { distinct, figure: await figures('learner') };
    };
    const first = await learnerLine();
    expect(first.figure).toContain(`input: ${first.distinct} of ${first.distinct} watched courses`);
    const top = await page.locator('#course-blend li .title').first().textContent();
    expect(await figures('course')).toContain(`for “${top}”`);
    expect(await figures('glmix')).toMatch(/global [+−]\d\.\d{3} \| this learner's [+−]\d\.\d{3} \| this course's/);
    // Another learner: the caption and the figures follow.
    const options = await page
      .locator('#course-learner option')
      .evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value));
    await page.selectOption('#course-learner', options[3]);
    await expect
      .poll(() => page.locator('#course-pipeline .pipeline-caption').textContent(), { timeout: 30_000 })
      .toContain(`learner m${options[3]} `);
    const next = await learnerLine();
    expect(next.figure).toContain(`input: ${next.distinct} of ${next.distinct} watched courses`);
    // A box and a `?` open their explanations (with the paper).
    await page.click('#course-pipeline [data-stage="glmix"] button');
    expect(await page.locator('#course-pipeline .pipeline-detail').textContent()).toContain('Zhang et al.');
    await page.locator('#panel-courses button.help').first().click();
    expect(await page.locator('#explanation').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
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
    expect(await page.locator('#course-ncf-caption').textContent()).toMatch(
      /courses-ncf v\d+, trained in the worker at \d/,
    );
    // Each reason is that course's own evidence: reasons differ from item to item.
    const reasons = await page.locator('#course-ncf .reason').allTextContents();
    expect(new Set(reasons).size).toBeGreaterThanOrEqual(8);
    for (const r of reasons)
      expect(r).toMatch(/co-watch neighbours .*Watched by \d+ of 600 learners \(#\d+ of 100\)\.$/);
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

  it('accepts a CSV with repeated pairs and no timestamp column, trains on it, names items from a titles file, and ranks any of its users', async () => {
    const rows = ['userId,movieId,rating'];
    const rated = new Map<number, Set<number>>();
    const rate = (u: number, i: number) => rated.set(u, (rated.get(u) ?? new Set()).add(i));
    for (let u = 1; u <= 30; u++)
      for (let i = 0; i < 8; i++)
        rows.push(`${u},${(u * 3 + i * 7) % 40},${1 + ((u + i) % 5)}`), rate(u, (u * 3 + i * 7) % 40);
    rows.push('1,3,5', '1,3,4', '2,6,1'); // (1, 3) and (2, 6) repeat: 3 rows dropped in all
    rate(1, 3), rate(2, 6);
    // Titles first (two columns, no header, a BOM and CRLF line ends), for 39 of the 40 items.
    const titles = Array.from({ length: 39 }, (_, i) => `${i},Film ${i}`).join('\r\n');
    await page.setInputFiles('#course-titles', {
      name: 'titles.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`\uFEFF${titles}\r\n`),
    });
    await expect
      .poll(() => page.locator('#course-titles-status').textContent())
      .toContain('titles.csv: 39 titles read');
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
    expect(await page.locator('#course-titles-status').textContent()).toBe(
      'titles.csv: titles for 39 of the 40 items (1 shown by id).',
    );
    // Any user of the file: type one into the search box and press Enter.
    await page.fill('#course-upload-user', '7');
    await page.press('#course-upload-user', 'Enter');
    await expect.poll(() => status.textContent()).toContain('Top 10 for user 7 (trained here, never uploaded):');
    const shown = await page.locator('#course-upload-list li .title').allTextContents();
    expect(shown).toHaveLength(10);
    const ids = shown.map((t) => (t === 'item 39' ? 39 : Number(/^Film (\d+)$/.exec(t)![1])));
    for (const i of ids) expect(rated.get(7)!.has(i)).toBe(false); // unseen only
    // Each reason names only user 7's own items, and the item's true number of raters.
    const reasons = await page.locator('#course-upload-list .reason').allTextContents();
    expect(new Set(reasons).size).toBeGreaterThanOrEqual(8);
    reasons.forEach((r, t) => {
      for (const m of r.matchAll(/“Film (\d+)”/g)) expect(rated.get(7)!.has(Number(m[1]))).toBe(true);
      const raters = [...rated.values()].filter((s) => s.has(ids[t])).length;
      expect(r).toContain(`Rated by ${raters} of 30 users`);
    });
    await page.fill('#course-upload-user', 'nobody');
    await page.press('#course-upload-user', 'Enter');
    await expect.poll(() => status.textContent()).toContain('No user “nobody” in the file');
    expect(requests.foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 150_000);
});
