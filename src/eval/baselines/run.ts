import { loadInteractions, toCsr, type DataSource } from '../../data/index.ts';
import { leaveLatestOutTask } from '../protocol/leave-latest-out.ts';
import { evaluateFullRanking } from '../protocol/full-ranking.ts';
import { evaluateSampled } from '../protocol/sampled.ts';
import type { RankingResult } from '../protocol/shared.ts';
import { ItemKnnScorer } from '../../models/itemknn/scorer.ts';
import { PopularityScorer } from '../../models/popular/scorer.ts';

/** Where a baseline run is; `done`/`total` count users (items while building neighbours; 0/1 for load and split). */
export interface BaselineProgress {
  stage: 'load' | 'split' | 'popular' | 'neighbours' | 'itemknn';
  done: number;
  total: number;
}

/** One model's figures under one protocol. */
export interface BaselineRow {
  hr10: number;
  ndcg10: number;
  mrr: number;
}

/** The figures of `npm run eval -- baselines` (and of the demo's Baselines panel). */
export interface BaselineReport {
  dataset: string;
  protocol: 'loo-99neg';
  users: number;
  items: number;
  interactions: number;
  seed: number;
  popular: BaselineRow;
  itemknn: BaselineRow;
  full: { popular: BaselineRow; itemknn: BaselineRow };
  seconds: number;
}

/** Options of {@link runBaselines}. */
export interface BaselineOptions {
  /** Name used in error messages and the report (default `ratings.csv`). */
  file?: string;
  /** Seed of the negative sampler (default 42). */
  seed?: number;
  /** Neighbours kept per item by item-kNN (default 200). */
  knnK?: number;
  /** Number of sampled negatives per held-out item (default 99). */
  negatives?: number;
  /** Called as each stage advances (loading, splitting, each model's users). */
  onProgress?: (p: BaselineProgress) => void;
  /** Cancels the run; it then rejects with `AbortError`. */
  signal?: AbortSignal;
}

interface Scorer {
  scoreItems(user: number, items: Int32Array): Float32Array;
  scoreAll(user: number): Float32Array;
}

/**
 * Most-popular and item-kNN (cosine) on a MovieLens-format log, by the NCF protocol: each user's
 * latest interaction held out, ranked against `negatives` sampled unseen items (ties pessimistic),
 * and against every item the user did not see in training (full ranking).
 *
 * @example
 * ```ts
 * import { runBaselines } from 'linkrec/courses';
 * const ratings = await (await fetch('/data/movielens-small/ratings.csv')).blob();
 * const report = await runBaselines(ratings, { onProgress: (p) => console.log(p.stage, p.done, p.total) });
 * console.log(report.popular.hr10, report.itemknn.hr10, report.full.itemknn.ndcg10);
 * ```
 */
export async function runBaselines(source: DataSource, options: BaselineOptions = {}): Promise<BaselineReport> {
  const { file = 'ratings.csv', seed = 42, knnK = 200, negatives = 99, onProgress, signal } = options;
  const started = performance.now();
  onProgress?.({ stage: 'load', done: 0, total: 1 });
  const log = await loadInteractions(source, { file, signal });
  onProgress?.({ stage: 'load', done: 1, total: 1 });

  const task = leaveLatestOutTask(log, seed, negatives);
  const { users, targets, negatives: negs } = task;
  const train = toCsr(task.train, 'user');
  const nItems = log.itemIds.size;
  onProgress?.({ stage: 'split', done: 1, total: 1 });

  // Each model is two passes over the users (sampled, then full ranking): progress counts both.
  const evaluate = async (stage: 'popular' | 'itemknn', scorer: Scorer) => {
    const total = 2 * users.length;
    const common = { users, targets, signal };
    const sampled = await evaluateSampled({
      ...common,
      negatives: negs,
      nNeg: negatives,
      score: (u, items) => scorer.scoreItems(u, items),
      onProgress: ({ done }) => onProgress?.({ stage, done, total }),
    });
    const full = await evaluateFullRanking({
      ...common,
      seen: train,
      nItems,
      score: (u) => scorer.scoreAll(u),
      onProgress: ({ done }) => onProgress?.({ stage, done: users.length + done, total }),
    });
    return { sampled: row(sampled), full: row(full) };
  };
  const popular = await evaluate('popular', new PopularityScorer(train));
  const knn = new ItemKnnScorer(train, knnK, (done, total) => onProgress?.({ stage: 'neighbours', done, total }));
  const itemknn = await evaluate('itemknn', knn);

  return {
    dataset: file,
    protocol: 'loo-99neg',
    users: users.length,
    items: nItems,
    interactions: log.length,
    seed,
    popular: popular.sampled,
    itemknn: itemknn.sampled,
    full: { popular: popular.full, itemknn: itemknn.full },
    seconds: (performance.now() - started) / 1000,
  };
}

function row(r: RankingResult): BaselineRow {
  return { hr10: r.hr[10], ndcg10: r.ndcg[10], mrr: r.mrr };
}
