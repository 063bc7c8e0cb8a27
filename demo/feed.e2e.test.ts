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

    // The feed: each item names its FPR, its scores and its top feature groups.
    await page.locator('#feed-items tbody tr').first().waitFor();
    const rows = page.locator('#feed-items tbody tr');
    expect(await rows.count()).toBeGreaterThan(3);
    const sources = await page.locator('#feed-items td.source').allTextContents();
    expect(sources.every((s) => ['network', 'jobs', 'news', 'pymk'].includes(s))).toBe(true);
    const pctr = Number(await rows.first().locator('td.pctr').textContent());
    expect(pctr).toBeGreaterThan(0);
    expect(await rows.first().locator('td.groups').textContent()).toMatch(/X_/);

    // Picking another member shows their feed.
    const before = await page.locator('#feed-items caption').textContent();
    const second = await page.locator('#feed-member option').nth(1).getAttribute('value');
    await page.selectOption('#feed-member', second!);
    await expect.poll(() => page.locator('#feed-items caption').textContent()).not.toBe(before);
    expect(await page.locator('#feed-items caption').textContent()).toContain(`member ${second}:`);

    await page.click('#feed-time');
    await expect.poll(() => page.locator('#feed-timing').textContent(), { timeout: 60_000 }).toMatch(/p99 [\d.]+ ms/);
    await page.screenshot({ path: '/tmp/demo-feed.png', fullPage: true });
    expect(pageErrors).toEqual([]);
    expect(requests.foreign).toEqual([]); // nothing left the page's origin
  });
});
