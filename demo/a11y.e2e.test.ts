import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemo, type DemoPage } from '../src/testing/e2e.ts';
import { seriousViolations } from './axe-check.ts';

let demo: DemoPage;
let page: Page;

beforeAll(async () => {
  demo = await openDemo({ width: 1200, height: 1000 });
  page = demo.page;
});

afterAll(() => demo?.close());

/** Moves the keyboard focus to the selected tab, as Tab from the page's start does, and returns its id. */
async function focusSelectedTab(): Promise<string> {
  await page.locator('body').focus();
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Tab');
    const role = await page.evaluate(() => document.activeElement?.getAttribute('role'));
    if (role === 'tab') return page.evaluate(() => document.activeElement!.id);
  }
  throw new Error('Tab never reached the tab bar');
}

const selectedTab = (): Promise<string | null> => page.locator('[role="tab"][aria-selected="true"]').getAttribute('id');
const focusedId = (): Promise<string> => page.evaluate(() => document.activeElement?.id ?? '');

// One page, tabs in order; each waits for the content a user sees first (only quick trainings run).
describe('demo accessibility', () => {
  it('switches tabs with the keyboard alone (WAI-ARIA tabs: one tab stop, arrows, Home, End)', async () => {
    expect(await focusSelectedTab()).toBe('tab-models');
    // Only the selected tab is in the Tab order.
    expect(await page.locator('[role="tab"][tabindex="0"]').count()).toBe(1);
    await page.keyboard.press('ArrowRight');
    expect([await selectedTab(), await focusedId()]).toEqual(['tab-baselines', 'tab-baselines']);
    await page.keyboard.press('ArrowRight'); // wraps round
    expect(await selectedTab()).toBe('tab-courses');
    await page.keyboard.press('End');
    expect(await selectedTab()).toBe('tab-baselines');
    await page.keyboard.press('Home');
    expect(await selectedTab()).toBe('tab-courses');
    await page.keyboard.press('ArrowLeft');
    expect(await selectedTab()).toBe('tab-baselines');
    expect(await page.locator('#panel-baselines').isVisible()).toBe(true);
    expect(await page.locator('[role="tabpanel"]:visible').count()).toBe(1);
    // Tab leaves the tab bar for the panel: the next stop is inside the shown panel.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('[role="tabpanel"]')?.id)).toBe('panel-baselines');
    // Back to Models for the next test.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('ArrowLeft');
    expect(await selectedTab()).toBe('tab-models');
  });

  it('Models: trains and recommends from the keyboard (Enter submits the form)', async () => {
    await page.selectOption('#train-kind', 'popular');
    await page.focus('#train-epochs'); // Enter in a text field submits its form (in a <select> it does not)
    await page.keyboard.press('Enter');
    await page.locator('#models-table').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('#rec-source').textContent(), { timeout: 30_000 }).toMatch(/trained just now/);
    await page.fill('#rec-user', '2');
    await page.focus('#rec-user');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#rec-source').textContent(), { timeout: 30_000 }).toMatch(/user 2\b/);
    expect(await seriousViolations(page, '#panel-models')).toEqual([]);
  });

  it('Courses: no serious or critical axe violations', async () => {
    await page.click('#tab-courses');
    await page.locator('#course-blend li').nth(9).waitFor({ timeout: 60_000 });
    expect(await seriousViolations(page, '#panel-courses')).toEqual([]);
  });

  it('Talent search: no serious or critical axe violations', async () => {
    await page.click('#tab-talent');
    await page.locator('#talent-map').waitFor();
    expect(await seriousViolations(page, '#panel-talent')).toEqual([]);
  });

  it('Feed: trains from the keyboard (Enter in the form), then no serious or critical axe violations', async () => {
    await page.click('#tab-feed');
    await page.fill('#feed-members', '500');
    await page.focus('#feed-members');
    await page.keyboard.press('Enter');
    await page.locator('#feed-items tbody tr').first().waitFor({ timeout: 60_000 });
    expect(await seriousViolations(page, '#panel-feed')).toEqual([]);
  });

  it('Baselines: no serious or critical axe violations', async () => {
    await page.click('#tab-baselines');
    await page.locator('#run-baselines').waitFor();
    expect(await seriousViolations(page, '#panel-baselines')).toEqual([]);
    expect(demo.pageErrors).toEqual([]);
  });
});
