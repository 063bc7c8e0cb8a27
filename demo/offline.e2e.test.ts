// The offline promise, checked in real Chromium: the built demo (vite build + its service worker) is
// visited once online, then reloaded with the network off, and every tab still starts its work — code,
// workers, tfjs wasm and the MovieLens files all come from the saved copy, and no request fails.
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAndServeDemo, type DemoBuild } from '../src/testing/demo-build.ts';
import { launchChromium, recordRequests, type RequestLog } from '../src/testing/e2e.ts';
import { seriousViolations } from './axe-check.ts';

let build: DemoBuild;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let requests: RequestLog;
const failed: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  [build, browser] = await Promise.all([buildAndServeDemo(), launchChromium()]);
  context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  requests = recordRequests(context, build.origin);
  context.on('requestfailed', (r) => failed.push(`${r.url()}: ${r.failure()?.errorText}`));
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // Every state the offline line takes, with whether a service worker controlled the page right then.
  await page.addInitScript(() => {
    const seen: { state: string; controlled: boolean }[] = [];
    (window as unknown as OfflineWindow).offlineStates = seen;
    new MutationObserver(() => {
      const state = document.querySelector<HTMLElement>('#offline-status')?.dataset.offline;
      if (state && state !== seen.at(-1)?.state)
        seen.push({ state, controlled: navigator.serviceWorker.controller !== null });
    }).observe(document, { subtree: true, childList: true, attributeFilter: ['data-offline'] });
  });
});

type OfflineWindow = Window & { offlineStates: { state: string; controlled: boolean }[] };
const offlineStates = () => page.evaluate(() => (window as unknown as OfflineWindow).offlineStates);

afterAll(async () => {
  await browser?.close();
  await build?.close();
});

const offlineState = () => page.locator('#offline-status').getAttribute('data-offline');

/** Every file of the build the service worker must hold, as paths from the site's root. */
async function builtFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .filter((path) => /\.(html|js|css|wasm)$|^data\/.*\.(csv|json)$|^models\/.*\.safetensors$/.test(path))
    .filter((path) => !/^(sw|workbox-[\w-]+)\.js$/.test(path)); // the worker itself is the browser's to keep
}

// In order, on one page: the first visit saves the copy, the offline reload runs from it.
describe('demo offline', () => {
  it('says "available offline" only once a service worker controls the page and holds the whole build', async () => {
    await page.goto(`${build.origin}/`);
    await expect.poll(offlineState, { timeout: 30_000 }).toBe('ready');
    expect(await offlineStates()).toEqual([
      { state: 'saving', controlled: false },
      { state: 'ready', controlled: true },
    ]);
    expect(await page.locator('#offline-status').textContent()).toBe('available offline');
    expect(await seriousViolations(page, '#offline-status')).toEqual([]);
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys())
        for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
      return { controlled: navigator.serviceWorker.controller !== null, urls };
    });
    expect(cached.controlled).toBe(true);
    const files = await builtFiles(build.outDir);
    expect(files).toContain('index.html');
    expect(files).toContain('data/movielens-small/ratings.csv');
    expect(files.filter((f) => f.endsWith('.wasm')).length).toBe(3);
    expect(files.filter((f) => !cached.urls.includes(`/${f}`))).toEqual([]);
  });

  it('reloads with the network off: the page says so and loads every file from the saved copy', async () => {
    const before = requests.all.length;
    await context.setOffline(true);
    await page.reload();
    await expect.poll(offlineState).toBe('offline');
    expect(await offlineStates()).toEqual([{ state: 'offline', controlled: true }]);
    expect(await page.locator('#offline-status').textContent()).toBe('offline: using the saved copy');
    expect(requests.all.length).toBeGreaterThan(before);
  });

  it('Models: trains on ratings.csv in the training worker and ranks with movies.csv titles, offline', async () => {
    await page.locator('#no-models').waitFor({ timeout: 30_000 });
    await page.selectOption('#train-kind', 'popular');
    await page.click('#train');
    await expect.poll(() => page.locator('#rec-source').textContent(), { timeout: 30_000 }).toMatch(/trained just now/);
    expect(await page.locator('.recs li').count()).toBe(10);
    // Titles come from movies.csv: not one falls back to a bare "item <id>".
    expect((await page.locator('.recs li').allTextContents()).filter((t) => /\bitem \d+/.test(t))).toEqual([]);
  });

  it('Baselines: the worker reads ratings.csv and the run advances, offline', async () => {
    await page.click('#tab-baselines');
    await page.click('#run-baselines');
    await expect
      .poll(async () => Number(await page.locator('#baselines-progress').getAttribute('value')), { timeout: 30_000 })
      .toBeGreaterThan(0);
  });

  it('Feed: generates its world and trains the second-pass ranker in the worker, offline', async () => {
    await page.click('#tab-feed');
    await page.fill('#feed-members', '500');
    await page.click('#feed-train');
    await expect
      .poll(() => page.locator('#feed-status').textContent(), { timeout: 30_000 })
      .toMatch(/SPR epoch \d+|Trained and evaluated/);
  });

  it('Talent search: generates its world and builds the entity graphs in the worker, offline', async () => {
    await page.click('#tab-talent');
    await page.fill('#talent-members', '1000');
    await page.click('#talent-train');
    // "Generating a world…" comes first; LINE running on a graph means the world and its graphs exist.
    await expect
      .poll(() => page.locator('#talent-status').textContent(), { timeout: 30_000 })
      .toMatch(/^LINE on the \w+ graph|^Training the two-tower|^Two-tower epoch/);
  });

  it('Courses: fits its models on the simulated learning world, offline', async () => {
    await page.click('#tab-courses');
    await expect
      .poll(() => page.locator('#course-status').textContent(), { timeout: 30_000 })
      .toMatch(/: epoch \d+\/\d+ on \w+, loss|^Trained courses-/);
  });

  it('never failed a request, never left the origin, threw no page error', () => {
    expect(failed).toEqual([]);
    expect(requests.foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
