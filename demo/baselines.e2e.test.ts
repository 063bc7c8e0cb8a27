import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemo, type DemoPage } from '../src/testing/e2e.ts';
import { seriousViolations } from './axe-check.ts';

let demo: DemoPage;
let page: Page;

beforeAll(async () => {
  demo = await openDemo({ width: 1100, height: 900 }, { consoleErrors: true });
  page = demo.page;
});

afterAll(() => demo?.close());

const compared = () => page.locator('#baselines-models');
const cells = (row: string) => page.locator(`#baseline-results tr${row} td`).allTextContents();

// One page, in order: nothing stored → a tiny model trained in the Models tab and one on the split →
// both ranked beside the baselines on the same split → every metric heading explains itself.
describe('demo Baselines tab: trained models beside the baselines', () => {
  it('says how to get a row of your own while no model is stored', async () => {
    await page.click('#tab-baselines');
    await expect
      .poll(() => compared().textContent(), { timeout: 30_000 })
      .toBe('Train a model in the Models tab to compare it here.');
  });

  it('lists a model trained in the Models tab, and trains one on the protocol’s split', async () => {
    await page.click('#tab-models');
    await page.selectOption('#train-kind', 'popular');
    await page.click('#train');
    await page.locator('#recommendations li').first().waitFor({ timeout: 60_000 });
    await page.click('#tab-baselines');
    await expect
      .poll(() => compared().textContent(), { timeout: 10_000 })
      .toMatch(/movielens-popular v\d+ \(popular\)/);

    await page.selectOption('#split-kind', 'popular');
    await page.click('#train-split');
    await expect
      .poll(() => page.locator('#split-status').textContent(), { timeout: 60_000 })
      .toMatch(/^Trained movielens-popular-split v\d+ on the training split/);
    await expect.poll(() => compared().textContent()).toContain('movielens-popular-split');
  });

  it('ranks each stored model on the same split, saying what it was trained on', async () => {
    await page.getByRole('button', { name: 'Run baselines' }).click();
    await page.locator('#baseline-results').waitFor({ timeout: 180_000 });
    const leaky = page.locator('#baseline-results tr[data-model="movielens-popular"]');
    expect(await leaky.getAttribute('data-trained-on')).toBe('all-ratings');
    // The Models tab keeps a validation slice of up to 200 users' latest ratings aside: the row says so.
    expect(await leaky.locator('th').textContent()).toMatch(
      /but up to 200 users’ latest .* saw the other held-out ratings/,
    );
    const fair = page.locator('#baseline-results tr[data-model="movielens-popular-split"]');
    expect(await fair.getAttribute('data-trained-on')).toBe('protocol-split');
    // Most-popular trained on the split IS the most-popular baseline: same split, same negatives, same figures.
    expect(await cells('[data-model="movielens-popular-split"]')).toEqual(await cells('[data-baseline="popular"]'));
    for (const value of (await cells('[data-model="movielens-popular"]')).map(Number)) {
      expect(value).toBeGreaterThan(0);
      expect(value).toBeLessThanOrEqual(1);
    }
  });

  it('puts a ? beside every metric heading, each opening its explanation', async () => {
    const helps = page.locator('#baseline-results thead th[data-metric] button.help');
    expect(await helps.count()).toBe(6);
    const titles = { hr10: 'HR@10', ndcg10: 'NDCG@10', mrr: 'MRR' };
    for (const [metric, title] of Object.entries(titles)) {
      await page.locator(`#baseline-results thead th[data-metric="${metric}"] button.help`).last().click();
      await expect.poll(() => page.locator('#explanation h3').textContent()).toContain(title);
      expect(await page.locator('#explanation').isVisible()).toBe(true);
      await page.keyboard.press('Escape');
    }
    await page.locator('#baseline-results tr[data-model="movielens-popular"] button.help').click();
    await expect.poll(() => page.locator('#explanation h3').textContent()).toBe('Trained on most of the answers');
    await page.keyboard.press('Escape');
    expect(await seriousViolations(page, '#panel-baselines'), 'the results table with its model rows').toEqual([]);
    // At phone width the wider table scrolls inside its own box, never the page.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(demo.pageErrors).toEqual([]);
  });
});
