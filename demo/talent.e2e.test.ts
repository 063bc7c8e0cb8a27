import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemo, type DemoPage, type RequestLog } from '../src/testing/e2e.ts';
import { seriousViolations } from './axe-check.ts';
import { entityGraph, talentWorld } from '../src/talent.ts';

let demo: DemoPage;
let page: Page;
let requests: RequestLog;
let pageErrors: string[];

beforeAll(async () => {
  demo = await openDemo({ width: 1200, height: 1000 });
  ({ page, requests, pageErrors } = demo);
});

afterAll(() => demo?.close());

describe('demo Talent search tab', () => {
  it('trains LINE on WebGPU with a live company map, then ranks members for a query with reasons, by mean or max pooling', async () => {
    await page.click('#tab-talent');
    await page.click('#talent-train');
    await expect
      .poll(() => page.locator('#talent-status').getAttribute('data-status'), { timeout: 180_000 })
      .toBe('done');
    // The map was redrawn chunk by chunk while the company graph trained.
    const map = page.locator('#talent-map');
    expect(Number(await map.getAttribute('data-updates'))).toBeGreaterThan(3);
    expect(Number(await map.getAttribute('data-points'))).toBe(100);
    // LINE trained in the worker on WebGPU (SwiftShader here), and the tab says which kernel ran.
    expect(await page.locator('#talent-backend').getAttribute('data-backend')).toBe('webgpu');
    expect(await page.locator('#talent-backend').textContent()).toMatch(
      /^LINE trained on WebGPU \((subgroups×\d+ \((add|shuffle)\)|thread)\)$/,
    );
    expect(await page.locator('#talent-status').textContent()).toMatch(/LINE ran on WebGPU \(/);

    // The map's colour legend names the job families; the arrow keys read each company's name.
    const legend = await page.locator('#talent-map-legend li').allTextContents();
    expect(legend.length).toBeGreaterThan(3);
    expect(legend).toContain('Data Science & Machine Learning');
    await map.focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('#talent-map-hover').textContent()).toMatch(/^\S.* \(.+\)$/);
    expect(await map.getAttribute('title')).toBe(await page.locator('#talent-map-hover').textContent());

    // The default query (the example a new user sees) is read back: Python is a skill it found.
    await page.fill('#talent-skills', 'SQL, zzz-unknown-skill');
    await page.click('#talent-search');
    const echo = page.locator('#talent-echo');
    await expect.poll(() => echo.locator('[data-field="skills"]').textContent()).toBe('Skills found: Python, SQL');
    expect(await echo.locator('[data-field="title"]').textContent()).toBe('Title: Data Scientist (from the text)');
    expect(await echo.locator('[data-field="location"]').textContent()).toBe('Location: Berlin (from the text)');
    expect(await echo.locator('[data-field="unknown"]').textContent()).toBe(
      'Unknown skills (not in this model, left out): “zzz-unknown-skill”',
    );
    // P(accept) as a percentage, with its `?`.
    const p = await page.locator('#talent-results .p-accept').first().textContent();
    const pct = Number(/^P\(accept\) (\d+(?:\.\d)?)%$/.exec(p ?? '')?.[1]);
    expect(pct).toBeGreaterThan(0);
    expect(pct).toBeLessThan(100);
    expect(await page.locator('#talent-results li.candidate').first().locator('button.help').count()).toBe(2);
    // The pipeline's graph box counts are the graphs' sizes (rebuilt here from the same world spec).
    const world = talentWorld({ members: 4000, seed: 1 });
    const sizes = (['company', 'skill', 'title'] as const).map((kind) => {
      const g = entityGraph(world, kind);
      const plural = { company: 'companies', skill: 'skills', title: 'titles' }[kind];
      return `${plural}: ${g.n.toLocaleString('en-US')} vertices, ${g.src.length.toLocaleString('en-US')} edges`;
    });
    const graphsBox = page.locator('#talent-pipeline [data-stage="graphs"] button');
    expect(await graphsBox.locator('.figure').allTextContents()).toEqual(sizes);
    expect(await page.locator('#talent-pipeline [data-stage="pooling"] .figure').first().textContent()).toBe(
      'titles: 1 of 1 found a vector',
    );
    await page.click('#talent-pipeline [data-stage="line2"] button');
    const detail = page.locator('#talent-pipeline .pipeline-detail');
    expect(await detail.isVisible()).toBe(true);
    expect(await detail.textContent()).toContain('LINE: Large-scale Information Network Embedding, WWW 2015');
    await page.fill('#talent-skills', '');

    // A structured title plus free text naming a skill and a city.
    const option = page.locator('#talent-title option').nth(5);
    const [title, titleName] = [await option.getAttribute('value'), await option.textContent()];
    await page.selectOption('#talent-title', title as string);
    const city = await page.locator('#talent-location option').nth(2).textContent();
    await page.fill('#talent-text', `senior engineer in ${city}`);
    await page.click('#talent-search');
    const items = page.locator('#talent-results > li');
    // This search's answer has come (the echo and the list are shown together).
    await expect.poll(() => echo.locator('[data-field="title"]').textContent()).toBe(`Title: ${titleName} (picked)`);
    await expect.poll(() => items.count()).toBe(10);
    expect(await page.locator('#talent-results').getAttribute('data-pooling')).toBe('mean');
    expect(await items.first().locator('.reasons li').first().textContent()).toBe(`title matches: ${titleName}`);
    // The free text's city was read: some of the top ten are there, and say so.
    expect((await items.allTextContents()).some((t) => t.includes(`based in ${city}`))).toBe(true);
    expect(await items.first().locator('.reasons li').count()).toBeGreaterThan(1);
    const meanTop = await items.allTextContents();

    await page.selectOption('#talent-pooling', 'max');
    await expect.poll(() => page.locator('#talent-results').getAttribute('data-pooling')).toBe('max');
    expect(await items.count()).toBe(10);
    expect(await items.allTextContents()).not.toEqual(meanTop);

    // A new member, typed in: where they would rank for the search shown, why, and the names not known.
    await page.fill('#talent-new-titles', titleName as string);
    await page.fill('#talent-new-skills', 'zzz-not-a-skill');
    await page.fill('#talent-new-location', city as string);
    await page.click('#talent-new-rank');
    const newStatus = page.locator('#talent-new-status');
    await expect.poll(() => newStatus.getAttribute('data-status'), { timeout: 30_000 }).toMatch(/^(done|error)$/);
    expect(await newStatus.textContent()).toMatch(
      /^For the search above \(max pooling\), this member would rank #[\d,]+: [\d,]+ of the [\d,]+ members score as high or higher \(estimated P\(accept\) \d+(\.\d)?%\)\.$/,
    );
    expect(await page.locator('#talent-new-reasons li').allTextContents()).toContain(`title matches: ${titleName}`);
    expect(await page.locator('#talent-new-unknown').textContent()).toBe(
      'Not known to this model, left out: skill “zzz-not-a-skill”.',
    );
    expect(await seriousViolations(page, '#panel-talent')).toEqual([]);
    // Another search ranks them again: the line always speaks of the search shown.
    await page.selectOption('#talent-pooling', 'mean');
    await expect.poll(() => newStatus.textContent()).toMatch(/^For the search above \(mean pooling\)/);
    expect(await newStatus.getAttribute('data-status')).toBe('done');

    // At phone width the results, the echo, the map and its legend, and the pipeline fit without sideways scrolling.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    expect(page.workers().some((w) => w.url().includes('talent.worker'))).toBe(true);
    expect(pageErrors).toEqual([]);
    expect(requests.foreign).toEqual([]); // nothing left the page's origin
  }, 300_000); // it trains LINE and the two-tower in the page's worker: minutes on a loaded 2-core machine
});
