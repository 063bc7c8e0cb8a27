import { expect, it } from 'vitest';
import { recordRequests } from './e2e.ts';
import { useDevServerAndChromium } from './e2e-session.ts';

const session = useDevServerAndChromium();

// The demo's privacy assertion is only as good as this recorder: prove it sees what it must flag.
it('recordRequests flags requests to other origins from the page and from its workers', async () => {
  const context = await session.browser.newContext();
  const log = recordRequests(context, session.dev.origin);
  const page = await context.newPage();
  await page.goto(`${session.dev.origin}/idb.html`);
  await page.evaluate(async () => {
    await fetch('https://tracker.example/pixel').catch(() => undefined);
    const code = "fetch('https://cdn.example/model.bin').catch(() => undefined).then(() => postMessage('done'))";
    const worker = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
    await new Promise((resolve) => (worker.onmessage = resolve));
  });
  await context.close();

  expect(log.foreign).toEqual(['https://tracker.example/pixel', 'https://cdn.example/model.bin']);
  expect(log.all).toContain(`${session.dev.origin}/idb.html`);
  expect(log.all.some((url) => url.startsWith(`blob:${session.dev.origin}/`))).toBe(true);
});
