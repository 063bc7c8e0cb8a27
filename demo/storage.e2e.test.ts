import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DB_NAME } from '../src/store/schema.ts';
import {
  recordRequests,
  startDevServer,
  tempProfile,
  type DevServer,
  type Profile,
  type RequestLog,
} from '../src/testing/e2e.ts';

// Talent search and the feed keep their models in IndexedDB: a browser restart (same profile) brings
// both back without retraining, and a model the browser evicted is said to be gone, with a retrain button.
let dev: DevServer;
let profile: Profile;
let context: BrowserContext | undefined;
let requests: RequestLog;
const pageErrors: string[] = [];

beforeAll(async () => {
  [dev, profile] = await Promise.all([startDevServer('demo'), tempProfile()]);
});

afterAll(async () => {
  await context?.close();
  await profile?.remove();
  await dev?.close();
});

/** Starts the browser on the profile (again) and opens the demo. */
async function openDemo(): Promise<Page> {
  await context?.close();
  current = undefined;
  context = await profile.open();
  context.setDefaultTimeout(60_000);
  requests = recordRequests(context, dev.origin);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.setViewportSize({ width: 1200, height: 1000 });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${dev.origin}/`);
  current = page;
  return page;
}

const status = (page: Page, tab: 'talent' | 'feed') => page.locator(`#${tab}-status`);
const state = (page: Page, tab: 'talent' | 'feed') => () => status(page, tab).getAttribute('data-status');

async function searchTalent(page: Page): Promise<string[]> {
  await page.selectOption('#talent-title', (await page.locator('#talent-title option').nth(4).getAttribute('value'))!);
  await page.click('#talent-search');
  await expect.poll(() => page.locator('#talent-results > li').count()).toBe(10);
  return page.locator('#talent-results > li').allTextContents();
}

let current: Page | undefined;
const openPage = async (): Promise<Page> => current ?? openDemo();

/** Deletes the weights records of `ids` behind the store's back, as an eviction of their bytes would. */
async function evictWeights(page: Page, ids: string[]): Promise<void> {
  await page.evaluate(
    async ([name, gone]) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        [open.onsuccess, open.onerror] = [() => resolve(open.result), () => reject(open.error)];
      });
      const tx = db.transaction('weights', 'readwrite');
      for (const id of gone) tx.objectStore('weights').delete(id);
      await new Promise((resolve) => (tx.oncomplete = resolve));
      db.close();
    },
    [DEFAULT_DB_NAME, ids] as const,
  );
}

const feedRows = (page: Page) => page.locator('#feed-items tbody').textContent();

describe('demo: talent and feed models kept on this device', () => {
  let talentHits: string[];
  let feed: string | null;

  it('trains both on small worlds, saves them and shows usage against quota', async () => {
    const page = await openDemo();
    await page.click('#tab-talent');
    expect(await status(page, 'talent').textContent()).toBe('Not trained yet.');
    await page.fill('#talent-members', '1000');
    await page.click('#talent-train');
    await page.click('#tab-feed');
    expect(await status(page, 'feed').textContent()).toBe('Not trained yet.');
    await page.fill('#feed-members', '500');
    await page.click('#feed-train');
    await expect.poll(state(page, 'feed'), { timeout: 120_000 }).toBe('done');
    expect(await status(page, 'feed').textContent()).toMatch(/kept on this device \(saved /);
    await page.locator('#feed-items tbody tr').first().waitFor();
    feed = await feedRows(page);

    await page.click('#tab-talent');
    await expect.poll(state(page, 'talent'), { timeout: 240_000 }).toBe('done');
    expect(await status(page, 'talent').textContent()).toMatch(
      /^Trained on 1,000 simulated members; .* Kept on this device \(saved /,
    );
    talentHits = await searchTalent(page);

    // The header's storage line: usage against quota, refreshed after the saves, and why to persist.
    const line = page.locator('#storage');
    await expect.poll(async () => Number(await line.getAttribute('data-usage'))).toBeGreaterThan(100_000);
    expect(Number(await line.getAttribute('data-quota'))).toBeGreaterThan(
      Number(await line.getAttribute('data-usage')),
    );
    expect(await page.locator('#storage-usage').textContent()).toMatch(
      /^storage: [\d.]+ (kB|MB) of [\d.]+ (MB|GB|TB) used$/,
    );
    if ((await line.getAttribute('data-persisted')) !== 'true') {
      expect(await page.locator('#storage-why').textContent()).toMatch(/may evict/);
      await page.click('#storage-persist');
      await expect.poll(() => page.locator('#storage-why').textContent()).toMatch(/granted|declined/);
    }
  }, 400_000);

  it('after a browser restart both tabs restore what was stored, say so, and answer as before', async () => {
    const page = await openDemo();
    await page.click('#tab-talent');
    await expect.poll(state(page, 'talent'), { timeout: 60_000 }).toBe('done');
    expect(await status(page, 'talent').textContent()).toMatch(
      /^Restored from this device's storage, trained .+: 1,000 simulated members; LINE ran on /,
    );
    // LINE did not train again: one map, drawn from the restored vectors.
    expect(await page.locator('#talent-map').getAttribute('data-updates')).toBe('1');
    expect(await page.locator('#talent-map-caption').textContent()).toMatch(/restored from this device's storage$/);
    expect(await searchTalent(page)).toEqual(talentHits);
    await page.screenshot({ path: '/tmp/demo-talent-restored.png' });

    await page.click('#tab-feed');
    await expect.poll(state(page, 'feed'), { timeout: 60_000 }).toBe('done');
    expect(await status(page, 'feed').textContent()).toMatch(
      /^Restored from this device's storage, trained .+ on 500 simulated members/,
    );
    expect(await page.inputValue('#feed-members')).toBe('500');
    expect(await page.locator('#feed-replay tbody tr').count()).toBe(3); // the stored evaluation
    await page.locator('#feed-items tbody tr').first().waitFor();
    expect(await feedRows(page)).toBe(feed);
    await page.screenshot({ path: '/tmp/demo-feed-restored.png', fullPage: true });

    // The Models tab lists both bundles (with Delete) and does not try to rank with them.
    await page.click('#tab-models');
    for (const id of ['talent-search', 'feed']) await page.locator(`#models-table tr[data-model="${id}"]`).waitFor();
    expect(await page.locator('#train-status [role="alert"]').count()).toBe(0);
    expect(pageErrors).toEqual([]);
    expect(requests.foreign).toEqual([]);
  });

  it('a model whose weights the browser evicted is said to be gone, with a retrain button that works', async () => {
    // The browser drops the weights of both (the infos stay listed) while the demo is closed.
    await evictWeights(await openPage(), ['talent-search', 'feed']);
    const page = await openDemo();
    await page.click('#tab-talent');
    await expect.poll(state(page, 'talent'), { timeout: 60_000 }).toBe('missing');
    expect(await status(page, 'talent').textContent()).toMatch(/gone \(the browser may have evicted it/);
    expect(await page.locator('#talent-retrain').isVisible()).toBe(true);
    await page.click('#tab-feed');
    await expect.poll(state(page, 'feed'), { timeout: 60_000 }).toBe('missing');
    expect(await page.locator('#feed-retrain').isVisible()).toBe(true);
    await page.click('#feed-retrain');
    await expect.poll(state(page, 'feed'), { timeout: 120_000 }).toBe('done');
    expect(await status(page, 'feed').textContent()).toMatch(/kept on this device/);
    expect(await page.locator('#feed-retrain').isVisible()).toBe(false);
    expect(pageErrors).toEqual([]);
  }, 150_000);
});
