/**
 * The one validation layer at the service boundary: every request a service takes (training, ranking,
 * baselines; talent and feed with the same checkers in their own `validate.ts`) is checked against a small schema before any work starts, and a bad
 * one is an `InvalidArgumentError` naming the field, its bounds and what came (`request.k must be an
 * integer in [1, 100000], got -1`). A request that passes has the documented shape; a model config is
 * checked by its kind's own schema (bounds, and no unknown option).
 */
import { BACKEND_ORDER, type BackendPreference } from '../backend/types.ts';
import type { ExternalId } from '../data/idmap.ts';
import { InvalidArgumentError } from '../errors.ts';
import { resolveGlmixConfig } from '../models/glmix/config.ts';
import { resolveMfConfig } from '../models/mf/config.ts';
import { resolveNcfConfig } from '../models/ncf/config.ts';
import { modelKinds } from '../models/registry.ts';
import {
  bool,
  int,
  invalid,
  list,
  oneOf,
  optional,
  plainObject,
  real,
  record,
  text,
  type Check,
} from '../models/shared/schema.ts';
import type { BaselineRunOptions } from './baseline-protocol.ts';
import type { FoldedUser } from '../models/recommender.ts';
import type {
  FoldInRequest,
  RecommendForRequest,
  RecommendRequest,
  ScoreRequest,
  ServiceConfig,
  SimilarItemsRequest,
  TrainRequest,
  WireHistory,
} from './protocol.ts';
import type { WasmPaths } from '../backend/loaders.ts';

/** Bounds of the request fields (documented in README's request table). */
export const REQUEST_BOUNDS = Object.freeze({
  /** Longest model id. */
  modelIdLength: 256,
  /** Largest `k` of a ranking request. */
  k: 100_000,
  /** Most ids in `exclude`, `candidates`, or a score request's `users` / `items`. */
  ids: 2 ** 20,
  /** Longest string id. */
  idLength: 1024,
  /** Heartbeat interval: 0 (none) or within these milliseconds. */
  heartbeatMs: [10, 600_000] as const,
  /** Largest `checkpointEvery` (steps). */
  checkpointEvery: 1e9,
  /** Most users of a validation slice. */
  validationUsers: 100_000,
  /** Largest `stepEveryMs`. */
  stepEveryMs: 3_600_000,
});

/** A model id: a non-empty string of bounded length. */
export const modelId = text(1, REQUEST_BOUNDS.modelIdLength);

/** An external id: a string of bounded length or a finite number. */
export const externalId: Check<ExternalId> = (v, path) => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.length <= REQUEST_BOUNDS.idLength) return v;
  throw invalid(path, `an id (a finite number or a string of at most ${REQUEST_BOUNDS.idLength} characters)`, v);
};

const ids = list(externalId, 0, REQUEST_BOUNDS.ids);
const k = optional(int(1, REQUEST_BOUNDS.k));
/** A 32-bit seed (signed or unsigned). */
export const seed32 = int(-(2 ** 31), 2 ** 32 - 1);
/** An optional 32-bit seed. */
export const seed = optional(seed32);

/** A backend preference: `'auto'` or a backend name. */
export const backendPreference: Check<BackendPreference> = oneOf<BackendPreference>(['auto', ...BACKEND_ORDER]);

/** A registered model kind (the error lists them). */
export const modelKind: Check<string> = (v, path) => oneOf(modelKinds())(v, path);

/** 0 (no heartbeat) or an interval in the bounds: 2^32 or Infinity would fire every millisecond. */
const heartbeatMs: Check<number> = (v, path) => {
  const [min, max] = REQUEST_BOUNDS.heartbeatMs;
  if (v === 0) return 0;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    throw invalid(path, `0 or an integer in [${min}, ${max}] (ms)`, v);
  return v;
};

/** Course data's scalar fields (its columns are checked by `courseDataFromWire`). */
const wireCourses: Check<unknown> = (v, path) => {
  const o = plainObject(v, path);
  int(1, 100)(o.nSeniority, `${path}.nSeniority`);
  int(1, 256)(o.nCategories, `${path}.nCategories`);
  real(1e-3, 1e9)(o.relevantSeconds, `${path}.relevantSeconds`);
  return v;
};

