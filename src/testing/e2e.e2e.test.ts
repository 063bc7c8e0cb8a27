import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, recordRequests, startDevServer, type DevServer } from './e2e.ts';

let dev: DevServer;
let browser: Browser;

beforeAll(async () => {
  [dev, browser] = await Promise.all([startDevServer('src/testing/pages'), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await dev?.close();
});

// The demo's privacy assertion is only as good as this recorder: prove it sees what it must flag.
it('recordRequests flags requests to other origins from the page and from its workers', async () => {
  const context = await browser.newContext();
  const log = recordRequests(context, dev.origin);
  const page = await context.newPage();
  await page.goto(`${dev.origin}/idb.html`);
  await page.evaluate(async () => {
    await fetch('https://tracker.example/pixel').catch(() => undefined);
    const code = "fetch('https://cdn.example/model.bin').catch(() => undefined).then(() => postMessage('done'))";
    const worker = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
    await new Promise((resolve) => (worker.onmessage = resolve));
  });
  await context.close();

  expect(log.foreign).toEqual(['https://tracker.example/pixel', 'https://cdn.example/model.bin']);
  expect(log.all).toContain(`${dev.origin}/idb.html`);
  expect(log.all.some((url) => url.startsWith(`blob:${dev.origin}/`))).toBe(true);
});
