import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemo, type DemoPage } from '../src/testing/e2e.ts';
import { seriousViolations } from './axe-check.ts';

/** An iPhone 12-class viewport: every tab must fit its width, with no sideways scrolling. */
const PHONE = { width: 390, height: 844 };

let demo: DemoPage;
let page: Page;

beforeAll(async () => {
  demo = await openDemo(PHONE);
  page = demo.page;
});

afterAll(() => demo?.close());

/** What overflows the viewport's width, measured in the page. */
interface Overflow {
  scrollWidth: number;
  innerWidth: number;
  /** Visible elements whose box ends past the right edge and that no scrolling container clips. */
  offenders: string[];
}

/**
 * Every visible element's box against the viewport's right edge. An element inside a container that
 * scrolls or clips horizontally (a wide table in its own scroll box) is that container's business: the
 * container itself is checked like any other element.
 */
function measureOverflow(page: Page): Promise<Overflow> {
  return page.evaluate(() => {
    const clipped = (el: Element): boolean => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement)
        if (getComputedStyle(p).overflowX !== 'visible') return true;
      return false;
    };
    const name = (el: Element): string => {
      const id = el.id ? `#${el.id}` : '';
      const cls =
        typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      const text = (el.textContent ?? '').trim().slice(0, 40);
      return `${el.tagName.toLowerCase()}${id}${cls}${text ? ` "${text}"` : ''}`;
    };
    const offenders: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      if (box.right > innerWidth + 0.5 && !clipped(el)) offenders.push(`${name(el)} right=${Math.round(box.right)}`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth, offenders };
  });
}

/** Fails with the offending elements listed, so a regression names its culprit. */
async function expectNoSidewaysScroll(tab: string): Promise<void> {
  const { scrollWidth, innerWidth, offenders } = await measureOverflow(page);
  expect(offenders, `${tab}: elements past the right edge (${innerWidth}px):\n${offenders.join('\n')}`).toEqual([]);
  expect(scrollWidth, `${tab}: document is wider than the viewport`).toBeLessThanOrEqual(innerWidth);
  // The narrow layout is checked for accessibility too: boxes that only scroll here must take the keyboard.
  const panel = await page.locator('[role="tabpanel"]:visible').getAttribute('id');
  expect(await seriousViolations(page, `#${panel}`), `${tab} at phone width`).toEqual([]);
  await page.screenshot({ path: `/tmp/demo-phone-${panel}.png`, fullPage: true });
}

/** Widths of the elements matching `selector` that are shown. */
const widths = (selector: string): Promise<number[]> =>
  page.locator(selector).evaluateAll((els) => els.map((el) => el.getBoundingClientRect().width).filter((w) => w > 0));

// One page, tabs in order; each waits for what a user sees first, and only quick trainings run.
describe('demo at phone width (390 × 844)', () => {
  it('Models: the form, a stored model and its recommendations fit the width', async () => {
    await page.selectOption('#train-kind', 'popular');
    await page.click('#train');
    await page.locator('#models-table').waitFor({ timeout: 30_000 });
    await page.locator('#recommendations li').first().waitFor({ timeout: 30_000 });
    await expectNoSidewaysScroll('Models');
    for (const w of await widths('#panel-models, #models-panel')) expect(w).toBeGreaterThanOrEqual(300);
  });

  it('Courses: the three lists stack into full-width columns', async () => {
    await page.click('#tab-courses');
    await page.locator('#course-blend li').nth(9).waitFor({ timeout: 60_000 });
    await expectNoSidewaysScroll('Courses');
    const columns = await widths('.course-col');
    expect(columns).toHaveLength(3);
    for (const w of columns) expect(w).toBeGreaterThanOrEqual(300);
  });

  it('Talent search: the form and the company map fit the width', async () => {
    await page.click('#tab-talent');
    await page.locator('#talent-map').waitFor();
    await expectNoSidewaysScroll('Talent search');
    for (const w of await widths('#talent-panel, #talent-map')) expect(w).toBeGreaterThanOrEqual(300);
  });

  it('Feed: the evaluation and the explained feed scroll inside their own boxes', async () => {
    await page.click('#tab-feed');
    await page.fill('#feed-members', '500');
    await page.click('#feed-train');
    await page.locator('#feed-items tbody tr').first().waitFor({ timeout: 60_000 });
    await expectNoSidewaysScroll('Feed');
    // The wide feed table stays reachable: its box scrolls sideways on its own, and takes the keyboard.
    const box = page.locator('.table-scroll:has(#feed-items)');
    expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await box.getAttribute('tabindex')).toBe('0');
    for (const w of await widths('#feed-panel, .table-scroll:has(#feed-items)')) expect(w).toBeGreaterThanOrEqual(300);
  });

  it('Baselines: the run button and progress fit the width', async () => {
    await page.click('#tab-baselines');
    await page.locator('#run-baselines').waitFor();
    await expectNoSidewaysScroll('Baselines');
    for (const w of await widths('#baselines')) expect(w).toBeGreaterThanOrEqual(300);
    expect(demo.pageErrors).toEqual([]);
  });
});
