/**
 * A small valid state of every kind a decoder reads (each registry kind, LINE, two-tower, the feed's
 * SPR), and a loader per kind that loads one and probes the result — what the decoder tests (and any
 * fuzz of them) mutate and feed back. Everything is tiny, so building all of them takes ~1 s on a CPU.
 */
import { IdMap, makeInteractionLog, type InteractionLog } from '../data/index.ts';
import type { CourseData } from '../models/glmix/index.ts';
import { LineModel } from '../models/line/model.ts';
import { mfV2ToV1 } from '../models/mf/index.ts';
import type { LineGraph } from '../models/line/tables.ts';
import type { ModelState, Recommender } from '../models/recommender.ts';
import { createModel, modelFromState, type ModelData } from '../models/registry.ts';
import { SprModel } from '../systems/feed/spr/model.ts';
import { TwoTowerModel } from '../models/two-tower/model.ts';
import { twoTowerFromState, twoTowerToState } from '../models/two-tower/state.ts';
import { checkerboardFixture } from './recommender-fixtures.ts';

/** Members × courses of the course fixture, and its number of seniority levels. */
export const COURSE_SIZES = { users: 8, items: 8, nSeniority: 5, nCategories: 3, skills: 6 } as const;

/** A checkerboard watch log with varied member and course features (5 seniority levels, 3 categories, skills). */
export function richCourseData(): CourseData {
  const { users, items, nSeniority, nCategories, skills } = COURSE_SIZES;
  const { log } = checkerboardFixture(users, items);
  const watched = makeInteractionLog({ ...log, values: Float32Array.from(log.values, (_, k) => 60 + (k % 7) * 40) });
  const rows = (n: number, per: (r: number) => number[]) => {
    const indptr = new Int32Array(n + 1);
    const indices: number[] = [];
    for (let r = 0; r < n; r++) {
      for (const c of per(r)) indices.push(c);
      indptr[r + 1] = indices.length;
    }
    return { nRows: n, nCols: skills, indptr, indices: Int32Array.from(indices) };
  };
  return {
    log: watched,
    relevantSeconds: 120,
    members: {
      seniority: Uint8Array.from({ length: users }, (_, u) => u % nSeniority),
      industry: Uint16Array.from({ length: users }, (_, u) => u % 4),
      skills: rows(users, (u) => [u % skills, ((u % skills) + 2) % skills].sort((a, b) => a - b)),
    },
    courses: {
      difficulty: Uint8Array.from({ length: items }, (_, i) => i % 3),
      category: Uint8Array.from({ length: items }, (_, i) => i % nCategories),
      skills: rows(items, (i) => [i % skills]),
    },
    nSeniority,
    nCategories,
    skillFamily: Uint8Array.from({ length: skills }, (_, s) => s % nCategories),
    skillNames: Array.from({ length: skills }, (_, s) => `skill ${s}`),
    categoryNames: ['a', 'b', 'c'],
  };
}

/** Two 4-cliques joined by one edge. */
export function twoCliques(): LineGraph {
  const src: number[] = [];
  const dst: number[] = [];
  for (const base of [0, 4])
    for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) src.push(base + i), dst.push(base + j);
  src.push(0), dst.push(4);
  return { n: 8, src: Int32Array.from(src), dst: Int32Array.from(dst) };
}

/** The checkerboard log with each event on its own day (for NCF's time context). */
function timedLog(): InteractionLog {
  const { log } = checkerboardFixture();
  return makeInteractionLog({
    ...log,
    times: Float64Array.from(log.times, (_, k) => k * 86_400),
    userIds: IdMap.fromJSON(log.userIds.toJSON()),
    itemIds: IdMap.fromJSON(log.itemIds.toJSON()),
  });
}

async function fitted(kind: string, config: object, data: ModelData, checkpoint = false): Promise<ModelState> {
  const m = createModel(kind, config as never);
  let first: ModelState | null = null;
  await m.fit(
    data as never,
    checkpoint ? { checkpointEvery: 1, onCheckpoint: (s) => void (first ??= structuredClone(s)) } : {},
  );
  const state = first ?? (await m.toState());
  m.dispose();
  return state;
}

