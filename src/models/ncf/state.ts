/**
 * NCF state layout, version 2: the architecture's parameters by name (see `paramSpecs`); the seed
 * variant's sparse inputs (`learners.ptr` / `learners.idx`, `courses.ptr` / `courses.idx` / `courses.w`);
 * with a time context, its timeline (`timeline.ptr` / `timeline.days` / `timeline.learnerDay`) and the
 * coefficient `timeW`. Version 1 had no time context: it upgrades unchanged (the option defaults to off);
 * the training history (`seen.*`); while training is unfinished also Adam's slots `adam.m.<name>` /
 * `adam.v.<name>` and `meta.cursor` (MF's cursor format).
 */
import { fromTrainingCursor, toTrainingCursor, type MfCursor } from '../mf/cursor.ts';
import type { Json, ModelState, StateTensor } from '../recommender.ts';
import { Catalogue } from '../shared/catalogue.ts';
import { floatTensor, intTensor, readFloat, readInt, readRows } from '../shared/state.ts';
import { checkNonNegative, checkPtr, stateError } from '../shared/state-checks.ts';
import type { AdamArrays } from '../shared/adam.ts';
import type { NcfSettings } from './config.ts';
import { paramSpecs, type ParamArrays } from './params.ts';
import type { Timeline } from './timeline.ts';
import type { SparseRows } from '../../data/index.ts';

/** Current NCF state version. */
export const NCF_STATE_VERSION = 2;

/** Version 1 → 2: the time context is new and off in a version-1 state, so the layout is unchanged. */
export function ncfV1ToV2(state: ModelState): ModelState {
  return { ...state, stateVersion: 2, config: { ...state.config, timeWindowDays: 0 } };
}

/** What an NCF state decodes to. */
export interface NcfParts {
  settings: NcfSettings;
  catalogue: Catalogue;
  params: ParamArrays;
  seed: { learners: SparseRows; courses: Required<SparseRows> } | null;
  timeline: Timeline | null;
  training: { cursor: MfCursor; adam: AdamArrays } | null;
}

/** Encodes the parts (arrays are used as they are: pass copies). */
export function encodeNcfState(kind: string, p: NcfParts): ModelState {
  const specs = paramSpecs(p.settings, p.catalogue.nUsers, p.catalogue.nItems);
  const tensors: Record<string, StateTensor> = {};
  for (const [name, spec] of Object.entries(specs)) tensors[name] = floatTensor(p.params[name], spec.shape);
  const meta: { [key: string]: Json } = p.catalogue.toMeta();
  if (p.training) {
    const { cursor, adam } = p.training;
    for (const [name, spec] of Object.entries(specs)) {
      tensors[`adam.m.${name}`] = floatTensor(adam.m[name], spec.shape);
      tensors[`adam.v.${name}`] = floatTensor(adam.v[name], spec.shape);
    }
    meta.cursor = toTrainingCursor(cursor, p.settings.seed, adam.step);
  }
  if (p.seed) {
    tensors['learners.ptr'] = intTensor(p.seed.learners.indptr.slice());
    tensors['learners.idx'] = intTensor(p.seed.learners.indices.slice());
    tensors['courses.ptr'] = intTensor(p.seed.courses.indptr.slice());
    tensors['courses.idx'] = intTensor(p.seed.courses.indices.slice());
    tensors['courses.w'] = floatTensor(p.seed.courses.values.slice(), [p.seed.courses.values.length]);
  }
  if (p.timeline) {
    tensors['timeline.ptr'] = intTensor(p.timeline.ptr.slice());
    tensors['timeline.days'] = floatTensor(p.timeline.days.slice(), [p.timeline.days.length]);
    tensors['timeline.learnerDay'] = floatTensor(p.timeline.learnerDay.slice(), [p.timeline.learnerDay.length]);
  }
  Object.assign(tensors, p.catalogue.historyTensors());
  const { arch: _arch, ...config } = p.settings;
  return { kind, stateVersion: NCF_STATE_VERSION, config: { ...config }, tensors, meta };
}

/** Decodes a state; shapes are checked against `meta` and the settings, offsets, indices and values too. */
export function decodeNcfState(state: ModelState, settings: NcfSettings): NcfParts {
  const catalogue = Catalogue.fromState(state);
  const { nUsers, nItems } = catalogue;
  const specs = paramSpecs(settings, nUsers, nItems);
  const read = (prefix: string) => {
    const out: ParamArrays = {};
    for (const [name, spec] of Object.entries(specs)) out[name] = readFloat(state, `${prefix}${name}`, spec.shape);
    return out;
  };
  const params = read('');
  const seed = settings.arch === 'seed' ? readSeedInputs(state, nUsers, nItems) : null;
  const timeline = settings.timeWindowDays > 0 && nItems > 0 ? readTimeline(state, nUsers, nItems) : null;
  if (state.meta.cursor === undefined) return { settings, catalogue, params, seed, timeline, training: null };
  const { cursor, adamStep } = fromTrainingCursor(state.meta.cursor, state.kind);
  const v = read('adam.v.');
  // Adam divides by √v: a negative second moment would turn the next step into NaN.
  for (const name of Object.keys(specs)) checkNonNegative(state.kind, `tensors.adam.v.${name}`, v[name]);
  return {
    settings,
    catalogue,
    params,
    seed,
    timeline,
    training: { cursor, adam: { step: adamStep, m: read('adam.m.'), v } },
  };
}

/** The seed variant's learner rows (ascending: membership is a binary search) and weighted co-watch rows. */
function readSeedInputs(state: ModelState, nUsers: number, nItems: number): NonNullable<NcfParts['seed']> {
  const learners = readRows(state, 'learners', nUsers, nItems, true);
  const courses = readRows(state, 'courses', nItems, nItems);
  const values = readFloat(state, 'courses.w', [courses.indices.length]).slice();
  return { learners, courses: { ...courses, values } };
}

/** The time context's timeline: offsets checked, each course's days ascending (a binary search reads them). */
function readTimeline(state: ModelState, nUsers: number, nItems: number): Timeline {
  const ptr = readInt(state, 'timeline.ptr', [nItems + 1]).slice();
  const days = readFloat(state, 'timeline.days').slice();
  checkPtr(state.kind, 'tensors.timeline.ptr', ptr, days.length);
  for (let i = 0; i < nItems; i++) {
    for (let p = ptr[i] + 1; p < ptr[i + 1]; p++) {
      if (days[p] < days[p - 1])
        throw stateError(state.kind, 'tensors.timeline.days', `course ${i}'s days are not ascending`);
    }
  }
  return { ptr, days, learnerDay: readFloat(state, 'timeline.learnerDay', [nUsers]).slice() };
}
