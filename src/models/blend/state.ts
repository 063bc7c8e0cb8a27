/**
 * Blender state layout, version 1. The blender is saved whole, in one record: its learned weights and
 * course titles in `meta`, its catalogue (`seen.*`) and co-watch rows (`cowatch.*`), and the full
 * state of each part — tensors under `ncf/…` and `glmix/…`, kind, version, config and meta under
 * `meta.parts`. Embedding the parts (rather than naming stored models) means retraining or deleting a
 * stored NCF never breaks a stored blend; each part keeps its own kind's state version, so loading
 * runs that kind's upgrade chain on it.
 */
import type { ModelState, StateTensor } from '../recommender';
import type { WeightedRows } from '../ncf/inputs';
import { Catalogue } from '../shared/catalogue';
import { checkKindAndVersion, floatTensor, intTensor, readFloat, readInt } from '../shared/state';
import { InvalidArgumentError } from '../../errors';
import type { BlendWeights } from './weights';

/** Registry kind of the blender. */
export const BLEND_KIND = 'blend';
/** Current blender state version. */
export const BLEND_STATE_VERSION = 1;

/** The two parts, by name. */
export const BLEND_PARTS = ['ncf', 'glmix'] as const;
/** A part's name. */
export type BlendPart = (typeof BLEND_PARTS)[number];

/** What a fitted blender consists of. */
export interface BlendFitted {
  weights: BlendWeights;
  coWatch: WeightedRows;
  parts: Record<BlendPart, ModelState>;
  courseNames: readonly string[] | null;
  /** Whether the weights were learned on a validation split (false: the degenerate-data fallback). */
  learned: boolean;
}

/** Encodes a blender (`fitted` null before a fit). */
export function encodeBlendState(config: ModelState['config'], catalogue: Catalogue, fitted: BlendFitted | null): ModelState {
  const tensors: Record<string, StateTensor> = { ...catalogue.historyTensors() };
  const meta: ModelState['meta'] = { ...catalogue.toMeta(), fitted: fitted !== null };
  if (fitted) {
    const { weights: bw, coWatch } = fitted;
    tensors['cowatch.ptr'] = intTensor(coWatch.indptr.slice());
    tensors['cowatch.idx'] = intTensor(coWatch.indices.slice());
    tensors['cowatch.w'] = floatTensor(coWatch.weights.slice(), [coWatch.weights.length]);
    const parts: ModelState['meta'] = {};
    for (const name of BLEND_PARTS) {
      const s = fitted.parts[name];
      for (const [t, v] of Object.entries(s.tensors)) tensors[`${name}/${t}`] = v;
      parts[name] = { kind: s.kind, stateVersion: s.stateVersion, config: s.config, meta: s.meta };
    }
    // Scalars too, so a store listing (ModelInfo.meta keeps scalar entries) shows the learned weights.
    Object.assign(meta, {
      weights: { bias: bw.bias, w: bw.w, mean: bw.mean, std: bw.std }, weightNcf: bw.w[0], weightGlmix: bw.w[1],
      weightsLearned: fitted.learned, parts, courseNames: fitted.courseNames ? [...fitted.courseNames] : null,
    });
  }
  return { kind: BLEND_KIND, stateVersion: BLEND_STATE_VERSION, config, tensors, meta };
}

/** Decodes a state of {@link encodeBlendState}; each part's state goes through `upgradePart` first. */
export function decodeBlendState(state: ModelState, upgradePart: (s: ModelState) => ModelState): { catalogue: Catalogue; fitted: BlendFitted | null } {
  checkKindAndVersion(state, BLEND_KIND, BLEND_STATE_VERSION);
  const catalogue = Catalogue.fromState(state);
  if (!state.meta.fitted) return { catalogue, fitted: null };
  const bad = (what: string): never => {
    throw new InvalidArgumentError(`blend state: ${what}`);
  };
  const w = state.meta.weights as { [k: string]: unknown } | null;
  const nums = (v: unknown, n: number) => (Array.isArray(v) && v.length === n && v.every(Number.isFinite) ? (v as number[]).slice() : bad('weights malformed'));
  if (!w || typeof w !== 'object' || !Number.isFinite(w.bias)) bad('weights missing');
  const weights: BlendWeights = { bias: w!.bias as number, w: nums(w!.w, 2), mean: nums(w!.mean, 2), std: nums(w!.std, 2) };
  const indptr = readInt(state, 'cowatch.ptr', [catalogue.nItems + 1]).slice();
  const nnz = indptr[catalogue.nItems];
  const coWatch: WeightedRows = { nRows: catalogue.nItems, nCols: catalogue.nItems, indptr, indices: readInt(state, 'cowatch.idx', [nnz]).slice(), weights: readFloat(state, 'cowatch.w', [nnz]).slice() };
  const metaParts = state.meta.parts as { [k: string]: { [k: string]: unknown } } | null;
  const parts = {} as Record<BlendPart, ModelState>;
  for (const name of BLEND_PARTS) {
    const p = metaParts?.[name];
    if (!p || typeof p.kind !== 'string' || typeof p.stateVersion !== 'number' || !p.config || !p.meta) bad(`part '${name}' missing`);
    const prefix = `${name}/`;
    const tensors = Object.fromEntries(Object.entries(state.tensors).filter(([k]) => k.startsWith(prefix)).map(([k, t]) => [k.slice(prefix.length), t]));
    parts[name] = upgradePart({ kind: p!.kind as string, stateVersion: p!.stateVersion as number, config: p!.config as ModelState['config'], tensors, meta: p!.meta as ModelState['meta'] });
  }
  const names = state.meta.courseNames;
  const courseNames = Array.isArray(names) ? names.map(String) : null;
  return { catalogue, fitted: { weights, coWatch, parts, courseNames, learned: state.meta.weightsLearned !== false } };
}
