/**
 * Service request targets, called in-thread as a worker's comlink would call them: the ranking
 * service (recommend, explain, score, similarItems, warm), the training service (train) and the
 * baseline service (init, run). A valid request is changed in one to three fields (wrong types,
 * missing, NaN, ±Infinity, negative, huge, unknown ids, `candidates: 5`, `data: 'x'`…), or replaced
 * whole. Accepted answers are checked: at most k distinct items, finite scores, candidates and
 * exclusions honoured; a training run's heartbeats never flood nor outlive it.
 */
import fc from 'fast-check';
import { initBackend } from '../../../backend/index.ts';
import type { ExternalId } from '../../../data/idmap.ts';
import { BaselineService } from '../../../rpc/baseline-service.ts';
import type { RankedItems, TrainRequest, WireProgress } from '../../../rpc/protocol.ts';
import { RankingService } from '../../../rpc/ranking-service.ts';
import { TrainingService } from '../../../rpc/training-service.ts';
import { MemoryModelStore } from '../../../store/memory-store.ts';
import { createModel } from '../../../models/registry.ts';
import { courseFixture } from '../../course-fixtures.ts';
import { checkerboardFixture } from '../../recommender-fixtures.ts';
import { checkerboardCsv, NODE_MF } from '../../rpc-fixtures.ts';
import { WEIRD_VALUES } from '../mutate.ts';
import { defineTarget, type AnyTarget } from '../types.ts';

type Req = Record<string, unknown>;

/** Up to three fields of `base` set to weird values (or deleted), or the whole request replaced. */
function malformed(
  base: fc.Arbitrary<Req>,
  fields: readonly string[],
  extra: readonly unknown[] = [],
): fc.Arbitrary<{ request: unknown; edits: string[] }> {
  const value = fc.constantFrom(...WEIRD_VALUES, ...extra, '<delete>');
  const edited = fc
    .tuple(base, fc.array(fc.tuple(fc.constantFrom(...fields), value), { minLength: 0, maxLength: 3 }))
    .map(([req, edits]) => {
      const r: Req = { ...req };
      for (const [k, v] of edits) v === '<delete>' ? delete r[k] : (r[k] = v);
      return { request: r as unknown, edits: edits.map(([k, v]) => `${k}=${String(v)}`) };
    });
  const whole = fc
    .constantFrom(null, undefined, 'x', 5, [], {})
    .map((request) => ({ request: request as unknown, edits: ['whole request'] }));
  return fc.oneof({ arbitrary: edited, weight: 9 }, { arbitrary: whole, weight: 1 });
}

// ---- ranking ----------------------------------------------------------------------------------------

interface RankingCtx {
  ranking: RankingService;
  version: number;
  items: Set<string>;
  /** A course model (GLMix on the checkerboard as watches), for `explain`: ids `u0…`, `i0…`. */
  glmix: { version: number; items: Set<string> };
}

let rankingCtx: Promise<RankingCtx> | undefined;

function setupRanking(): Promise<RankingCtx> {
  rankingCtx ??= (async () => {
    await initBackend('cpu');
    const store = new MemoryModelStore();
    const csv = checkerboardCsv(8, 8);
    const trained = await new TrainingService(store, { backend: 'cpu' }).train(
      { modelId: 'fz', kind: 'mf', config: { ...NODE_MF, epochs: 1 }, data: { csv, file: 'fz.csv' }, backend: 'cpu' },
      () => undefined,
    );
    const items = new Set(
      csv
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[1]),
    );
    const { log } = checkerboardFixture(8, 8);
    const glmix = createModel('glmix', { rounds: 1, newtonSteps: 1, negatives: 1 });
    await glmix.fit(courseFixture(log));
    const info = await store.save('fz-glmix', await glmix.toState());
    glmix.dispose();
    const glmixItems = new Set(Array.from({ length: log.itemIds.size }, (_, i) => String(log.itemIds.id(i))));
    return {
      ranking: new RankingService(store, { backend: 'cpu' }),
      version: trained.info.version,
      items,
      glmix: { version: info.version, items: glmixItems },
    };
  })();
  return rankingCtx;
}

const ID_VALUES = [101, 102, 108, '101', 999, -1, 1.5, NaN, null, [101], { id: 101 }];
const rankingBase = (version: number): fc.Arbitrary<Req> =>
  fc.record({
    modelId: fc.constant('fz'),
    version: fc.constantFrom(version, version, version, version + 1),
    user: fc.constantFrom(1, 2, 3, 8),
    k: fc.constantFrom(1, 3, 10, 100),
    exclude: fc.constantFrom([], [102], [101, 'nope']),
    candidates: fc.constantFrom(undefined, [101, 103, 105], [102, 104]),
    excludeSeen: fc.boolean(),
  });

const RANK_FIELDS = ['modelId', 'version', 'user', 'k', 'exclude', 'candidates', 'excludeSeen'] as const;

