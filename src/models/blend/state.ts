/**
 * Blender state layout, version 1. The blender is saved whole, in one record: its learned weights and
 * course titles in `meta`, its catalogue (`seen.*`) and co-watch rows (`cowatch.*`), and the full
 * state of each part — tensors under `ncf/…` and `glmix/…`, kind, version, config and meta under
 * `meta.parts`. Embedding the parts (rather than naming stored models) means retraining or deleting a
 * stored NCF never breaks a stored blend; each part keeps its own kind's state version, so loading
 * runs that kind's upgrade chain on it.
 */
import type { Json, ModelState, StateTensor } from '../recommender.ts';
import type { SparseRows } from '../../data/index.ts';
import { Catalogue } from '../shared/catalogue.ts';
import { checkKindAndVersion, floatTensor, intTensor, readFloat, readRows } from '../shared/state.ts';
import {
  checkInteger,
  checkKnownKeys,
  checkNames,
  checkNumber,
  checkObject,
  checkUnfitted,
  stateError,
} from '../shared/state-checks.ts';
import { resolveGlmixConfig } from '../glmix/config.ts';
import { resolveNcfConfig } from '../ncf/config.ts';
import type { BlendWeights } from './weights.ts';

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
  coWatch: Required<SparseRows>;
  parts: Record<BlendPart, ModelState>;
  courseNames: readonly string[] | null;
  /** Whether the weights were learned on a validation split (false: the degenerate-data fallback). */
  learned: boolean;
}

/** Encodes a blender (`fitted` null before a fit). */
export function encodeBlendState(
  config: ModelState['config'],
  catalogue: Catalogue,
  fitted: BlendFitted | null,
): ModelState {
  const tensors: Record<string, StateTensor> = { ...catalogue.historyTensors() };
  const meta: ModelState['meta'] = { ...catalogue.toMeta(), fitted: fitted !== null };
  if (fitted) {
    const { weights: bw, coWatch } = fitted;
    tensors['cowatch.ptr'] = intTensor(coWatch.indptr.slice());
    tensors['cowatch.idx'] = intTensor(coWatch.indices.slice());
    tensors['cowatch.w'] = floatTensor(coWatch.values.slice(), [coWatch.values.length]);
    const parts: ModelState['meta'] = {};
    for (const name of BLEND_PARTS) {
      const s = fitted.parts[name];
      for (const [t, v] of Object.entries(s.tensors)) tensors[`${name}/${t}`] = v;
      parts[name] = { kind: s.kind, stateVersion: s.stateVersion, config: s.config, meta: s.meta };
    }
    // Scalars too, so a store listing (ModelInfo.meta keeps scalar entries) shows the learned weights.
    Object.assign(meta, {
      weights: { bias: bw.bias, w: bw.w, mean: bw.mean, std: bw.std },
      weightNcf: bw.w[0],
      weightGlmix: bw.w[1],
      weightsLearned: fitted.learned,
      parts,
      courseNames: fitted.courseNames ? [...fitted.courseNames] : null,
    });
  }
  return { kind: BLEND_KIND, stateVersion: BLEND_STATE_VERSION, config, tensors, meta };
}

/**
 * Decodes a state of {@link encodeBlendState}; each part's state goes through `upgradePart` first.
 * Checks the weights (finite, positive spreads), the co-watch rows and that both parts describe the
 * blender's own members and courses; a bad field is a StateFormatError naming it.
 */
