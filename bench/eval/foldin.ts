/**
 * `npm run eval -- foldin [--file ratings.csv] [--seed N] [--ncf-epochs N] [--world-seed N] [--skip-glmix]`
 * (issue 10 §4): fold-in against a warm model on MovieLens ml-latest-small, and GLMix' local random
 * effects against batch training in the simulated world.
 *
 * 10% of the users (seeded) are held out entirely from training. Every user's latest interaction is
 * the target (as `eval -- courses`): ranked against 99 sampled unseen items, ties pessimistic
 * (`evaluateSampled`). The cold model trains without the held-out users; each of them is folded in
 * from all but their latest interaction (`foldIn` → `recommendFor` over the 100 candidates). The warm
 * model trains on the same training rows *with* the held-out users' (all but latest) included, and
 * ranks the same targets for the same users. MF and seed-NCF use the tuned configs of
 * `eval -- courses` (`TUNED`; seed-NCF's epochs capped by `--ncf-epochs`, default 4, to keep the run
 * to a few minutes on two cores). Timings are Node's (wasm backend; the fold-in itself runs on the host):
 * `foldin_ms_p50` is MF's fresh `foldIn`, seed-NCF's `foldIn` + `recommendFor` (its native path does
 * its work while scoring); `update_ms_p50` is a warm-started MF `foldIn` after adding the person's
 * latest training interaction to the rest. The last line is the JSON the issue fixed.
 */
import { initBackend } from '../../src/backend/index.ts';
import {
  type InteractionLog,
  leaveOneOutLatest,
  loadInteractions,
  makeInteractionLog,
  Rng,
  sampleNegatives,
  toCsr,
} from '../../src/data/index.ts';
import { fileSource } from '../../src/data/node.ts';
import { evaluateSampled } from '../../src/eval/index.ts';
import { createModel, type ModelKind } from '../../src/models/registry.ts';
import type { History, Recommender } from '../../src/models/recommender.ts';
import { TUNED } from '../../src/systems/courses/movielens-eval.ts';
import { flag, printTable } from '../table.ts';
import { glmixFoldinFigures } from '../foldin/glmix.ts';

const HELD_OUT_SHARE = 0.1;
const NEG = 99;

interface Task {
  /** Held-out users, their targets and negatives (row-major, NEG per user). */
  users: Int32Array;
  targets: Int32Array;
  negatives: Int32Array;
  /** Training rows of everyone (warm) and without the held-out users (cold). */
  warm: InteractionLog;
  cold: InteractionLog;
  /** Each held-out user's training events, in time order. */
  histories: History[];
}

interface Figures {
  hr10: number;
  ndcg10: number;
}

export async function run(args: string[]): Promise<unknown> {
  const backend = (await initBackend('wasm')).backend;
  const seed = Number(flag(args, '--seed') ?? 42);
  const file = flag(args, '--file') ?? 'public/data/movielens-small/ratings.csv';
  const task = buildTask(await loadInteractions(fileSource(file), { file }), seed);
  console.log(
    `${file}: ${task.warm.userIds.size} users × ${task.warm.itemIds.size} items; ${task.users.length} held-out users (${HELD_OUT_SHARE * 100}%, seed ${seed}); warm ${task.warm.length} rows, cold ${task.cold.length} rows; backend ${backend}`,
  );
  const ncfEpochs = Number(flag(args, '--ncf-epochs') ?? 4);
  const mfConfig = TUNED.mf;
  const ncfConfig = { ...TUNED.ncf, epochs: Math.min(ncfEpochs, (TUNED.ncf as { epochs: number }).epochs) };
  const mf = await compare('mf', mfConfig, task, true);
  const ncf = await compare('ncf', ncfConfig, task, false);
  const glmix = args.includes('--skip-glmix')
    ? { batch_auc: NaN, local_auc: NaN }
    : await glmixFoldinFigures(Number(flag(args, '--world-seed') ?? 1));
  const f = (x: number) => x.toFixed(4);
  const ms = (x: number) => x.toFixed(2);
  printTable(
    [
      'model',
      'config',
      'warm HR@10',
      'warm NDCG@10',
      'fold-in HR@10',
      'fold-in NDCG@10',
      'fold-in ms p50',
      'update ms p50',
    ],
    [
      [
        'mf',
        JSON.stringify(mfConfig),
        f(mf.warm.hr10),
        f(mf.warm.ndcg10),
        f(mf.foldin.hr10),
        f(mf.foldin.ndcg10),
        ms(mf.foldinMs),
        ms(mf.updateMs),
      ],
      [
        'ncf',
        JSON.stringify(ncfConfig),
        f(ncf.warm.hr10),
        f(ncf.warm.ndcg10),
        f(ncf.foldin.hr10),
        f(ncf.foldin.ndcg10),
        ms(ncf.foldinMs),
        '-',
      ],
    ],
  );
  printTable(
    ['GLMix (world)', 'AUC'],
    [
      ['batch', f(glmix.batch_auc)],
      ['local (fold-in)', f(glmix.local_auc)],
    ],
  );
  return {
    mf: {
      warm: round2(mf.warm),
      foldin: round2(mf.foldin),
      foldin_ms_p50: round(mf.foldinMs),
      update_ms_p50: round(mf.updateMs),
    },
    ncf: { warm: round2(ncf.warm), foldin: round2(ncf.foldin), foldin_ms_p50: round(ncf.foldinMs) },
    glmix: { batch_auc: round(glmix.batch_auc), local_auc: round(glmix.local_auc) },
  };
}