function rankedProblem(req: unknown, r: RankedItems, known: Set<string>): string | undefined {
  const q = (req ?? {}) as Req;
  const k = typeof q.k === 'number' ? q.k : 10;
  if (!Array.isArray(r.items) || r.items.length !== r.scores.length || r.items.length !== r.indices.length)
    return 'items, scores and indices differ in length';
  if (r.items.length > k) return `${r.items.length} items for k = ${k}`;
  if (new Set(r.items).size !== r.items.length) return 'repeated items';
  for (let i = 0; i < r.items.length; i++) {
    if (!Number.isFinite(r.scores[i])) return `score ${r.scores[i]}`;
    if (!known.has(String(r.items[i]))) return `item ${String(r.items[i])} is not in the catalogue`;
  }
  const candidates = Array.isArray(q.candidates) ? new Set((q.candidates as ExternalId[]).map(String)) : null;
  if (candidates && r.items.some((id) => !candidates.has(String(id)))) return 'an item outside the candidates';
  const exclude = Array.isArray(q.exclude) ? new Set((q.exclude as ExternalId[]).map(String)) : new Set<string>();
  if (r.items.some((id) => exclude.has(String(id)))) return 'an excluded item';
  return undefined;
}

type RankMethod = 'recommend' | 'explain' | 'similarItems';

const explainBase = (ctx: RankingCtx): fc.Arbitrary<Req> =>
  fc.record({
    modelId: fc.constant('fz-glmix'),
    version: fc.constantFrom(ctx.glmix.version, ctx.glmix.version + 1),
    user: fc.constantFrom('u0', 'u1', 'u7'),
    k: fc.constantFrom(1, 3, 10),
    exclude: fc.constantFrom([], ['i1'], ['i0', 'nope']),
    candidates: fc.constantFrom(undefined, ['i1', 'i3', 'i5'], ['i0', 'i2']),
    excludeSeen: fc.boolean(),
  });

/** `explain` gives one reason per item. */
function reasonsProblem(method: RankMethod, r: RankedItems): string | undefined {
  if (method !== 'explain') return undefined;
  const reasons = (r as RankedItems & { reasons?: unknown[] }).reasons;
  return Array.isArray(reasons) && reasons.length === r.items.length ? undefined : 'not one reason per item';
}

function rankingTarget(method: RankMethod): AnyTarget {
  return defineTarget<{ request: unknown; edits: string[] }, RankingCtx, RankedItems>({
    name: `service.ranking.${method}`,
    setup: setupRanking,
    inputs: (ctx) => {
      if (method === 'explain')
        return malformed(explainBase(ctx), RANK_FIELDS, ['u1', 'i3', 'i99', ['i1', 'i3'], ['i2']]);
      const base =
        method === 'similarItems'
          ? rankingBase(ctx.version).map(({ modelId, version, user, k }) => ({
              modelId,
              version,
              item: 100 + Number(user),
              k,
            }))
          : rankingBase(ctx.version);
      const fields = method === 'similarItems' ? ['modelId', 'version', 'item', 'k'] : RANK_FIELDS;
      return malformed(base, fields, ID_VALUES);
    },
    run: (c, ctx) => (ctx.ranking[method] as (r: unknown) => Promise<RankedItems>)(c.request),
    check: (c, r, ctx) =>
      rankedProblem(c.request, r, method === 'explain' ? ctx.glmix.items : ctx.items) ?? reasonsProblem(method, r),
    show: (c) =>
      JSON.stringify(c, (_k, v: unknown) =>
        typeof v === 'number' && !Number.isFinite(v) ? String(v) : v === undefined ? '<undefined>' : v,
      ),
  });
}

const SCORE_TARGET = defineTarget<{ request: unknown; edits: string[] }, RankingCtx, Float32Array>({
  name: 'service.ranking.score',
  setup: setupRanking,
  inputs: (ctx) =>
    malformed(
      fc.record({
        modelId: fc.constant('fz'),
        version: fc.constant(ctx.version),
        users: fc.constantFrom([1, 2], [3], []),
        items: fc.constantFrom([101, 102], [103], []),
      }),
      ['modelId', 'version', 'users', 'items'],
      [[1, 2, 3], [101], ['1'], [NaN], 5],
    ),
  run: (c, ctx) => ctx.ranking.score(c.request as never),
  check: (c, scores) => {
    const users = (c.request as Req).users as unknown[];
    if (!(scores instanceof Float32Array)) return 'not a Float32Array';
    if (scores.length !== users.length) return `${scores.length} scores for ${users.length} pairs`;
    return Array.from(scores).every(Number.isFinite) ? undefined : 'a non-finite score';
  },
});

const WARM_TARGET = defineTarget<unknown, RankingCtx, unknown>({
  name: 'service.ranking.warm',
  setup: setupRanking,
  inputs: () => fc.constantFrom('cpu', 'auto', ...WEIRD_VALUES),
  run: (prefer, ctx) => ctx.ranking.warm(prefer as never),
});

// ---- training -----------------------------------------------------------------------------------------

interface TrainCtx {
  training: TrainingService;
  csv: string;
}

let trainCtx: Promise<TrainCtx> | undefined;

