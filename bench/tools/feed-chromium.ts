/**
 * Feed assembly timed inside the demo's ranking worker in real headless Chromium (for
 * `npm run bench -- feed --chromium`): drives the Feed tab at each world size, trains, then asks the
 * ranking worker to time 1,000 members' feeds.
 */
import { launchChromium, startDevServer } from '../../src/testing/e2e.ts';

/** p50 / p99 / mean ms in the ranking worker, by target inventory size. */
export async function timeInChromium(
  worlds: { target: number; members: number }[],
): Promise<Record<string, { p50_ms: number; p99_ms: number; mean_ms: number }>> {
  const [dev, browser] = await Promise.all([startDevServer('demo'), launchChromium()]);
  const out: Record<string, { p50_ms: number; p99_ms: number; mean_ms: number }> = {};
  try {
    for (const { target, members } of worlds) {
      const page = await browser.newPage();
      await page.goto(`${dev.origin}/`);
      await page.click('#tab-feed');
      await page.fill('#feed-members', String(members));
      await page.click('#feed-train');
      await page.waitForFunction(
        () => ['done', 'error'].includes(document.querySelector('#feed-status')?.getAttribute('data-status') ?? ''),
        null,
        { timeout: 600_000 },
      );
      await page.click('#feed-time');
      await page.waitForFunction(() => /p99/.test(document.querySelector('#feed-timing')?.textContent ?? ''), null, {
        timeout: 300_000,
      });
      const text = (await page.locator('#feed-timing').textContent()) ?? '';
      const num = (name: string): number => Number(new RegExp(`${name} ([\\d.]+) ms`).exec(text)?.[1]);
      out[String(target)] = { p50_ms: num('p50'), p99_ms: num('p99'), mean_ms: num('mean') };
      console.log(`chromium ranking worker, ${members} members (~${target} items): ${text}`);
      await page.close();
    }
  } finally {
    await browser.close();
    await dev.close();
  }
  return out;
}
