import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordRequests, startDevServer, tempProfile, type DevServer, type Profile } from './e2e.ts';
import { fnv1a, weightPattern, type IdbProbe } from './pages/idb-pattern.ts';

const LENGTH = 1_000_000;
const SEED = 0x5eed;
const expectedHash = fnv1a(weightPattern(LENGTH, SEED).buffer as ArrayBuffer);

type ProbeWindow = Window & { idbProbe: IdbProbe; marker?: string };

let dev: DevServer;
let profile: Profile;
let context: BrowserContext | undefined;

beforeAll(async () => {
  dev = await startDevServer('src/testing/pages');
  profile = await tempProfile();
});

afterAll(async () => {
  await context?.close();
  await profile?.remove();
  await dev?.close();
});

async function openProbe(): Promise<{ page: Page; foreign: string[] }> {
  context = await profile.open();
  const { foreign } = recordRequests(context, dev.origin);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${dev.origin}/idb.html`);
  await page.locator('#status', { hasText: 'ready' }).waitFor();
  return { page, foreign };
}

const read = (page: Page) => page.evaluate(() => (window as unknown as ProbeWindow).idbProbe.read());

describe('IndexedDB model storage in Chromium', () => {
  it('starts empty, then reads 1M floats back bit-exact after page.reload()', async () => {
    const { page, foreign } = await openProbe();
    expect(await read(page)).toBeNull();

    const info = await page.evaluate(([n, seed]) => (window as unknown as ProbeWindow).idbProbe.write(n, seed), [
      LENGTH,
      SEED,
    ] as const);
    expect(info.hash).toBe(expectedHash);

    // The marker proves the reload really replaced the page (and its in-memory state).
    await page.evaluate(() => ((window as unknown as ProbeWindow).marker = 'before-reload'));
    await page.reload();
    await page.locator('#status', { hasText: 'ready' }).waitFor();
    expect(await page.evaluate(() => (window as unknown as ProbeWindow).marker)).toBeUndefined();

    const back = await read(page);
    expect(back).toEqual({ info, hash: expectedHash, byteLength: LENGTH * 4, mismatches: 0 });
    expect(foreign).toEqual([]);
  });

  it('still reads them bit-exact after a browser restart with the same user-data-dir', async () => {
    await context?.close();
    context = undefined;
    const { page, foreign } = await openProbe();
    const back = await read(page);
    expect(back?.info).toMatchObject({ length: LENGTH, seed: SEED, hash: expectedHash });
    expect(back).toMatchObject({ hash: expectedHash, byteLength: LENGTH * 4, mismatches: 0 });
    expect(foreign).toEqual([]);
  });
});