function setupTraining(): Promise<TrainCtx> {
  trainCtx ??= (async () => {
    await initBackend('cpu');
    return {
      training: new TrainingService(new MemoryModelStore(), { backend: 'cpu', origin: 'http://fuzz.test' }),
      csv: checkerboardCsv(4, 4),
    };
  })();
  return trainCtx;
}

const TRAIN_FIELDS = [
  'modelId',
  'kind',
  'config',
  'data',
  'checkpointEvery',
  'backend',
  'fresh',
  'heartbeatMs',
  'validation',
  'stepEveryMs',
];
const TRAIN_EXTRA = [
  { dim: 2e9 },
  { epochs: 1e9 },
  { dim: -1 },
  { learningRate: NaN },
  { nope: 1 },
  { csv: 5 },
  { csv: '' },
  { csv: 'a,b\n1' },
  { ratingsUrl: 'http://evil.example/x.csv' },
  { ratingsUrl: 5 },
  { courses: 'x' },
  { courses: {} },
  'webgpu',
  'wasm',
  'mf',
  'blend',
  'glmix',
  'line',
  2 ** 32,
  1e-3,
];

interface TrainOutcome {
  heartbeats: number;
  ms: number;
  late: number;
  /** Set when train rejected (typed) but its progress channel went on after it. */
  leakedAfter?: string;
}

async function train(request: unknown, ctx: TrainCtx): Promise<TrainOutcome> {
  let heartbeats = 0;
  let settled = false;
  let late = 0;
  const started = performance.now();
  const id = (request as Req | null)?.modelId;
  const onProgress = (p: WireProgress): void => {
    if (settled) late++;
    if (p?.status === 'heartbeat') heartbeats++;
    else if (p?.status === 'start' && typeof id === 'string') void ctx.training.cancel(id); // keep cases cheap
  };
  let failure: unknown;
  try {
    await ctx.training.train(request as TrainRequest, onProgress);
  } catch (err) {
    failure = err;
  }
  settled = true;
  const ms = performance.now() - started;
  // A heartbeat timer left running (Infinity or 2^32 ms is 1 ms to setInterval) shows within 2 ms.
  await new Promise((resolve) => setTimeout(resolve, 2));
  if (failure === undefined) return { heartbeats, ms, late };
  if (late > 0) return { heartbeats, ms, late, leakedAfter: String(failure) };
  throw failure;
}

const TRAIN_TARGET = defineTarget<{ request: unknown; edits: string[] }, TrainCtx, TrainOutcome>({
  name: 'service.training.train',
  setup: setupTraining,
  inputs: (ctx) =>
    malformed(
      fc.record({
        modelId: fc.constantFrom('fz-a', 'fz-b'),
        kind: fc.constantFrom('popular', 'popular', 'mf', 'itemknn'),
        config: fc.constantFrom({}, { ...NODE_MF, epochs: 1 }),
        data: fc.constant({ csv: ctx.csv, file: 'fz.csv' }),
        backend: fc.constant('cpu'),
        heartbeatMs: fc.constantFrom(0, 50),
      }),
      TRAIN_FIELDS,
      TRAIN_EXTRA,
    ),
  run: (c, ctx) => train(c.request, ctx),
  check: (_c, o) => {
    if (o.late > 0)
      return `${o.late} progress messages after train ${o.leakedAfter ? `rejected (${o.leakedAfter})` : 'resolved'}`;
    if (o.heartbeats > 2 + o.ms / 10) return `${o.heartbeats} heartbeats in ${o.ms.toFixed(0)} ms (flood)`;
    return undefined;
  },
});

// ---- baselines ----------------------------------------------------------------------------------------

const BASELINE_TARGET = defineTarget<
  { method: 'init' | 'run'; request: unknown; edits: string[] },
  BaselineService,
  unknown
>({
  name: 'service.baselines',
  setup: async () => {
    const csv = checkerboardCsv(6, 6);
    return new BaselineService({
      origin: 'http://fuzz.test',
      fetch: async (url) =>
        url.startsWith('http://fuzz.test/') ? new Response(csv) : new Response('nope', { status: 404 }),
      initBackend: (prefer) => initBackend(prefer),
    });
  },
  inputs: () =>
    fc.oneof(
      malformed(
        fc.record({
          ratingsUrl: fc.constantFrom('http://fuzz.test/r.csv', '/r.csv', 'http://other.test/r.csv'),
          seed: fc.constantFrom(1, 42),
        }),
        ['ratingsUrl', 'seed'],
        ['javascript:1', 'data:text/csv,1,2,3,4', '../x', 2 ** 40],
      ).map((c) => ({ method: 'run' as const, ...c })),
      fc
        .constantFrom('cpu', 'auto', ...WEIRD_VALUES)
        .map((prefer) => ({ method: 'init' as const, request: prefer, edits: [] })),
    ),
  run: (c, service) =>
    c.method === 'init' ? service.init(c.request as never) : service.run(c.request as never, () => undefined),
});

export const SERVICE_TARGETS: AnyTarget[] = [
  rankingTarget('recommend'),
  rankingTarget('explain'),
  rankingTarget('similarItems'),
  SCORE_TARGET,
  WARM_TARGET,
  TRAIN_TARGET,
  BASELINE_TARGET,
];
