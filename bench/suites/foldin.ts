/**
 * `npm run bench -- foldin [--file ratings.csv] [--seed N] [--node-only]` (issue 10 §4: fold-in
 * ≤ 20 ms p50 per person in a Chromium worker, one `add` ≤ 5 ms): trains MF once in Node ({dim 32,
 * epochs 8, l2 1e-3}, wasm, ~30 s) on MovieLens ml-latest-small without `eval -- foldin`'s held-out
 * users (10%, seeded), then times MF fold-in for those users' histories, each whole and its first half
 * (≥ 2 items: ~130 histories), in Node and in a dedicated module worker of headless Chromium (the Vite
 * dev server serves the sources; see `bench/foldin/foldin-speed.ts` for what is timed). Last line:
 * `{"foldin":{"node_ms_p50","chromium_ms_p50","update_node_ms_p50","update_chromium_ms_p50",…}}`, the
 * first four the model's own `foldIn` (fresh; warm `add`-like update), the `service_*` ones through
 * the ranking service in the same realm.
 */
import { cpus, loadavg } from 'node:os';
import { initBackend } from '../../src/backend/index.ts';
import { loadInteractions } from '../../src/data/index.ts';
import { fileSource } from '../../src/data/node.ts';
import { createModel } from '../../src/models/registry.ts';
import type { Recommender } from '../../src/models/recommender.ts';
import { TUNED } from '../../src/systems/courses/movielens-eval.ts';
import { launchChromium, startDevServer } from '../../src/testing/e2e.ts';
import { buildTask } from '../eval/foldin.ts';
import { type FoldInSpeed, type FoldInSpeedRequest, foldInSpeed, toWire } from '../foldin/foldin-speed.ts';
import { flag, printTable } from '../table.ts';

export async function run(args: string[]): Promise<unknown> {
  await initBackend('wasm');
  const file = flag(args, '--file') ?? 'public/data/movielens-small/ratings.csv';
  const seed = Number(flag(args, '--seed') ?? 42);
  const task = buildTask(await loadInteractions(fileSource(file), { file }), seed);
  const model = createModel('mf', TUNED.mf as never) as Recommender<typeof task.cold>;
  const fit = await model.fit(task.cold);
  console.log(`mf ${JSON.stringify(TUNED.mf)} trained on ${task.cold.length} rows in ${fit.seconds.toFixed(1)} s`);
  const state = toWire(await model.toState());
  model.dispose();
  const ids = task.warm.itemIds;
  const histories = task.histories.flatMap((h) => {
    const all = Array.from(h.items, (i) => ids.id(i));
    const half = all.slice(0, Math.ceil(all.length / 2));
    return [all, half].filter((x, k) => x.length >= 2 && (k === 0 || x.length < all.length));
  });
  const request: FoldInSpeedRequest = { state, histories };
  console.log(`${histories.length} histories (${task.users.length} held-out users, whole and first half)`);
  const load = () => loadavg()[0].toFixed(2);
  const loadBefore = load();
  const node = await foldInSpeed(request);
  const chromium = args.includes('--node-only') ? null : await inChromium(request);
  const rows = [node, chromium].filter((r): r is FoldInSpeed => r !== null);
  const ms = (x: number) => x.toFixed(2);
  printTable(
    ['realm', 'backend', 'fold-in p50', 'p90', 'update p50', 'p90', 'service p50', 'service update p50', 'mean steps'],
    rows.map((r) => [
      r.realm.includes('Chrome') ? 'chromium worker' : r.realm,
      r.backend,
      ms(q(r.modelMs, 0.5)),
      ms(q(r.modelMs, 0.9)),
      ms(q(r.updateMs, 0.5)),
      ms(q(r.updateMs, 0.9)),
      ms(q(r.serviceMs, 0.5)),
      ms(q(r.serviceUpdateMs, 0.5)),
      (r.iterations.reduce((a, b) => a + b, 0) / r.iterations.length).toFixed(2),
    ]),
  );
  console.log(`load average (1 min) ${loadBefore} before, ${load()} after; ${cpus().length} cores`);
  const round = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);
  const p50 = (r: FoldInSpeed | null, key: 'modelMs' | 'updateMs' | 'serviceMs' | 'serviceUpdateMs') =>
    round(r ? q(r[key], 0.5) : null);
  return {
    foldin: {
      node_ms_p50: p50(node, 'modelMs'),
      chromium_ms_p50: p50(chromium, 'modelMs'),
      update_node_ms_p50: p50(node, 'updateMs'),
      update_chromium_ms_p50: p50(chromium, 'updateMs'),
      service_node_ms_p50: p50(node, 'serviceMs'),
      service_chromium_ms_p50: p50(chromium, 'serviceMs'),
      histories: histories.length,
    },
  };
}

async function inChromium(request: FoldInSpeedRequest): Promise<FoldInSpeed> {
  const [dev, browser] = await Promise.all([startDevServer('.'), launchChromium()]);
  try {
    const page = await browser.newPage();
    await page.goto(`${dev.origin}/public/data/README.md`);
    // Typed as JSON text: playwright's argument types recurse forever through the state's `Json`.
    const json: string = JSON.stringify(request);
    return (await page
      .evaluate(async (text: string) => {
        const mod = await import('/bench/foldin/foldin-speed.ts' as string);
        return JSON.stringify(await mod.workerFoldInSpeed(JSON.parse(text)));
      }, json)
      .then((text) => JSON.parse(text))) as FoldInSpeed;
  } finally {
    await browser.close();
    await dev.close();
  }
}

/** The q-quantile (nearest rank). */
function q(xs: number[], p: number): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
}
