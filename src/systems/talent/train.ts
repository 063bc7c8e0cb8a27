/**
 * Trains the whole talent ranker on a world: the two-tower on the InMail log of `towerQueries`, then
 * each stage's combiner on the log of `combinerQueries` (held apart, so the combiner does not trust
 * an in-sample two-tower score).
 */
import type { World } from '../../world/types.ts';
import { TwoTowerModel, type TwoTowerConfig } from '../../models/two-tower/model.ts';
import { worldQuery } from './query.ts';
import { TalentRanker, type LabelledPair, type TalentStage } from './ranker.ts';
import type { EntitySpace, Pooling } from './space.ts';
import { memberIds, queryIds, toIdBags, towerVocab, type TowerVocab } from './tower-inputs.ts';

/** Options of {@link trainTalentRanker}. */
export interface TalentTrainOptions {
  pooling?: Pooling;
  twoTower?: TwoTowerConfig;
  signal?: AbortSignal;
  onTowerEpoch?: (epoch: number, loss: number) => void;
}

/** Log rows of the given queries. */
export function logRowsOf(world: Pick<World, 'recruiter'>, queries: ArrayLike<number>): number[] {
  const set = new Set(Array.from(queries));
  const log = world.recruiter.log;
  const rows: number[] = [];
  for (let r = 0; r < log.count; r++) if (set.has(log.query[r])) rows.push(r);
  return rows;
}

/** The training label of log row `r`: relevant and accepted. */
export const positive = (world: Pick<World, 'recruiter'>, r: number): 0 | 1 =>
  world.recruiter.log.relevant[r] && world.recruiter.log.accepted[r] ? 1 : 0;

/** Trains the two-tower model on the log rows of `queries`. */
export async function trainTower(
  world: World,
  queries: ArrayLike<number>,
  opts: TalentTrainOptions = {},
): Promise<{ model: TwoTowerModel; vocab: TowerVocab; pairs: number }> {
  const vocab = towerVocab(world.catalog);
  const rows = logRowsOf(world, queries);
  const log = world.recruiter.log;
  const qBags = toIdBags(
    Array.from({ length: world.recruiter.queries.count }, (_, q) => queryIds(vocab, worldQuery(world, q))),
    vocab.query,
  );
  const mBags = toIdBags(
    Array.from({ length: world.members.count }, (_, m) => memberIds(vocab, world.members, m)),
    vocab.member,
  );
  const model = new TwoTowerModel(vocab.query, vocab.member, opts.twoTower);
  await model.fit(
    qBags,
    mBags,
    {
      query: Int32Array.from(rows, (r) => log.query[r]),
      member: Int32Array.from(rows, (r) => log.member[r]),
      label: Uint8Array.from(rows, (r) => positive(world, r)),
    },
    { signal: opts.signal, onEpoch: opts.onTowerEpoch },
  );
  return { model, vocab, pairs: rows.length };
}

/** A ranker with every stage's combiner fitted on the log of `combinerQueries`. */
export function fitRanker(
  world: World,
  space: EntitySpace,
  tower: { model: TwoTowerModel; vocab: TowerVocab },
  combinerQueries: ArrayLike<number>,
  pooling: Pooling = 'mean',
): TalentRanker {
  const ranker = new TalentRanker(world, space, tower, pooling);
  const log = world.recruiter.log;
  const pairs: LabelledPair[] = logRowsOf(world, combinerQueries).map((r) => ({
    query: worldQuery(world, log.query[r]),
    member: log.member[r],
    label: positive(world, r),
  }));
  for (const s of ['structured', 'line', 'twoTower'] as TalentStage[]) ranker.fitStage(s, pairs);
  return ranker;
}
