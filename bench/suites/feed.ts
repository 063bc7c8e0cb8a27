/**
 * `npm run bench -- feed [--members N] [--chromium]`: time to assemble one member's feed — every FPR's top-50,
 * the SPR over their union, the re-ranker — p50 / p99 over 1,000 random members, on worlds of about
 * 10k and 100k inventory items (activities), in Node — and with `--chromium` also inside the demo's
 * ranking worker in headless Chromium — and the SPR's training throughput.
 * Returns `{"feed": {"10000": {...}, "100000": {...}}, "spr_training": {...}}`.
 */
import { Rng } from '../../src/data/rng.ts';
import {
  assembleFeed,
  buildFeedContext,
  buildFprs,
  datasetFromLog,
  historyFromLog,
  SprModel,
  type FeedPipeline,
} from '../../src/systems/feed/index.ts';
import { generateWorld } from '../../src/world/index.ts';
import { flag, printTable } from '../table.ts';
import { timeInChromium } from '../tools/feed-chromium.ts';

/** Activities per member at the default world options (≈ 0.79). */
const ITEMS_PER_MEMBER = 0.789;

interface Row {
  items: number;
  members: number;
  p50: number;
  p99: number;
  mean: number;
  union: number;
  trainExamplesPerSec: number;
  featurisePerSec: number;
}

const quantile = (sorted: Float64Array, q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

async function measure(items: number, samples: number): Promise<Row> {
  const members = Math.round(items / ITEMS_PER_MEMBER);
  const w = generateWorld({ members, seed: 1 });
  const all = Uint32Array.from({ length: w.feed.log.impressions.count }, (_, i) => i);
  const ctx = buildFeedContext(w, historyFromLog(w, all));
  const fprs = buildFprs(ctx);
  const spr = new SprModel();
  let t = performance.now();
  const data = datasetFromLog(ctx, fprs, w, all, spr.settings.bits, true);
  const featurisePerSec = data.count / ((performance.now() - t) / 1000);
  t = performance.now();
  await spr.fit(data);
  const trainExamplesPerSec = (data.count * spr.settings.epochs) / ((performance.now() - t) / 1000);
  const p: FeedPipeline = { ctx, fprs, spr };
  const rng = new Rng(7);
  for (let i = 0; i < 50; i++) assembleFeed(p, { member: rng.int(members), time: w.now }); // warm-up (JIT)
  const times = new Float64Array(samples);
  let union = 0;
  for (let i = 0; i < samples; i++) {
    const member = rng.int(members);
    const t0 = performance.now();
    union += assembleFeed(p, { member, time: w.now }).length;
    times[i] = performance.now() - t0;
  }
  times.sort();
  return {
    items: w.feed.activities.count,
    members,
    p50: quantile(times, 0.5),
    p99: quantile(times, 0.99),
    mean: times.reduce((s, x) => s + x, 0) / samples,
    union: union / samples,
    trainExamplesPerSec,
    featurisePerSec,
  };
}

export async function run(args: string[]): Promise<unknown> {
  const samples = Number(flag(args, '--members') ?? 1000);
  const rows: [number, Row][] = [];
  for (const target of [10_000, 100_000]) {
    rows.push([target, await measure(target, samples)]);
    await new Promise((r) => setTimeout(r, 0));
  }
  const f = (x: number, d = 2): string => x.toFixed(d);
  printTable(
    ['inventory', 'members', 'p50 ms', 'p99 ms', 'mean ms', 'feed items (all)', 'SPR train ex/s', 'featurise ex/s'],
    rows.map(([, r]) => [
      String(r.items),
      String(r.members),
      f(r.p50),
      f(r.p99),
      f(r.mean),
      f(r.union, 1),
      Math.round(r.trainExamplesPerSec),
      Math.round(r.featurisePerSec),
    ]),
  );
  const big = rows[rows.length - 1][1];
  console.log(
    `\ntarget p99 <= 50 ms at 100k items: ${big.p99 <= 50 ? 'met' : 'NOT met'} (${f(big.p99)} ms), Node ${process.version}, ${samples} members`,
  );
  const r2 = (x: number): number => Math.round(x * 100) / 100;
  const chromium = args.includes('--chromium')
    ? await timeInChromium(rows.map(([target, r]) => ({ target, members: r.members })))
    : undefined;
  return {
    ...(chromium ? { feed_chromium_worker: chromium } : {}),
    feed: Object.fromEntries(
      rows.map(([t, r]) => [String(t), { items: r.items, p50_ms: r2(r.p50), p99_ms: r2(r.p99), mean_ms: r2(r.mean) }]),
    ),
    spr_training: Object.fromEntries(
      rows.map(([t, r]) => [
        String(t),
        { examples_per_sec: Math.round(r.trainExamplesPerSec), featurise_per_sec: Math.round(r.featurisePerSec) },
      ]),
    ),
  };
}
