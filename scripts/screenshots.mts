/**
 * README screenshots, taken from the real demo so they never go stale: builds the demo (with its offline
 * service worker), serves it, drives each tab in headless Chromium until it shows real results, and
 * writes docs/screenshots/<tab>.png (a 1100 px wide window) plus one phone-width shot (390 px).
 *
 *   npm run screenshots          (or: npx tsx scripts/screenshots.mts)
 *
 * Trainings use small settings (a few minutes in all on a 2-core machine without a GPU). A tab that
 * fails is reported and the others are still taken; the exit code says whether all succeeded.
 */
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildAndServeDemo } from '../src/testing/demo-build.ts';
import { launchChromium, repoRoot } from '../src/testing/e2e.ts';

const OUT = join(repoRoot, 'docs/screenshots');
const DESKTOP = { width: 1100, height: 900 };
const PHONE = { width: 390, height: 844 };
const MINUTE = 60_000;

/** Polls `read` until `accept` holds (or throws after `timeout` ms). */
async function until<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeout: number): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > end) throw new Error(`timed out; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The element's text now ('' while it does not exist): never waits, so `until` keeps its own timeout. */
const text = (page: Page, selector: string) => () =>
  page.evaluate((sel) => document.querySelector(sel)?.textContent ?? '', selector);

/** Each tab: open it, bring it to real content. Order matters: Baselines compares the trained Models. */
const TABS: { name: string; file: string; header?: boolean; height?: number; show(page: Page): Promise<void> }[] = [
  {
    name: 'Models',
    file: 'models',
    header: true, // the first shot shows the header: backends, storage, "available offline"
    async show(page) {
      await page.click('#tab-models');
      await page.selectOption('#train-kind', 'mf');
      await page.fill('#train-epochs', '3');
      await page.fill('#train-dim', '16');
      await page.click('#train');
      await until(text(page, '#rec-source'), (t) => /trained just now/.test(t), 5 * MINUTE);
    },
  },
  {
    name: 'Baselines',
    file: 'baselines',
    async show(page) {
      await page.click('#tab-baselines');
      await page.click('#run-baselines');
      await page.locator('#baseline-results').waitFor({ timeout: 5 * MINUTE });
    },
  },
  {
    name: 'Courses',
    file: 'courses',
    height: 1050, // three dense columns: a shorter shot stays under ~200 kB
    async show(page) {
      await page.click('#tab-courses');
      await page
        .locator('#course-blend li')
        .nth(9)
        .waitFor({ timeout: 5 * MINUTE });
      // NCF trains on request (the tab's "Retrain NCF" button): the shot shows all three columns filled.
      await page.click('#course-train');
      await page
        .locator('#course-ncf li')
        .nth(9)
        .waitFor({ timeout: 5 * MINUTE });
    },
  },
  {
    name: 'Talent search',
    file: 'talent',
    async show(page) {
      await page.click('#tab-talent');
      await page.fill('#talent-members', '2000');
      await page.click('#talent-train');
      await until(
        () => page.locator('#talent-status').getAttribute('data-status'),
        (s) => s === 'done',
        8 * MINUTE,
      );
      await page.click('#talent-search');
      await page.locator('#talent-results > li').first().waitFor({ timeout: MINUTE });
    },
  },
  {
    name: 'Feed',
    file: 'feed',
    async show(page) {
      await page.click('#tab-feed');
      await page.fill('#feed-members', '2000');
      await page.click('#feed-train');
      await page
        .locator('#feed-items tbody tr')
        .first()
        .waitFor({ timeout: 5 * MINUTE });
    },
  },
];

/**
 * The column the demo lays out (not the empty margins), from the top of the page (`header`) or of the
 * tab bar, at most `height` px tall: the panel's own results, not only its introduction.
 */
async function shoot(page: Page, file: string, options: { header?: boolean; height?: number } = {}): Promise<void> {
  await page.evaluate(() => scrollTo(0, 0));
  const tabs = (await page.locator('nav.tabs').boundingBox())!;
  const pageHeight = await page.evaluate(() => document.documentElement.scrollHeight);
  const x = Math.max(0, tabs.x - 16);
  const y = options.header ? 0 : Math.max(0, tabs.y - 8);
  const width = Math.min(page.viewportSize()!.width - x, tabs.width + 32);
  const height = Math.min(options.height ?? 1300, pageHeight - y);
  const path = join(OUT, `${file}.png`);
  await page.screenshot({ path, fullPage: true, clip: { x, y, width, height }, animations: 'disabled', caret: 'hide' });
  console.log(`${path}  ${((await stat(path)).size / 1024).toFixed(0)} kB`);
}

await mkdir(OUT, { recursive: true });
const [demo, browser] = await Promise.all([buildAndServeDemo(), launchChromium()]);
const failures: string[] = [];
try {
  const page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
  page.on('pageerror', (error) => failures.push(`page error: ${error.message}`));
  await page.goto(`${demo.origin}/`);
  // The header then tells the truth a visitor sees after the first visit: "available offline".
  await until(
    () => page.locator('#offline-status').getAttribute('data-offline'),
    (s) => s === 'ready',
    MINUTE,
  );
  for (const tab of TABS) {
    const started = Date.now();
    try {
      await tab.show(page);
      await shoot(page, tab.file, { header: tab.header, height: tab.height });
      console.log(`  ${tab.name}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
    } catch (error) {
      failures.push(`${tab.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  // One phone-width shot, header included: the Feed tab just trained, at an iPhone 12-class width.
  await page.setViewportSize(PHONE);
  await shoot(page, 'phone-feed', { header: true, height: 1800 });
} finally {
  await browser.close();
  await demo.close();
}
if (failures.length) {
  console.error(`failed:\n${failures.join('\n')}`);
  process.exitCode = 1;
}
