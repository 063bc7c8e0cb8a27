/**
 * Talent search in the simulated world. Queries are split three ways: the two-tower trains on the
 * InMail log of the first 60%, the stage combiners are fitted on the log of the next 20%, and the last
 * 20% are ranked. Each test query ranks a pool of its logged contacts plus members of the query's job
 * family; a member's gain is the ground truth's expected positive, relevant × P(accept InMail).
 */
import { Rng } from '../../data/rng.ts';
import { groupBy, type SparseRows } from '../../data/index.ts';
import { inmailAcceptProb, isRelevant } from '../../world/recruiter-truth.ts';
import type { World } from '../../world/types.ts';
import type { LineConfig } from '../../models/line/config.ts';
import type { TwoTowerConfig } from '../../models/two-tower/model.ts';
import { worldQuery } from './query.ts';
import type { TalentStage } from './ranker.ts';
import { trainEntitySpace, type EntitySpace, type Pooling } from './space.ts';
import { fitRanker, logRowsOf, trainTower } from './train.ts';

/** Options of {@link evaluateTalent}. */
export interface TalentEvalOptions {
  seed?: number;
  /** Candidates ranked per test query (default 100). */
  pool?: number;
  pooling?: Pooling;
  line?: LineConfig;
  twoTower?: TwoTowerConfig;
  /** A trained entity space to reuse (skips LINE training). */
  space?: EntitySpace;
}

/** NDCG@10 per stage, and the sizes behind them. */
export interface TalentEvalResult {
  ndcg10: Record<TalentStage, number>;
  queries: { tower: number; combiner: number; test: number };
  towerPairs: number;
  seconds: { line: number; twoTower: number; total: number };
}

/** NDCG@k of `scores` against graded `gains` (ties broken pessimistically: lower gain first). */
export function gradedNdcg(scores: ArrayLike<number>, gains: ArrayLike<number>, k: number): number {
  const idx = Array.from({ length: scores.length }, (_, i) => i);
  const dcg = (order: number[]) => order.slice(0, k).reduce((s, i, r) => s + gains[i] / Math.log2(r + 2), 0);
  const ideal = dcg([...idx].sort((a, b) => gains[b] - gains[a]));
  if (ideal === 0) return 0;
  return dcg(idx.sort((a, b) => scores[b] - scores[a] || gains[a] - gains[b])) / ideal;
}

/** Runs the protocol on `world`. */
export async function evaluateTalent(world: World, opts: TalentEvalOptions = {}): Promise<TalentEvalResult> {
  const t0 = performance.now();
  const rng = new Rng(opts.seed ?? 1);
  const order = rng.fork('split').shuffle(Int32Array.from({ length: world.recruiter.queries.count }, (_, i) => i));
  const a = Math.round(order.length * 0.6),
    b = Math.round(order.length * 0.8);
  const [towerQ, combQ, testQ] = [order.subarray(0, a), order.subarray(a, b), order.subarray(b)];
  const space = opts.space ?? (await trainEntitySpace(world, { line: opts.line }));
  const t1 = performance.now();
  const tower = await trainTower(world, towerQ, { twoTower: { seed: opts.seed ?? 1, ...opts.twoTower } });
  const t2 = performance.now();
  const ranker = fitRanker(world, space, tower, combQ, opts.pooling ?? 'mean');
  const stages: TalentStage[] = ['structured', 'line', 'twoTower'];
  const ndcg = { structured: 0, line: 0, twoTower: 0 };
  const byFamily = groupBy(world.members.family, world.k);
  const poolSize = opts.pool ?? 100;
  const testRows = logRowsOf(world, testQ);
  for (const q of testQ) {
    const pool = testPool(world, q, testRows, byFamily, poolSize, rng.fork(`pool-${q}`));
    const gains = pool.map((m) => (isRelevant(world, q, m) ? inmailAcceptProb(world, q, m) : 0));
    const query = worldQuery(world, q);
    for (const s of stages) ndcg[s] += gradedNdcg(ranker.score(query, pool, s), gains, 10) / testQ.length;
  }
  const total = (performance.now() - t0) / 1000;
  return {
    ndcg10: ndcg,
    queries: { tower: towerQ.length, combiner: combQ.length, test: testQ.length },
    towerPairs: tower.pairs,
    seconds: { line: (t1 - t0) / 1000, twoTower: (t2 - t1) / 1000, total },
  };
}

/** The query's logged contacts, topped up with members of its title's family (then anyone). */
function testPool(
  world: World,
  q: number,
  testRows: number[],
  byFamily: SparseRows<Uint32Array>,
  size: number,
  rng: Rng,
): number[] {
  const log = world.recruiter.log;
  const pool = new Set<number>();
  for (const r of testRows) if (log.query[r] === q) pool.add(log.member[r]);
  const family = world.catalog.titleFamily[world.recruiter.queries.title[q]];
  const lo = byFamily.indptr[family],
    hi = byFamily.indptr[family + 1];
  for (let t = 0; pool.size < Math.min(size, world.members.count) && t < 20 * size; t++) {
    pool.add(t % 2 === 0 && hi > lo ? byFamily.indices[lo + rng.int(hi - lo)] : rng.int(world.members.count));
  }
  return [...pool];
}
