import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, tempProfile, type DevServer, type Profile } from '../testing/e2e.ts';
import type { ProbeWindow, StateSpec, StoreProbe } from '../testing/pages/store-probe.ts';

// An on-disk profile: IndexedDB as users have it, not an incognito context's in-memory one.
let dev: DevServer;
let profile: Profile;
let context: BrowserContext;

beforeAll(async () => {
  dev = await startDevServer('src/testing/pages');
  profile = await tempProfile();
  context = await profile.open();
});

afterAll(async () => {
  await context?.close();
  await profile?.remove();
  await dev?.close();
});

async function openPage(origin = dev.origin): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${origin}/store.html`);
  await page.locator('#status', { hasText: 'ready' }).waitFor();
  return page;
}

/** Calls `storeProbe[method](...args)` in the page. */
function call<M extends keyof StoreProbe>(
  page: Page,
  method: M,
  ...args: Parameters<StoreProbe[M]>
): ReturnType<StoreProbe[M]> {
  return page.evaluate(
    ([m, a]) => ((window as unknown as ProbeWindow).storeProbe[m] as (...x: unknown[]) => unknown)(...a),
    [method, args] as const,
  ) as ReturnType<StoreProbe[M]>;
}

const small: StateSpec = { rows: 500, dim: 16, seed: 11 }; // 64 KB of random bits
const big: StateSpec = { rows: 15_625, dim: 32, seed: 12 }; // 1M floats, 4 MB

describe('model store in Chromium, end to end', () => {
  it('lists and loads a model saved before page.reload()', async () => {
    const page = await openPage();
    const saved = await call(page, 'save', 'kept', small);
    expect(saved).toMatchObject({ ok: true, value: { info: { id: 'kept', version: 1, bytes: 64_000 } } });
    await page.evaluate(() => ((window as unknown as ProbeWindow).marker = 'before-reload'));
    await page.reload();
    await page.locator('#status', { hasText: 'ready' }).waitFor();
    expect(await page.evaluate(() => (window as unknown as ProbeWindow).marker)).toBeUndefined();
    expect((await call(page, 'list')).map((i) => [i.id, i.version])).toEqual([['kept', 1]]);
    expect(await call(page, 'load', 'kept', small)).toMatchObject({
      ok: true,
      value: { mismatches: 0, info: { version: 1 } },
    });
    await page.close();
  });

  it('refuses a second tab training the same model, and lets it train once the first is done', async () => {
    const [first, second] = [await openPage(), await openPage()];
    expect(await call(first, 'startTraining', 'shared')).toEqual({ ok: true, value: 'holding' });
    const refused = await call(second, 'train', 'shared', small, false);
    expect(refused).toMatchObject({ ok: false, error: { name: 'TrainingLockedError', id: 'shared' } });
    expect(refused.ok || refused.error.message).toMatch(/'shared'/);
    expect(await call(second, 'train', 'other', small, false)).toMatchObject({ ok: true, value: { id: 'other' } });

    const waiting = call(second, 'train', 'shared', { ...small, seed: 2 }, true);
    // The origin's lock manager shows the second tab queued behind the first.
    await first.waitForFunction(async () => {
      const { pending = [], held = [] } = await navigator.locks.query();
      return (
        held.some((l) => l.name === 'linkrec:train:shared') && pending.some((l) => l.name === 'linkrec:train:shared')
      );
    });
    expect(await call(first, 'finishTraining', 'shared', small)).toMatchObject({ ok: true, value: { version: 1 } });
    expect(await waiting).toMatchObject({ ok: true, value: { version: 2 } });
    expect(await call(second, 'train', 'shared', small, false)).toMatchObject({ ok: true, value: { version: 3 } });
    await Promise.all([first.close(), second.close()]);
  });

  it('turns a real QuotaExceededError into StorageQuotaError and keeps the previous model loadable', async () => {
    // Chromium 156 enforces an override only on an origin whose IndexedDB it has not opened yet this
    // session, so this test uses an origin of its own: the same server, reached as localhost.
    const origin = dev.origin.replace('127.0.0.1', 'localhost');
    const blank = await context.newPage();
    const cdp = await context.newCDPSession(blank);
    // navigator.storage.estimate() keeps reporting the real quota; IndexedDB commits obey this one.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 2_000_000 });
    const page = await openPage(origin);
    try {
      expect(await call(page, 'save', 'q', small)).toMatchObject({ ok: true, value: { info: { version: 1 } } });
      const failed = await call(page, 'save', 'q', big);
      expect(failed).toMatchObject({ ok: false, error: { name: 'StorageQuotaError', id: 'q', bytes: 4_000_000 } });
      expect(failed.ok || failed.error.message).toMatch(/QuotaExceededError/);
      expect(await call(page, 'load', 'q', small)).toMatchObject({
        ok: true,
        value: { mismatches: 0, info: { version: 1 } },
      });
      expect((await call(page, 'list')).find((i) => i.id === 'q')).toMatchObject({ version: 1, bytes: 64_000 });
    } finally {
      await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    }
    // With the real quota back, the same save goes through: it was the quota, nothing else.
    expect(await call(page, 'save', 'q', big)).toMatchObject({ ok: true, value: { info: { version: 2 } } });
    expect(await call(page, 'load', 'q', big)).toMatchObject({ ok: true, value: { mismatches: 0 } });
    await Promise.all([page.close(), blank.close()]);
  });
});