/** One valid state per decoder, by name (registry kinds by kind, `kind@1` for a version-1 state; `line`, `two-tower`, `feed-spr`). */
export async function validStates(): Promise<Record<string, ModelState>> {
  const { log } = checkerboardFixture();
  const courses = richCourseData();
  const ncf = { dim: 4, epochs: 1, batchSize: 16, layers: [8, 4], negatives: 1, seed: 1 };
  const line = new LineModel({ dim: 4, samples: 2000, chunk: 1000, seed: 2 });
  await line.fit(twoCliques());
  const tower = new TwoTowerModel(9, 15, { hidden: 4, dim: 2 });
  tower.query.params.forEach((_, k, a) => (a[k] = Math.sin(k)));
  tower.member.params.forEach((_, k, a) => (a[k] = Math.cos(k)));
  const spr = new SprModel({ bits: 8 });
  const sprState = await spr.toState();
  (sprState.tensors.weights.data as Float32Array).forEach((_, k, a) => (a[k] = Math.sin(k)));
  (sprState.tensors.accum.data as Float32Array).fill(0.5);
  const mf = await fitted('mf', { dim: 4, epochs: 2, batchSize: 16, seed: 3 }, log, true);
  const gmf = await fitted('gmf', ncf, log);
  const { timeWindowDays: _new, ...gmfV1Config } = gmf.config;
  return {
    popular: await fitted('popular', {}, log),
    itemknn: await fitted('itemknn', { k: 4 }, log),
    mf,
    // Older layouts, loaded through their kind's upgrade chain.
    'mf@1': mfV2ToV1(mf),
    gmf,
    'gmf@1': { ...gmf, stateVersion: 1, config: gmfV1Config },
    mlp: await fitted('mlp', ncf, log),
    neumf: await fitted('neumf', ncf, log, true),
    ncf: await fitted(
      'ncf',
      { dim: 4, epochs: 1, batchSize: 16, neighbours: 3, timeWindowDays: 2, seed: 1 },
      timedLog(),
    ),
    glmix: await fitted('glmix', { rounds: 1, newtonSteps: 1 }, courses),
    blend: await fitted(
      'blend',
      { ncf: { dim: 4, epochs: 1, batchSize: 16, neighbours: 3 }, glmix: { rounds: 1, newtonSteps: 1 } },
      courses,
    ),
    line: await line.toState(),
    'two-tower': twoTowerToState(tower),
    'feed-spr': sprState,
  };
}

/** What a load gave: every number a probe of the loaded model produced. */
export type Probed = Float32Array;

async function probeRecommender(m: Recommender<ModelData>, state: ModelState): Promise<Probed> {
  try {
    const nUsers = Number(state.meta.nUsers) || 0;
    const nItems = Number(state.meta.nItems) || 0;
    const out: number[] = [];
    if (nUsers > 0 && nItems > 0) {
      const users = Int32Array.from({ length: nUsers * nItems }, (_, k) => Math.floor(k / nItems));
      const items = Int32Array.from(users, (_, k) => k % nItems);
      for (const v of await m.score(users, items)) out.push(v);
      for (const v of (await m.recommend(0, { k: 3 })).scores) out.push(v);
    }
    return Float32Array.from(out);
  } finally {
    m.dispose();
  }
}

/**
 * Loads `state` with the decoder of `name` and probes the model (scores of every pair, a top-3): the
 * numbers it returns must all be finite for a state that loads. A registry kind loads through
 * `modelFromState` (upgrades included), or with `direct` through a fresh model's own `fromState`.
 */
export async function loadAndProbe(name: string, state: ModelState, direct = false): Promise<Probed> {
  if (name === 'line') {
    const m = new LineModel();
    await m.fromState(state);
    const e = m.embeddings();
    if (e.length / m.outputDim < 2) return e;
    const { scores } = await m.recommend(0, { k: 3 });
    const out = new Float32Array(scores.length + e.length);
    out.set(scores);
    out.set(e, scores.length);
    return out;
  }
  if (name === 'two-tower') {
    const t = twoTowerFromState(state);
    return Float32Array.of(t.scoreVectors(t.embedQuery([0, 1]), t.embedMember([0, 2])));
  }
  if (name === 'feed-spr') {
    const m = new SprModel({ bits: 8 });
    await m.fromState(state);
    const idx = Int32Array.from({ length: 256 }, (_, k) => k);
    return Float32Array.of(m.predictRow(idx, new Float32Array(256).fill(1), 0, 256));
  }
  if (!direct) return probeRecommender(await modelFromState(state), state);
  const m = createModel(name.split('@')[0]);
  try {
    await m.fromState(state);
  } catch (err) {
    m.dispose();
    throw err;
  }
  return probeRecommender(m, state);
}
