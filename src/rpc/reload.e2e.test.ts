/**
 * A page reloaded mid-training (real workers, real IndexedDB, Chromium driven by playwright): the new
 * page load finds the stored checkpoint and resumes; the final model is complete; and no request of
 * the page or its workers left its origin.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { recordRequests } from '../testing/e2e.ts';
import { useDevServerAndChromium } from '../testing/e2e-session.ts';
import { RPC_MODEL_ID, type RpcPage } from '../testing/pages/rpc-pattern.ts';
import type { TrainProgress } from './protocol.ts';

type RpcWindow = Window & { rpcPage: RpcPage; marker?: string };

const session = useDevServerAndChromium();

const events = (page: Page): Promise<TrainProgress[]> =>
  page.evaluate(() => (window as unknown as RpcWindow).rpcPage.events);

async function ready(page: Page): Promise<void> {
  await page.locator('#status', { hasText: 'ready' }).waitFor();
}

it('a reload mid-training resumes from the stored checkpoint and finishes the model, all on this origin', async () => {
  const context = await session.browser.newContext();
  const requests = recordRequests(context, session.dev.origin);
  const page = await context.newPage();
  await page.goto(`${session.dev.origin}/rpc.html`);
  await ready(page);
  expect(await page.evaluate(() => (window as unknown as RpcWindow).rpcPage.resumedOnLoad)).toBe(false);

  // Started without waiting for it: the reload below ends it.
  await page.evaluate(() => void (window as unknown as RpcWindow).rpcPage.train().catch(() => undefined));
  await page.waitForFunction(
    () => (window as unknown as RpcWindow).rpcPage.events.filter((e) => e.status === 'checkpoint').length >= 2,
  );
  const before = await events(page);
  await page.evaluate(() => ((window as unknown as RpcWindow).marker = 'old page'));
  await page.reload();
  await ready(page);
  expect(await page.evaluate(() => (window as unknown as RpcWindow).marker)).toBeUndefined();
  expect(await page.evaluate(() => (window as unknown as RpcWindow).rpcPage.resumedOnLoad)).toBe(true);

  await page.waitForFunction(
    () => {
      const p = (window as unknown as RpcWindow).rpcPage;
      return p.result !== null || p.error !== null;
    },
    undefined,
    { timeout: 90_000 },
  );
  const page2 = await page.evaluate(() => {
    const p = (window as unknown as RpcWindow).rpcPage;
    return { result: p.result, error: p.error, events: p.events };
  });
  expect(page2.error).toBeNull();

  // The old page stored checkpoints; the new one started from the newest of them (or a later one,
  // stored after the old page last heard) and never from scratch.
  const lastSeen = before.filter((e) => e.status === 'checkpoint').at(-1);
  const start = page2.events[0];
  if (start?.status !== 'start' || !start.resumedFrom || lastSeen?.status !== 'checkpoint') {
    throw new Error(`expected a resumed start after seeing a checkpoint: ${JSON.stringify([start, lastSeen])}`);
  }
  const steps = (c: { epoch: number; step: number }) => c.epoch * 1000 + c.step;
  expect(steps(start.resumedFrom)).toBeGreaterThanOrEqual(steps(lastSeen.cursor));
  expect(page2.events.at(-1)).toMatchObject({ status: 'done', epochs: 3 });
  const result = page2.result!;
  expect(result.info).toMatchObject({ id: RPC_MODEL_ID, kind: 'mf' });
  expect(result.info.checkpoint).toBeUndefined();
  expect(result.info.metrics.epochs).toBe(3);

  const ranked = await page.evaluate(
    (version) => (window as unknown as RpcWindow).rpcPage.recommend({ modelId: 'reload-mf', version, user: 1, k: 5 }),
    result.info.version,
  );
  expect(ranked.items).toHaveLength(5);

  await context.close();
  expect(requests.all.some((url) => url.endsWith('/data/movielens-small/ratings.csv'))).toBe(true);
  expect(requests.foreign).toEqual([]);
});