export function decodeBlendState(
  state: ModelState,
  upgradePart: (s: ModelState) => ModelState,
): { catalogue: Catalogue; fitted: BlendFitted | null } {
  checkKindAndVersion(state, BLEND_KIND, BLEND_STATE_VERSION);
  const catalogue = Catalogue.fromState(state);
  checkBlendConfig(state.config);
  if (typeof state.meta.fitted !== 'boolean') throw stateError(BLEND_KIND, 'meta.fitted', 'must be true or false');
  if (!state.meta.fitted) return { catalogue: checkUnfitted(BLEND_KIND, catalogue), fitted: null };
  const rows = readRows(state, 'cowatch', catalogue.nItems, catalogue.nItems);
  const coWatch = { ...rows, values: readFloat(state, 'cowatch.w', [rows.indices.length]).slice() };
  const metaParts = checkObject(BLEND_KIND, 'meta.parts', state.meta.parts);
  const parts = {} as Record<BlendPart, ModelState>;
  for (const name of BLEND_PARTS) parts[name] = readPart(state, metaParts, name, catalogue, upgradePart);
  const learned = state.meta.weightsLearned;
  if (learned !== undefined && typeof learned !== 'boolean')
    throw stateError(BLEND_KIND, 'meta.weightsLearned', 'must be true or false');
  const courseNames = checkNames(BLEND_KIND, 'meta.courseNames', state.meta.courseNames) ?? null;
  return {
    catalogue,
    fitted: { weights: readWeights(state.meta.weights), coWatch, parts, courseNames, learned: learned !== false },
  };
}

/** The learned weights: finite, two per part list, and positive spreads (scores divide by them). */
function readWeights(json: unknown): BlendWeights {
  const w = checkObject(BLEND_KIND, 'meta.weights', json);
  const pair = (key: string, min: number): number[] => {
    const v = w[key];
    if (!Array.isArray(v) || v.length !== BLEND_PARTS.length)
      throw stateError(BLEND_KIND, `meta.weights.${key}`, `must be an array of ${BLEND_PARTS.length} numbers`);
    return v.map((x, j) => checkNumber(BLEND_KIND, `meta.weights.${key}[${j}]`, x, min));
  };
  return {
    bias: checkNumber(BLEND_KIND, 'meta.weights.bias', w.bias),
    w: pair('w', -Infinity),
    mean: pair('mean', -Infinity),
    std: pair('std', Number.MIN_VALUE),
  };
}

/** Part `name`'s state (upgraded), of the kind the blender runs and over the blender's members and courses. */
function readPart(
  state: ModelState,
  described: { [key: string]: Json },
  name: BlendPart,
  catalogue: Catalogue,
  upgradePart: (s: ModelState) => ModelState,
): ModelState {
  const p = checkObject(BLEND_KIND, `meta.parts.${name}`, described[name]);
  const kind = PART_KINDS[name];
  if (p.kind !== kind)
    throw stateError(BLEND_KIND, `meta.parts.${name}.kind`, `must be '${kind}', got ${JSON.stringify(p.kind)}`);
  const stateVersion = checkInteger(BLEND_KIND, `meta.parts.${name}.stateVersion`, p.stateVersion, 1, 2 ** 31 - 1);
  const config = checkObject(BLEND_KIND, `meta.parts.${name}.config`, p.config);
  const meta = checkObject(BLEND_KIND, `meta.parts.${name}.meta`, p.meta);
  const prefix = `${name}/`;
  const tensors: ModelState['tensors'] = {};
  for (const [k, t] of Object.entries(state.tensors)) if (k.startsWith(prefix)) tensors[k.slice(prefix.length)] = t;
  const part = upgradePart({ kind, stateVersion, config, tensors, meta });
  for (const size of ['nUsers', 'nItems'] as const) {
    if (part.meta[size] !== catalogue[size])
      throw stateError(
        BLEND_KIND,
        `meta.parts.${name}.meta.${size}`,
        `is ${JSON.stringify(part.meta[size])}, the blender has ${catalogue[size]}`,
      );
  }
  return part;
}

/** The kind of each part's state. */
const PART_KINDS: Record<BlendPart, string> = { ncf: 'ncf', glmix: 'glmix' };

/** The blender's own options: a seed, and each part's options (checked by that part's resolver). */
function checkBlendConfig(config: ModelState['config']): void {
  checkKnownKeys(BLEND_KIND, 'config', config, ['ncf', 'glmix', 'seed']);
  if (config.seed !== undefined) checkInteger(BLEND_KIND, 'config.seed', config.seed, -(2 ** 31), 2 ** 32 - 1);
  if (config.ncf !== undefined) resolveNcfConfig('seed', checkObject(BLEND_KIND, 'config.ncf', config.ncf));
  if (config.glmix !== undefined) resolveGlmixConfig(checkObject(BLEND_KIND, 'config.glmix', config.glmix));
}