/** The held-out users, the split and the sampled negatives (the `leaveLatestOut` sampler). */
export function buildTask(log: InteractionLog, seed: number): Task {
  const nUsers = log.userIds.size;
  const split = leaveOneOutLatest(log);
  const order = new Rng(seed).fork('foldin').shuffle(Int32Array.from({ length: nUsers }, (_, u) => u));
  const heldOut = new Uint8Array(nUsers);
  for (const u of order.subarray(0, Math.round(nUsers * HELD_OUT_SHARE))) heldOut[u] = 1;
  const users = Int32Array.from(order.subarray(0, Math.round(nUsers * HELD_OUT_SHARE)))
    .filter((u) => split.testItem[u] >= 0)
    .sort();
  const targets = users.map((u) => split.testItem[u]);
  const everything = toCsr(log, 'user');
  const rng = new Rng(seed);
  const negatives = new Int32Array(users.length * NEG);
  users.forEach((u, r) => negatives.set(sampleNegatives(everything, u, NEG, log.itemIds.size, rng), r * NEG));
  const warm = split.train;
  const keep = Array.from({ length: warm.length }, (_, k) => k).filter((k) => !heldOut[warm.users[k]]);
  const cold = makeInteractionLog({
    users: Int32Array.from(keep, (k) => warm.users[k]),
    items: Int32Array.from(keep, (k) => warm.items[k]),
    values: Float32Array.from(keep, (k) => warm.values[k]),
    times: Float64Array.from(keep, (k) => warm.times[k]),
    userIds: warm.userIds,
    itemIds: warm.itemIds,
  });
  const histories = Array.from(users, (u) => {
    const rows = Array.from({ length: warm.length }, (_, k) => k).filter((k) => warm.users[k] === u);
    rows.sort((a, b) => warm.times[a] - warm.times[b] || a - b);
    return { items: Int32Array.from(rows, (k) => warm.items[k]), times: Float64Array.from(rows, (k) => warm.times[k]) };
  });
  return { users, targets, negatives, warm, cold, histories };
}

/** Warm and fold-in figures of one kind, with the fold-in timings. */
async function compare(kind: string, config: object, t: Task, timeUpdate: boolean) {
  const log = (m: string) => process.stderr.write(`${kind}: ${m}\n`);
  const warmModel = await trained(kind, config, t.warm, 'warm', log);
  const warm = await sampled(t, (row, items) =>
    warmModel.score(new Int32Array(items.length).fill(t.users[row]), items),
  );
  warmModel.dispose();
  const cold = await trained(kind, config, t.cold, 'cold', log);
  const foldinMs: number[] = [];
  const updateMs: number[] = [];
  const foldIn = cold.foldIn?.bind(cold);
  const recommendFor = cold.recommendFor?.bind(cold);
  if (!foldIn || !recommendFor) throw new Error(`${kind} has no fold-in`);
  const foldin = await sampled(t, async (row, items) => {
    const history = t.histories[row];
    const start = performance.now();
    const folded = await foldIn(history);
    const solved = performance.now();
    const ranked = await recommendFor(history, { candidates: items, k: items.length, folded });
    foldinMs.push(kind === 'mf' ? solved - start : performance.now() - start);
    if (timeUpdate && history.items.length > 1) {
      const n = history.items.length - 1;
      const before = await foldIn({ items: history.items.subarray(0, n), times: history.times?.subarray(0, n) });
      const t0 = performance.now();
      await foldIn(history, before);
      updateMs.push(performance.now() - t0);
    }
    const byItem = new Map<number, number>();
    ranked.items.forEach((item, r) => byItem.set(item, ranked.scores[r]));
    return Float32Array.from(items, (i) => byItem.get(i) ?? Number.NEGATIVE_INFINITY);
  });
  cold.dispose();
  log(`warm HR@10 ${warm.hr10.toFixed(4)}, fold-in HR@10 ${foldin.hr10.toFixed(4)}`);
  return { warm, foldin, foldinMs: median(foldinMs), updateMs: median(updateMs) };
}

async function trained(
  kind: string,
  config: object,
  data: InteractionLog,
  label: string,
  log: (m: string) => void,
): Promise<Recommender<InteractionLog>> {
  const model = createModel(kind as ModelKind, config as never) as Recommender<InteractionLog>;
  const fit = await model.fit(data, {
    onProgress: (e) => e.status === 'epoch' && log(`${label} epoch ${e.epoch} loss ${e.loss.toFixed(4)}`),
  });
  log(`${label} trained in ${fit.seconds.toFixed(1)} s`);
  return model;
}

/** HR@10 / NDCG@10 of the held-out users' targets, `score(row, [target, …negatives])` per user. */
async function sampled(t: Task, score: (row: number, items: Int32Array) => Promise<Float32Array>): Promise<Figures> {
  let row = 0;
  const r = await evaluateSampled({
    users: t.users,
    targets: t.targets,
    negatives: t.negatives,
    nNeg: NEG,
    score: (_user, items) => score(row++, items),
  });
  return { hr10: r.hr[10], ndcg10: r.ndcg[10] };
}

function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = xs.slice().sort((a, b) => a - b);
  return s[s.length >> 1];
}

const round = (x: number) => Math.round(x * 10000) / 10000;
const round2 = (f: Figures) => ({ hr10: round(f.hr10), ndcg10: round(f.ndcg10) });
