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

const status = () => page.locator('#profile-status');
const recTitles = () => page.locator('#profile-recs .title').allTextContents();
const historyTitles = () => page.locator('#profile-history li span').allTextContents();

/** The interactions stored in the profile database, read straight from IndexedDB (not through the demo). */
function storedItems(): Promise<unknown[][]> {
  return page.evaluate(
    () =>
      new Promise<unknown[][]>((resolve, reject) => {
        const open = indexedDB.open('linkrec-personal');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('profiles')) return resolve((db.close(), []));
          const all = db.transaction('profiles').objectStore('profiles').getAll();
          all.onsuccess = () => {
            db.close();
            resolve(
              (all.result as { interactions: { item: unknown }[] }[]).map((r) => r.interactions.map((i) => i.item)),
            );
          };
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

/** Types `text` in the search and adds the first match; returns its title. */
async function addFirstMatch(text: string): Promise<string> {
  await page.fill('#profile-search', text);
  const button = page.locator('#profile-matches button').first();
  await button.waitFor();
  const title = (await button.textContent())!.replace(/^Add “|”$/g, '');
  // The keyboard path: Enter in the search adds the first match.
  await page.focus('#profile-search');
  await page.keyboard.press('Enter');
  return title;
}

/** Waits for the profile to answer (ready or error: a change always ends in one), and wants ready. */
const settled = async () => {
  await expect.poll(() => status().getAttribute('data-status'), { timeout: 60_000 }).toMatch(/^(ready|error)$/);
  expect([await status().getAttribute('data-status'), await status().textContent()]).toEqual([
    'ready',
    expect.any(String),
  ]);
};

describe('demo Courses tab: Your profile', () => {
  it('without a stored NCF model, says so and points at the train button', async () => {
    await page.click('#tab-courses');
    await expect.poll(() => status().getAttribute('data-status'), { timeout: 60_000 }).toBe('missing');
    expect(await status().textContent()).toMatch(
      /No courses-ncf model is stored on this device yet: press “Retrain NCF/,
    );
    expect(await page.locator('#profile-privacy').textContent()).toMatch(/stays on this device/);
    expect(await page.locator('#profile-search').isVisible()).toBe(true);
  });

  it('after the tab trains NCF, ranks for picked courses with reasons; forget one changes the list and the store', async () => {
    // GLMix and the blender train first when the tab opens; the NCF button is free once they are done.
    await page.locator('#course-blend li').nth(9).waitFor({ timeout: 150_000 });
    await page.click('#course-train');
    await expect
      .poll(() => page.locator('#course-status').textContent(), { timeout: 150_000 })
      .toMatch(/Trained courses-ncf in .* on wasm|Error/);
    expect(await page.locator('#course-status').textContent()).toMatch(/Trained courses-ncf/);
    await settled();
    expect(await status().textContent()).toMatch(/No courses in your profile yet/);

    const first = await addFirstMatch('a');
    await expect.poll(historyTitles, { timeout: 30_000 }).toEqual([first]);
    await settled();
    const second = await addFirstMatch('e');
    await expect.poll(historyTitles, { timeout: 30_000 }).toEqual([first, second]);
    await settled();
    expect(await status().textContent()).toBe('2 courses in your profile.');
    const both = await recTitles();
    expect(both).toHaveLength(10);
    expect(both).not.toContain(first);
    expect(both).not.toContain(second);
    expect(await page.locator('#profile-caption').textContent()).toMatch(
      /^courses-ncf v\d+, ranked for your history on this device/,
    );
    for (const reason of await page.locator('#profile-recs .reason').allTextContents())
      expect(reason).toMatch(
        new RegExp(
          `^Because you watched “(${esc(first)}|${esc(second)})”|^Ranked by the model from your whole history`,
        ),
      );
    const stored = await storedItems();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toHaveLength(2);
    // The filled panel passes axe, and fits a phone's width without sideways scrolling.
    await page.fill('#profile-search', 'e');
    expect(await seriousViolations(page, '#panel-courses')).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    // After the resize has been laid out (the lists re-render on resize events).
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page, '#panel-courses')).toEqual([]);
    await page.locator('.profile').screenshot({ path: '/tmp/demo-phone-profile.png' });
    await page.setViewportSize({ width: 1200, height: 1000 });

    await page.click(`#profile-history button[aria-label="Forget “${first}”"]`);
    await expect.poll(historyTitles, { timeout: 30_000 }).toEqual([second]);
    await settled();
    expect(await status().textContent()).toBe('1 course in your profile.');
    const after = await recTitles();
    expect(after).toHaveLength(10);
    expect(after).not.toEqual(both);
    const [kept] = await storedItems();
    expect(kept).toHaveLength(1);
    expect(kept).not.toContain(stored[0][0]);
    expect(kept).toContain(stored[0][1]);
  }, 360_000);

  it('after a reload, restores the profile and its recommendations; "Forget me" empties it', async () => {
    const before = await recTitles();
    const history = await historyTitles();
    await page.reload();
    await page.click('#tab-courses');
    await expect.poll(historyTitles, { timeout: 60_000 }).toEqual(history);
    await settled();
    expect(await recTitles()).toEqual(before);

    // A second tab sees the same profile, and each tab sees the other's changes.
    const other = await demo.context.newPage();
    await other.goto(`${demo.dev.origin}/`);
    await other.click('#tab-courses');
    const otherHistory = () => other.locator('#profile-history li span').allTextContents();
    await expect.poll(otherHistory, { timeout: 60_000 }).toEqual(history);
    await other.fill('#profile-search', 'o');
    const added = (await other.locator('#profile-matches button').first().textContent())!.replace(/^Add “|”$/g, '');
    await other.locator('#profile-matches button').first().click();
    await expect.poll(historyTitles, { timeout: 30_000 }).toEqual([...history, added]);
    await settled();

    await page.click('#profile-forget-all');
    await expect.poll(historyTitles, { timeout: 30_000 }).toEqual([]);
    await expect.poll(otherHistory, { timeout: 30_000 }).toEqual([]);
    await other.close();
    await settled();
    expect(await status().textContent()).toMatch(/No courses in your profile yet/);
    expect(await page.locator('#profile-recs li').count()).toBe(0);
    expect(await storedItems()).toEqual([]);
    // Nothing about the person left this origin.
    expect(requests.foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
