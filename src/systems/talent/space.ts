/**
 * The entity space of talent search: LINE embeddings ([u, u′], each order L2-normalised) of the
 * company, skill and title graphs, and pooling of a bag of entities into one vector.
 */
import { entityGraph, type EntityKind } from './graph/entity-graphs.ts';
import type { World } from '../../world/types.ts';
import type { FitProgress } from '../../models/recommender.ts';
import type { LineConfig } from '../../models/line/config.ts';
import { LineModel, type LineFitResult } from '../../models/line/model.ts';
import type { LineRuntime } from '../../models/line/threads.ts';
import { InvalidArgumentError } from '../../errors.ts';
import { matchEntityVectors, type EntityVectors, type EntityVectorMatch } from './entity-vectors.ts';

/** How a bag of entity vectors becomes one vector. */
export type Pooling = 'mean' | 'max';

/** Embeddings per entity kind, `count × dim` row-major. */
export interface EntitySpace {
  dim: number;
  company: Float32Array;
  skill: Float32Array;
  title: Float32Array;
}

/** Options of {@link trainEntitySpace}. */
export interface EntitySpaceOptions {
  line?: LineConfig;
  /** Edge samples per order as a multiple of the graph's arcs (default 100); ignored when `line.samples` is set. */
  passes?: number;
  /** Cap on edge samples per order (default 1,000,000, the reference's default T). */
  maxSamples?: number;
  signal?: AbortSignal;
  /** Where LINE trains (backend, WebGPU device…); default: WebGPU where the scope has it, else the CPU. */
  runtime?: LineRuntime;
  /** Progress of each graph's LINE run; `model.snapshot()` gives live embeddings between chunks. */
  onProgress?: (kind: EntityKind, p: FitProgress, model: LineModel) => void;
  /** Each graph's finished run: which path trained it (`backend`, `kernel`, `fallback`). */
  onFitted?: (kind: EntityKind, result: LineFitResult, model: LineModel) => void;
  /**
   * Vectors trained elsewhere, per kind: matched to that graph's nodes by label, used instead of
   * training LINE on it (see {@link matchEntityVectors}). Every kind given must have the same `dim`;
   * LINE then trains the other kinds to that width (`dim/2` per order, or second order alone when odd).
   */
  vectors?: EntityVectors;
  /** Each imported kind's match (before any LINE run). */
  onImported?: (kind: EntityKind, match: EntityVectorMatch) => void;
}

const ENTITY_KINDS: readonly EntityKind[] = ['company', 'skill', 'title'];

/**
 * Trains LINE on the company, skill and title graphs of `world`, or takes a kind's vectors from
 * `opts.vectors` (trained elsewhere) instead.
 */
export async function trainEntitySpace(
  world: Pick<World, 'members' | 'companies' | 'catalog'>,
  opts: EntitySpaceOptions = {},
): Promise<EntitySpace> {
  const out: Partial<Record<EntityKind, Float32Array>> = {};
  let dim = 0;
  for (const kind of ENTITY_KINDS) {
    const given = opts.vectors?.[kind];
    if (!given) continue;
    const match = matchEntityVectors(given, entityGraph(world, kind), kind);
    if (dim && match.dim !== dim)
      throw new InvalidArgumentError(
        `entityVectors.${kind} has ${match.dim} dimensions, the other imported vectors ${dim}`,
      );
    [out[kind], dim] = [match.vectors, match.dim];
    opts.onImported?.(kind, match);
  }
  // LINE's output width must equal the imported one, so pooled vectors of every kind compare.
  const widthConfig: LineConfig = !dim
    ? {}
    : dim % 2 === 0
      ? { dim: dim / 2, order: 'both' }
      : { dim, order: 'second' };
  for (const kind of ENTITY_KINDS) {
    if (out[kind]) continue;
    const g = entityGraph(world, kind);
    const samples =
      opts.line?.samples ??
      Math.min(opts.maxSamples ?? 1_000_000, Math.max(10_000, (opts.passes ?? 100) * 2 * g.src.length));
    const model = new LineModel({ ...opts.line, ...widthConfig, samples }, opts.runtime);
    const result = await model.fit(g, { signal: opts.signal, onProgress: (p) => opts.onProgress?.(kind, p, model) });
    opts.onFitted?.(kind, result, model);
    out[kind] = model.embeddings();
    dim = model.outputDim;
  }
  return {
    dim,
    company: out.company as Float32Array,
    skill: out.skill as Float32Array,
    title: out.title as Float32Array,
  };
}

/** Mean or max of rows `ids` of `emb` into `out` (zeros for an empty bag). */
export function poolRows(
  emb: Float32Array,
  dim: number,
  ids: ArrayLike<number>,
  mode: Pooling,
  out = new Float32Array(dim),
): Float32Array {
  out.fill(ids.length && mode === 'max' ? -Infinity : 0);
  for (let k = 0; k < ids.length; k++) {
    const r = ids[k] * dim;
    if (mode === 'max') for (let i = 0; i < dim; i++) out[i] = Math.max(out[i], emb[r + i]);
    else for (let i = 0; i < dim; i++) out[i] += emb[r + i] / ids.length;
  }
  return out;
}

/** Cosine of two vectors (0 when either is zero). */
export function cosineSim(a: Float32Array, b: Float32Array): number {
  let ab = 0,
    aa = 0,
    bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
}
