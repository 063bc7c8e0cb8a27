import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemo, type DemoPage, type RequestLog } from '../src/testing/e2e.ts';

let demo: DemoPage;
let page: Page;
let requests: RequestLog;
let pageErrors: string[];

beforeAll(async () => {
  demo = await openDemo({ width: 1200, height: 1000 });
  ({ page, requests, pageErrors } = demo);
});

afterAll(() => demo?.close());

describe('demo Feed tab', () => {
  it('trains in the training worker, shows the evaluation and an explained feed from the ranking worker', async () => {
    await page.click('#tab-feed');
    await page.fill('#feed-members', '3000');
    await page.click('#feed-train');
    await expect
      .poll(() => page.locator('#feed-status').getAttribute('data-status'), { timeout: 120_000 })
      .toBe('done');
    expect(page.workers().some((w) => w.url().includes('feed-train.worker'))).toBe(true);
    expect(page.workers().some((w) => w.url().includes('feed-rank.worker'))).toBe(true);

    // Evaluation: three replayed policies next to their truth, a 10-point calibration plot.
    expect(await page.locator('#feed-replay tbody tr').count()).toBe(3);
    const truth = async (policy: string): Promise<number> =>
      Number(await page.locator(`#feed-replay tr[data-policy="${policy}"] td.truth`).textContent());
    expect(await truth('spr_rerank')).toBeGreaterThan(await truth('fpr_only'));
    expect(await page.locator('#feed-calibration circle').count()).toBe(10);
    expect(await page.locator('#feed-metrics tbody td').count()).toBe(7);

    // The feed: each item names its FPR, its scores and its reasons — in words, with the codes kept in titles.
    await page.locator('#feed-items tbody tr').first().waitFor();
    const rows = page.locator('#feed-items tbody tr');
    expect(await rows.count()).toBeGreaterThan(3);
    const sources = await page.locator('#feed-items td.source').allTextContents();
    expect(sources.every((s) => ['network', 'jobs', 'news', 'pymk'].includes(s))).toBe(true);
    const pctr = Number(await rows.first().locator('td.pctr').textContent());
    expect(pctr).toBeGreaterThan(0);
    const visible = await page.locator('#feed-items').innerText();
    expect(visible).not.toMatch(/X_[a-z]+/);
    expect(visible).toMatch(/Up: |Down: /);
    const titles = await rows
      .first()
      .locator('td.groups li')
      .evaluateAll((lis) => lis.map((li) => li.getAttribute('title') ?? ''));
    expect(titles.length).toBe(6); // every group but the constant bias
    for (const t of titles) expect(t).toMatch(/^X_[a-z]+ [+−]\d/);
    await rows.first().screenshot({ path: '/tmp/demo-feed-row.png' });

    // Bars: one scale for the whole list, each as long as its group's |contribution|.
    const bars = await page
      .locator('#feed-items .bar')
      .evaluateAll((els) =>
        els.map((el) => ({ c: Number(el.getAttribute('data-contribution')), w: el.getBoundingClientRect().width })),
      );
    const pxPerUnit = Math.max(...bars.map((b) => b.w)) / Math.max(...bars.map((b) => Math.abs(b.c)));
    expect(pxPerUnit).toBeGreaterThan(0);
    for (const b of bars) expect(Math.abs(b.w - Math.abs(b.c) * pxPerUnit)).toBeLessThan(1);
    expect(await page.locator('#feed-items .bar.up').count()).toBeGreaterThan(0);
    expect(await page.locator('#feed-items .bar.down').count()).toBeGreaterThan(0);

    // The live pipeline shows this feed's run: the same candidate count as the list, each FPR's share.
    const candidates = Number(await page.locator('#feed-items').getAttribute('data-candidates'));
    expect(candidates).toBeGreaterThan(0);
    expect(await page.locator('#feed-items caption').textContent()).toContain(`from ${candidates} FPR candidates`);
    const box = (id: string) => page.locator(`#feed-pipeline li[data-stage="${id}"]`);
    expect(await box('candidates').textContent()).toContain(`${candidates.toLocaleString('en')} candidates`);
    const supplied = (await box('fprs').locator('.figure').allTextContents()).map((t) =>
      Number(/: (\d+) of/.exec(t)?.[1]),
    );
    expect(supplied.reduce((a, b) => a + b, 0)).toBe(candidates);
    expect(await box('spr').textContent()).toContain(`${candidates} scored in`);
    // Clicking a box opens its explanation, with the paper.
    await box('spr').locator('button').click();
    const detail = page.locator('#feed-pipeline .pipeline-detail');
    expect(await detail.isVisible()).toBe(true);
    expect(await detail.textContent()).toMatch(/Second-pass ranker[\s\S]*KDD 2014/);
    await page.locator('#feed-pipeline').screenshot({ path: '/tmp/demo-feed-pipeline.png' });

    // A `?` beside every metric of the evaluation; one opens the page's explanation.
    for (const table of ['#feed-metrics', '#feed-replay'])
      expect(await page.locator(`${table} thead th:has(button.help)`).count()).toBe(
        (await page.locator(`${table} thead th`).count()) - 1,
      );
    await page.locator('#feed-metrics thead button.help').first().click();
    expect(await page.locator('#explanation').textContent()).toContain('AUC');
    await page.keyboard.press('Escape');

    // Picking another member shows their feed, and the diagram follows.
    const before = await page.locator('#feed-items caption').textContent();
    const second = await page.locator('#feed-member option').nth(1).getAttribute('value');
    await page.selectOption('#feed-member', second!);
    await expect.poll(() => page.locator('#feed-items caption').textContent()).not.toBe(before);
    expect(await page.locator('#feed-items caption').textContent()).toContain(`member ${second}:`);
    expect(await page.locator('#feed-pipeline .pipeline-caption').textContent()).toContain(`member ${second}:`);
    const after = Number(await page.locator('#feed-items').getAttribute('data-candidates'));
    expect(await box('candidates').textContent()).toContain(`${after.toLocaleString('en')} candidates`);

    await page.click('#feed-time');
    await expect.poll(() => page.locator('#feed-timing').textContent(), { timeout: 60_000 }).toMatch(/p99 [\d.]+ ms/);
    await page.screenshot({ path: '/tmp/demo-feed.png', fullPage: true });
    expect(pageErrors).toEqual([]);
    expect(requests.foreign).toEqual([]); // nothing left the page's origin
  });
});