const DATA_SHAPES = '{ratingsUrl}|{csv}|{courses}';

/** Exactly one of the training data shapes. */
const trainingData: Check<TrainRequest['data']> = (v, path) => {
  const o = v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as { [key: string]: unknown }) : null;
  if (o && Object.hasOwn(o, 'ratingsUrl'))
    return record<{ ratingsUrl: string }>({ ratingsUrl: text(1, 8192) })(v, path);
  if (o && Object.hasOwn(o, 'csv'))
    return record<{ csv: string; file?: string }>({ csv: text(0, 2 ** 30), file: optional(text(1, 1024)) })(v, path);
  if (o && Object.hasOwn(o, 'courses'))
    return record<{ courses: unknown }>({ courses: wireCourses })(v, path) as TrainRequest['data'];
  throw invalid(path, `one of ${DATA_SHAPES}`, v);
};

/** Each kind's config check (bounds and known options); the resolvers are the models' own. */
const CONFIGS = new Map<string, Check<unknown>>([
  ['popular', record({})],
  ['itemknn', record<{ k?: number }>({ k: optional(int(1, 10_000)) }, ': ')],
  ['mf', (c) => resolveMfConfig(c as object)],
  ['gmf', (c) => resolveNcfConfig('gmf', c as object)],
  ['mlp', (c) => resolveNcfConfig('mlp', c as object)],
  ['neumf', (c) => resolveNcfConfig('neumf', c as object)],
  ['ncf', (c) => resolveNcfConfig('seed', c as object)],
  ['glmix', (c) => resolveGlmixConfig(c as object)],
  [
    'blend',
    record<{ ncf?: unknown; glmix?: unknown; seed?: number }>(
      {
        ncf: optional((c) => resolveNcfConfig('seed', c as object)),
        glmix: optional((c) => resolveGlmixConfig(c as object)),
        seed,
      },
      ': ',
    ),
  ],
]);

const trainShape = {
  modelId,
  kind: modelKind,
  config: optional(plainObject),
  data: trainingData,
  checkpointEvery: optional(int(0, REQUEST_BOUNDS.checkpointEvery)),
  backend: optional(backendPreference),
  fresh: optional(bool),
  heartbeatMs: optional(heartbeatMs),
  validation: optional(
    record<{ users?: number; seed?: number }>({ users: optional(int(1, REQUEST_BOUNDS.validationUsers)), seed }),
  ),
  stepEveryMs: optional(int(0, REQUEST_BOUNDS.stepEveryMs)),
};

/** A training request: its fields, then its config against its kind's schema. */
export function checkTrainRequest(request: unknown): TrainRequest {
  const r = record(trainShape)(request, 'request') as TrainRequest;
  const config = CONFIGS.get(r.kind);
  if (!config) throw new InvalidArgumentError(`request.kind '${r.kind}' has no config schema`);
  config(r.config ?? {}, r.kind);
  if (r.validation && 'courses' in r.data)
    throw new InvalidArgumentError(
      `request.validation: kind '${r.kind}' trains on course data, not an interaction log`,
    );
  return r;
}

const ref = { modelId, version: int(0, Number.MAX_SAFE_INTEGER) };

/** A recommend / explain request. */
export const checkRecommendRequest = (request: unknown): RecommendRequest =>
  record<RecommendRequest>({
    ...ref,
    user: externalId,
    k,
    exclude: optional(ids),
    candidates: optional(ids),
    excludeSeen: optional(bool),
  })(request, 'request');

/** A finite number (NaN and infinities rejected). */
const finite = real(-Number.MAX_VALUE, Number.MAX_VALUE);
const numbers = list(finite, 0, REQUEST_BOUNDS.ids);

