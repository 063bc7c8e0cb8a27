import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemo, repoRoot, type DemoPage, type DevServer, type RequestLog } from '../src/testing/e2e.ts';

let demo: DemoPage;
let dev: DevServer;
let page: Page;
let requests: RequestLog;
let pageErrors: string[];

beforeAll(async () => {
  demo = await openDemo({ width: 1100, height: 760 }, { consoleErrors: true });
  ({ dev, page, requests, pageErrors } = demo);
});

afterAll(() => demo?.close());

type ProgressWindow = Window & { progressValues: number[] };

// The tests share one page and run in order: header → tabs → a full baseline run.
describe('demo', () => {
  it('shows the backend running in the worker: WebGPU on the SwiftShader adapter', async () => {
    const backend = page.locator('#backend');
    await expect.poll(() => backend.getAttribute('data-backend'), { timeout: 30_000 }).toBe('webgpu');
    expect(await backend.locator('.adapter').textContent()).toContain('swiftshader');
  });

  it('has one tab per system, each showing only its own panel', async () => {
    const tabs = ['Courses', 'Talent search', 'Feed', 'Models', 'Baselines'];
    expect(await page.getByRole('tab').allTextContents()).toEqual(tabs);
    // Each system's own e2e file drives its panel; here: a click shows exactly that panel, mounted.
    const mounts: Record<string, string> = {
      Courses: '#courses-panel',
      'Talent search': '#talent-panel',
      Feed: '#feed-panel',
      Models: '#models-panel',
      Baselines: '#baselines',
    };
    for (const name of tabs) {
      await page.getByRole('tab', { name }).click();
      const panel = page.getByRole('tabpanel');
      expect(await panel.count()).toBe(1);
      expect(await panel.locator(mounts[name]).count()).toBe(1);
      await expect.poll(() => panel.locator(`${mounts[name]} > *`).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    }
    expect(await page.getByRole('tabpanel').getAttribute('id')).toBe('panel-baselines');
  });

  it('runs the baselines in a worker with a progress bar that advances to completion', async () => {
    // Record every value the bar takes, from before the click, so nothing between polls is missed.
    await page.evaluate(() => {
      const bar = document.querySelector('#baselines-progress') as HTMLProgressElement;
      const w = window as unknown as ProgressWindow;
      w.progressValues = [];
      new MutationObserver(() => w.progressValues.push(bar.value)).observe(bar, { attributeFilter: ['value'] });
    });
    await page.getByRole('button', { name: 'Run baselines' }).click();
    await page.locator('#baseline-results').waitFor({ timeout: 100_000 });

    const values = await page.evaluate(() => (window as unknown as ProgressWindow).progressValues);
    const max = Number(await page.locator('#baselines-progress').getAttribute('max'));
    expect(values.at(-1)).toBe(max);
    expect(values.filter((v) => v > 0 && v < max).length).toBeGreaterThan(4);
    expect(values.every((v, i) => i === 0 || v >= values[i - 1])).toBe(true);
    expect(page.workers().some((w) => w.url().includes('baselines.worker'))).toBe(true);
  });

  it('shows HR@10 and NDCG@10 for most-popular and item-kNN on ml-latest-small', async () => {
    for (const baseline of ['popular', 'itemknn']) {
      for (const metric of ['hr10', 'ndcg10']) {
        const cells = page.locator(`#baseline-results tr[data-baseline="${baseline}"] td[data-metric="${metric}"]`);
        const [sampled, full] = (await cells.allTextContents()).map(Number);
        expect(sampled).toBeGreaterThan(0);
        expect(sampled).toBeLessThanOrEqual(1);
        expect(full).toBeGreaterThanOrEqual(0);
        expect(full).toBeLessThanOrEqual(sampled); // ranking against every item is never easier
      }
    }
    const { users, items, ratings } = await countRatings();
    expect(await page.locator('#baseline-results caption').textContent()).toContain(
      `movielens-small/ratings.csv: ${users} users · ${items} items · ${ratings} ratings`,
    );
    await page.screenshot({ path: '/tmp/demo.png', fullPage: true });
  });

  it('made no request outside its own origin and logged no error', () => {
    expect(requests.all).toContain(`${dev.origin}/data/movielens-small/ratings.csv`);
    expect(requests.foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

/** Counts straight from the served file, formatted as the page shows them. */
async function countRatings(): Promise<{ users: string; items: string; ratings: string }> {
  const text = await readFile(join(repoRoot, 'public/data/movielens-small/ratings.csv'), 'utf8');
  const rows = text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','));
  const n = (x: number): string => x.toLocaleString('en');
  const distinct = (column: number): string => n(new Set(rows.map((r) => r[column])).size);
  return { users: distinct(0), items: distinct(1), ratings: n(rows.length) };
}
