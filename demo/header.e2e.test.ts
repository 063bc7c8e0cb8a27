import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemo, type DemoPage } from '../src/testing/e2e.ts';

let demo: DemoPage;
let page: Page;

beforeAll(async () => {
  demo = await openDemo({ width: 1100, height: 800 }, { consoleErrors: true });
  ({ page } = demo);
});

afterAll(() => demo?.close());

const choice = () => page.locator('#training-choice');
const chosen = () => choice().getAttribute('data-backend');

// SwiftShader WebGPU (src/testing/chromium.ts) is software: the training worker's probe must say so
// and train on wasm, while the baselines worker still reports its own backend beside it.
describe('demo header: one true account of the backends', () => {
  it('says which backend trains and why, from the measured probe, with a ? beside it', async () => {
    await expect.poll(chosen, { timeout: 90_000 }).toBe('wasm');
    const text = (await choice().innerText()).replace(/\s+/g, ' ');
    expect(text).toMatch(/^trains on wasm \? — measured (over )?[\d.]+× faster than webgpu \(software\)/);
    expect(text).toMatch(/wasm \(SIMD\) [\d.]+k? steps\/s vs webgpu \(google swiftshader, software\)/);
    expect(text).toMatch(/measured at .* in [\d.]+ s\)/);
    expect(await choice().getByRole('button', { name: 'What is Backend?' }).count()).toBe(1);
    await expect
      .poll(() => page.locator('#ranking-backend').getAttribute('data-backend'), { timeout: 60_000 })
      .toBe('wasm');
    await expect.poll(() => page.locator('#backend').getAttribute('data-backend'), { timeout: 60_000 }).toBe('webgpu');
    expect(await page.locator('#backend').innerText()).toMatch(/^baselines evaluate on webgpu/);
    // No training ran: nothing claims one did.
    expect(await page.locator('#training-backend').isHidden()).toBe(true);
  });

  it('answers from IndexedDB after a reload, and measures again on request', async () => {
    await page.reload();
    await expect.poll(chosen, { timeout: 90_000 }).toBe('wasm');
    expect(await choice().innerText()).toMatch(/kept in IndexedDB/);
    await page.click('#remeasure-backends');
    await expect.poll(chosen, { timeout: 90_000 }).toBe('wasm');
    expect(await choice().innerText()).not.toMatch(/kept in IndexedDB/);
    expect(demo.pageErrors).toEqual([]);
  });
});
