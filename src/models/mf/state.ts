/**
 * MF state layout, version 2: weights `userEmb` [nUsers, dim], `itemEmb` [nItems, dim], `userBias`
 * [nUsers], `itemBias` [nItems]; while training is unfinished (a checkpoint, or an aborted fit) also
 * NamedAdam<WeightName>'s slots `adam.m.<weight>` / `adam.v.<weight>` and `meta.cursor`.
 */
import type { Json, ModelState, StateTensor } from '../recommender.ts';
import { Catalogue } from '../shared/catalogue.ts';
import { floatTensor, readFloat } from '../shared/state.ts';
import { checkNonNegative } from '../shared/state-checks.ts';
import type { AdamArrays } from '../shared/adam.ts';
import type { MfSettings } from './config.ts';
import { fromTrainingCursor, toTrainingCursor, type MfCursor } from './cursor.ts';
import { WEIGHT_NAMES, weightShapes, type WeightArrays, type WeightName } from './weights.ts';

/** Registry key of the MF model. */
export const MF_KIND = 'mf';
/** Current MF state version (v1 kept the biases as the last embedding column). */
export const MF_STATE_VERSION = 2;

/** What an MF state decodes to. */
export interface MfParts {
  settings: MfSettings;
  catalogue: Catalogue;
  weights: WeightArrays;
  training: { cursor: MfCursor; adam: AdamArrays<WeightName> } | null;
}

/** Encodes the parts as a v2 state (arrays are used as they are: pass copies). */
export function encodeMfState(p: MfParts): ModelState {
  const shapes = weightShapes(p.catalogue.nUsers, p.catalogue.nItems, p.settings.dim);
  const tensors: Record<string, StateTensor> = {};
  for (const name of WEIGHT_NAMES) tensors[name] = floatTensor(p.weights[name], shapes[name]);
  const meta: { [key: string]: Json } = p.catalogue.toMeta();
  if (p.training) {
    const { cursor, adam } = p.training;
    for (const name of WEIGHT_NAMES) {
      tensors[`adam.m.${name}`] = floatTensor(adam.m[name], shapes[name]);
      tensors[`adam.v.${name}`] = floatTensor(adam.v[name], shapes[name]);
    }
    meta.cursor = toTrainingCursor(cursor, p.settings.seed, adam.step);
  }
  Object.assign(tensors, p.catalogue.historyTensors());
  return { kind: MF_KIND, stateVersion: MF_STATE_VERSION, config: { ...p.settings }, tensors, meta };
}

/** Decodes a v2 state; shapes are checked against `meta` and the config. */
export function decodeMfState(state: ModelState, settings: MfSettings): MfParts {
  const catalogue = Catalogue.fromState(state);
  const shapes = weightShapes(catalogue.nUsers, catalogue.nItems, settings.dim);
  const read = (prefix: string) => {
    const out = {} as WeightArrays;
    for (const name of WEIGHT_NAMES) out[name] = readFloat(state, `${prefix}${name}`, shapes[name]);
    return out;
  };
  const weights = read('');
  if (state.meta.cursor === undefined) return { settings, catalogue, weights, training: null };
  const { cursor, adamStep } = fromTrainingCursor(state.meta.cursor, state.kind);
  const v = read('adam.v.');
  // Adam divides by √v: a negative second moment would turn the next step into NaN.
  for (const name of WEIGHT_NAMES) checkNonNegative(state.kind, `tensors.adam.v.${name}`, v[name]);
  return { settings, catalogue, weights, training: { cursor, adam: { step: adamStep, m: read('adam.m.'), v } } };
}