/** Feature values by name: finite numbers, at most `REQUEST_BOUNDS.ids` of them. */
const features: Check<Record<string, number>> = (v, path) => {
  const o = plainObject(v, path);
  const keys = Object.keys(o);
  if (keys.length > REQUEST_BOUNDS.ids) throw invalid(path, `at most ${REQUEST_BOUNDS.ids} features`, v);
  for (const key of keys) {
    text(1, REQUEST_BOUNDS.idLength)(key, `${path} key`);
    finite(o[key], `${path}.${key}`);
  }
  return o as Record<string, number>;
};

/** A history: ids, and `times` / `durations` (when present) as long as `items`. */
export const history: Check<WireHistory> = (v, path) => {
  const h = record<WireHistory>({
    items: ids,
    times: optional(numbers),
    durations: optional(numbers),
    features: optional(features),
  })(v, path);
  for (const field of ['times', 'durations'] as const) {
    const column = h[field];
    if (column && column.length !== h.items.length)
      throw invalid(`${path}.${field}`, `as long as ${path}.items (${h.items.length})`, column);
  }
  return h;
};

/**
 * A fold-in as a model returns it: the common fields checked, a kind's own extra fields (a blend's
 * `parts`, GLMix' `unknownFeatures`) and the `vector`'s length left to the model.
 */
export const foldedUser: Check<FoldedUser> = (v, path) => {
  const f = plainObject(v, path);
  text(1, 64)(f.kind, `${path}.kind`);
  if (!(f.vector instanceof Float32Array)) throw invalid(`${path}.vector`, 'a Float32Array', f.vector);
  text(0, 64)(f.method, `${path}.method`);
  int(0, Number.MAX_SAFE_INTEGER)(f.iterations, `${path}.iterations`);
  if (typeof f.loss !== 'number') throw invalid(`${path}.loss`, 'a number (NaN where no loss applies)', f.loss);
  return f as unknown as FoldedUser;
};

/** A recommendFor / explainFor request. */
export const checkRecommendForRequest = (request: unknown): RecommendForRequest =>
  record<RecommendForRequest>({
    ...ref,
    history,
    k,
    exclude: optional(ids),
    candidates: optional(ids),
    excludeSeen: optional(bool),
    folded: optional(foldedUser),
  })(request, 'request');

/** A fold-in request. */
export const checkFoldInRequest = (request: unknown): FoldInRequest =>
  record<FoldInRequest>({ ...ref, history, warm: optional(foldedUser) })(request, 'request');

/** A score request (`users` and `items` of one length). */
export function checkScoreRequest(request: unknown): ScoreRequest {
  const r = record<ScoreRequest>({ ...ref, users: ids, items: ids })(request, 'request');
  if (r.users.length !== r.items.length)
    throw invalid('request.items', `as long as request.users (${r.users.length})`, r.items);
  return r;
}

/** A similar-items request. */
export const checkSimilarItemsRequest = (request: unknown): SimilarItemsRequest =>
  record<SimilarItemsRequest>({ ...ref, item: externalId, k })(request, 'request');

/** A baseline run. */
export const checkBaselineRun = (options: unknown): BaselineRunOptions =>
  record<BaselineRunOptions>({ ratingsUrl: text(1, 8192), seed })(options, 'options');

const url = text(1, 8192);

/** Where tfjs finds its wasm binaries: a folder URL, or one URL per binary. */
const wasmPaths: Check<WasmPaths> = (v, path) =>
  typeof v === 'string'
    ? url(v, path)
    : record<Exclude<WasmPaths, string>>({
        'tfjs-backend-wasm.wasm': url,
        'tfjs-backend-wasm-simd.wasm': url,
        'tfjs-backend-wasm-threaded-simd.wasm': url,
      })(v, path);

/** A service's client settings. */
export const checkServiceConfig = (config: unknown): ServiceConfig =>
  record<ServiceConfig>({ wasmPaths: optional(wasmPaths) })(config, 'config');

/** Validates one argument named `name` (e.g. `modelId`, `prefer`). */
export function checkArgument<T>(check: Check<T>, value: unknown, name: string): T {
  return check(value, name);
}
