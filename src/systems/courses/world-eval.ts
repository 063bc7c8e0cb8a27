/**
 * The course models in the simulated world, where the truth is known: each member's latest watch is
 * held out; GLMix's AUC on those watches (label: past the duration threshold) plus sampled unwatched
 * courses, against its global-only model; and how well NCF, GLMix and the blend recover the true
 * affinity: NDCG@10 of each ranking with `trueCourseAffinity` as the graded gain.
 */
import { leaveOneOutLatest, Rng, userItemRows } from '../../data/index.ts';
import { auc } from '../../eval/index.ts';
import { BlendModel, type BlendConfig } from '../../models/blend/index.ts';
import { GlmixModel, type CourseData, type GlmixConfig } from '../../models/glmix/index.ts';
import type { Recommender } from '../../models/recommender.ts';
import { trueCourseAffinity, type World } from '../../world/index.ts';
import { courseDataFromWorld } from './world-data.ts';

/** The world figures of `npm run eval -- courses`. */
export interface WorldFigures {
  glmix_auc: number;
  global_auc: number;
  blend_ndcg10: number;
  ncf_ndcg10: number;
  glmix_ndcg10: number;
  /** The blender's learned weights (NCF, GLMix) on standardised scores. */
  blend_weights: number[];
}

/** Options: the parts' configs and how many members the truth NDCG averages over. */
export interface WorldEvalOptions extends BlendConfig {
  members?: number;
}

/** Fits and evaluates everything on `world`. */
export async function worldFigures(world: World, o: WorldEvalOptions = {}): Promise<WorldFigures> {
  const data = courseDataFromWorld(world);
  const split = leaveOneOutLatest(data.log);
  const train: CourseData = { ...data, log: split.train };
  const test = heldOutRows(data, split.testItem);
  const glmixAuc = await aucOf(new GlmixModel(o.glmix), train, test);
  const globalAuc = await aucOf(new GlmixModel({ ...o.glmix, randomEffects: false }), train, test);
  const blend = new BlendModel(o);
  await blend.fit(train);
  const { ncf, glmix } = blend.parts;
  const seen = userItemRows(split.train);
  const members = Array.from({ length: Math.min(o.members ?? 1000, world.members.count) }, (_, m) => m);
  const ndcg = async (model: Recommender<unknown>) => truthNdcg(world, model, members, seen);
  const figures = {
    glmix_auc: glmixAuc,
    global_auc: globalAuc,
    blend_ndcg10: await ndcg(blend),
    ncf_ndcg10: await ndcg(ncf as Recommender<unknown>),
    glmix_ndcg10: await ndcg(glmix as Recommender<unknown>),
    blend_weights: blend.learned?.w ?? [],
  };
  blend.dispose();
  return figures;
}

async function aucOf(model: GlmixModel, train: CourseData, test: ReturnType<typeof heldOutRows>): Promise<number> {
  await model.fit(train);
  const s = await model.score(test.users, test.items);
  model.dispose();
  return auc(s, test.y);
}

/** Held-out watches (label: past the threshold) with 3 sampled unwatched courses each (label 0). */
export function heldOutRows(
  data: CourseData,
  testItem: Int32Array,
): { users: Int32Array; items: Int32Array; y: Float32Array } {
  const seen = userItemRows(data.log);
  const last = new Map<number, number>();
  for (let k = 0; k < data.log.length; k++) {
    const u = data.log.users[k];
    if (data.log.items[k] === testItem[u]) last.set(u, data.log.values[k]);
  }
  const rng = new Rng(7).fork('world-test');
  const users: number[] = [];
  const items: number[] = [];
  const y: number[] = [];
  const nItems = data.log.itemIds.size;
  testItem.forEach((i, u) => {
    if (i < 0) return;
    users.push(u), items.push(i), y.push((last.get(u) ?? 0) >= data.relevantSeconds ? 1 : 0);
    const row = seen.indices.subarray(seen.indptr[u], seen.indptr[u + 1]);
    for (let j = 0; j < 3 && row.length < nItems; j++) {
      let c = rng.int(nItems);
      while (row.includes(c)) c = rng.int(nItems);
      users.push(u), items.push(c), y.push(0);
    }
  });
  return { users: Int32Array.from(users), items: Int32Array.from(items), y: Float32Array.from(y) };
}

/** Mean NDCG@10 over `members` of the model's ranking of their unwatched courses, true affinity as gain. */
async function truthNdcg(
  world: World,
  model: Recommender<unknown>,
  members: number[],
  seen: ReturnType<typeof userItemRows>,
): Promise<number> {
  let total = 0;
  for (const m of members) {
    const exclude = seen.indices.slice(seen.indptr[m], seen.indptr[m + 1]);
    const top = await model.recommend(m, { k: 10, exclude });
    const allowed = new Set(exclude);
    const gains: number[] = [];
    for (let c = 0; c < world.courses.count; c++) if (!allowed.has(c)) gains.push(trueCourseAffinity(world, m, c));
    gains.sort((a, b) => b - a);
    const dcg = (g: number[]) => g.slice(0, 10).reduce((s, v, r) => s + v / Math.log2(r + 2), 0);
    total += dcg(Array.from(top.items, (c) => trueCourseAffinity(world, m, c))) / (dcg(gains) || 1);
  }
  return total / Math.max(members.length, 1);
}
