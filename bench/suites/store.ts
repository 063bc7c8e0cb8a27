/**
 * `npm run bench -- store [--reps N] [--rows R] [--dim D]`: save and load time of a 1M-parameter model
 * (two 15,625 × 32 float32 tables) in IndexedDB, in real Chromium with an on-disk profile (an
 * incognito context would keep IndexedDB in memory), with durability 'strict' vs 'relaxed'. Times are
 * taken in the page around `store.save` / `store.load` only; medians of `reps` runs after one warm-up.
 */
import { statfsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { startDevServer, tempProfile } from '../../src/testing/e2e.ts';
import type { ProbeWindow, StateSpec, StoreProbe } from '../../src/testing/pages/store-probe.ts';
import { flag, printTable } from '../table.ts';

type Durability = 'strict' | 'relaxed';

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

async function save(
  page: Page,
  spec: StateSpec,
  durability: Durability,
): Promise<{ ms: number; bytes: number; params: number }> {
  const out = await call(page, 'save', 'bench', spec, { durability });
  if (!out.ok) throw new Error(`save failed: ${out.error.name}: ${out.error.message}`);
  return { ms: out.value.ms, bytes: out.value.info.bytes, params: out.value.info.params };
}

async function load(page: Page, spec: StateSpec): Promise<number> {
  const out = await call(page, 'load', 'bench', spec);
  if (!out.ok) throw new Error(`load failed: ${out.error.name}: ${out.error.message}`);
  if (out.value.mismatches !== 0) throw new Error(`load returned ${out.value.mismatches} wrong values`);
  return out.value.ms;
}

/** File system of the profile (strict durability costs an fsync only where one is real). */
function fsName(dir: string): string {
  const magic = statfsSync(dir).type;
  const known: Record<number, string> = {
    0xef53: 'ext4',
    0x01021994: 'tmpfs',
    0x794c7630: 'overlayfs',
    0x58465342: 'xfs',
    0x9123683e: 'btrfs',
  };
  return known[magic] ?? `0x${magic.toString(16)}`;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (v: number): number => Math.round(v * 10) / 10;

/** Runs the suite; returns `{store: {params, bytes, save_ms: {strict, relaxed}, load_ms, …}, config}`. */
export async function run(args: string[]): Promise<unknown> {
  const reps = Number(flag(args, '--reps') ?? 9);
  const spec: StateSpec = {
    rows: Number(flag(args, '--rows') ?? 15_625),
    dim: Number(flag(args, '--dim') ?? 32),
    seed: 7,
  };
  const dev = await startDevServer('src/testing/pages');
  const profile = await tempProfile();
  const context = await profile.open();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${dev.origin}/store.html`);
    await page.locator('#status', { hasText: 'ready' }).waitFor();
    const times: Record<Durability | 'load', number[]> = { strict: [], relaxed: [], load: [] };
    let sizes = await save(page, spec, 'strict'); // warm-up: page code, first store, state built
    await load(page, spec);
    for (let i = 0; i < reps; i++) {
      // Interleaved, so drift in the machine's load hits both durabilities alike.
      for (const d of ['strict', 'relaxed'] as const) {
        sizes = await save(page, spec, d);
        times[d].push(sizes.ms);
      }
      times.load.push(await load(page, spec));
    }
    const usage = await call(page, 'estimate');
    const agent = await page.evaluate(() => navigator.userAgent);
    const result = {
      params: sizes.params,
      bytes: sizes.bytes,
      save_ms: { strict: round(median(times.strict)), relaxed: round(median(times.relaxed)) },
      load_ms: round(median(times.load)),
      origin_usage_bytes: usage.usage,
    };
    const mbps = (ms: number) => round(sizes.bytes / 1e6 / (ms / 1000));
    printTable(
      ['operation', 'median ms', 'min ms', 'max ms', 'MB/s'],
      (['strict', 'relaxed', 'load'] as const).map((k) => [
        k === 'load' ? 'load' : `save (${k})`,
        round(median(times[k])),
        round(Math.min(...times[k])),
        round(Math.max(...times[k])),
        mbps(median(times[k])),
      ]),
    );
    console.log(`${sizes.params} params, ${sizes.bytes} bytes of weights; origin usage ${usage.usage} bytes`);
    return {
      store: result,
      config: { reps, chromium: agent.match(/Chrome\/([\d.]+)/)?.[1] ?? agent, profile_fs: fsName(profile.dir) },
    };
  } finally {
    await context.close();
    await profile.remove();
    await dev.close();
  }
}
