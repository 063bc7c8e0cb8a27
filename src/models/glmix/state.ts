/**
 * GLMix state layout, version 1: coefficients `beta.fixed` [dF], `beta.member` [nUsers, dM],
 * `beta.course` [nItems, dC]; the features scoring reads (`m.*`, `c.*`, `skillFamily`); sizes, the
 * threshold and optional names in `meta`; each member's watched courses (`seen.*`, for `excludeSeen`)
 * when the model was fitted. States without `seen.*` (none was ever stored) still load.
 */
import type { ModelState, StateTensor } from '../recommender.ts';
import { Catalogue } from '../shared/catalogue.ts';
import { checkKindAndVersion, floatTensor, intTensor, readFloat, readInt, readRows } from '../shared/state.ts';
import { checkInteger, checkNames, checkUnfitted, stateError } from '../shared/state-checks.ts';
import { checkCourseSide, MAX_CATEGORIES, MAX_SENIORITY, STATE_FIELDS } from './check.ts';
import type { GlmixSettings } from './config.ts';
import type { CourseSide } from './data.ts';
import { blockWidths } from './features.ts';
import type { SparseRows } from '../../data/index.ts';

/** Registry-style kind of GLMix. */
export const GLMIX_KIND = 'glmix';
/** Current GLMix state version. */
export const GLMIX_STATE_VERSION = 1;

/** The fitted coefficients: global [1, dF], per member [nUsers, dM], per course [nItems, dC]. */
export interface GlmixCoefficients {
  fixed: Float32Array;
  member: Float32Array;
  course: Float32Array;
}

/** Encodes a (possibly unfitted) model. */
export function encodeGlmixState(
  settings: GlmixSettings,
  catalogue: Catalogue,
  data: CourseSide | null,
  beta: GlmixCoefficients | null,
): ModelState {
  const tensors: Record<string, StateTensor> = { ...catalogue.historyTensors() };
  const meta = { ...catalogue.toMeta(), fitted: !!(data && beta) } as ModelState['meta'];
  if (data && beta) {
    const i32 = (a: ArrayLike<number>) => intTensor(Int32Array.from(a));
    const rows = (prefix: string, r: SparseRows) => (
      (tensors[`${prefix}.ptr`] = intTensor(r.indptr.slice())),
      (tensors[`${prefix}.idx`] = intTensor(r.indices.slice()))
    );
    tensors['beta.fixed'] = floatTensor(beta.fixed.slice(), [beta.fixed.length]);
    tensors['beta.member'] = floatTensor(beta.member.slice(), [beta.member.length]);
    tensors['beta.course'] = floatTensor(beta.course.slice(), [beta.course.length]);
    tensors['m.seniority'] = i32(data.members.seniority);
    tensors['m.industry'] = i32(data.members.industry);
    rows('m.skills', data.members.skills);
    tensors['c.difficulty'] = i32(data.courses.difficulty);
    tensors['c.category'] = i32(data.courses.category);
    rows('c.skills', data.courses.skills);
    tensors.skillFamily = i32(data.skillFamily);
    Object.assign(meta, {
      nSeniority: data.nSeniority,
      nCategories: data.nCategories,
      relevantSeconds: data.relevantSeconds,
      skillNames: data.skillNames ? [...data.skillNames] : null,
      categoryNames: data.categoryNames ? [...data.categoryNames] : null,
    });
  }
  return { kind: GLMIX_KIND, stateVersion: GLMIX_STATE_VERSION, config: { ...settings }, tensors, meta };
}

/**
 * Decodes a state written by {@link encodeGlmixState}, checking it as `fit` checks its data (and more):
 * sizes, every index range, offsets, finite coefficients. A bad field is a StateFormatError naming it.
 */
export function decodeGlmixState(
  state: ModelState,
  settings: GlmixSettings,
): { settings: GlmixSettings; catalogue: Catalogue; data: CourseSide | null; beta: GlmixCoefficients | null } {
  checkKindAndVersion(state, GLMIX_KIND, GLMIX_STATE_VERSION);
  const catalogue = Catalogue.fromState(state);
  const fitted = state.meta.fitted;
  if (typeof fitted !== 'boolean') throw stateError(GLMIX_KIND, 'meta.fitted', 'must be true or false');
  if (!fitted) return { settings, catalogue: checkUnfitted(GLMIX_KIND, catalogue), data: null, beta: null };
  const { nUsers, nItems } = catalogue;
  const nSeniority = checkInteger(GLMIX_KIND, 'meta.nSeniority', state.meta.nSeniority, 1, MAX_SENIORITY);
  const nCategories = checkInteger(GLMIX_KIND, 'meta.nCategories', state.meta.nCategories, 1, MAX_CATEGORIES);
  // Ranges are checked on the stored int32 values, before the byte columns would wrap them.
  const bytes = (name: string, n: number | undefined, max: number) =>
    Uint8Array.from(readInt(state, name, n === undefined ? undefined : [n], [0, max]));
  const skillFamily = bytes('skillFamily', undefined, 255);
  const data: CourseSide = {
    relevantSeconds: state.meta.relevantSeconds as number,
    members: {
      seniority: bytes('m.seniority', nUsers, nSeniority - 1),
      industry: Uint16Array.from(readInt(state, 'm.industry', [nUsers], [0, 65535])),
      skills: readRows(state, 'm.skills', nUsers, skillFamily.length, true),
    },
    courses: {
      difficulty: bytes('c.difficulty', nItems, 2),
      category: bytes('c.category', nItems, nCategories - 1),
      skills: readRows(state, 'c.skills', nItems, skillFamily.length, true),
    },
    nSeniority,
    nCategories,
    skillFamily,
    skillNames: checkNames(GLMIX_KIND, 'meta.skillNames', state.meta.skillNames),
    categoryNames: checkNames(GLMIX_KIND, 'meta.categoryNames', state.meta.categoryNames),
  };
  checkCourseSide(GLMIX_KIND, data, nUsers, nItems, STATE_FIELDS);
  const w = blockWidths({ nSeniority, nCategories });
  const beta = {
    fixed: readFloat(state, 'beta.fixed', [w.fixed]).slice(),
    member: readFloat(state, 'beta.member', [nUsers * w.member]).slice(),
    course: readFloat(state, 'beta.course', [nItems * w.course]).slice(),
  };
  return { settings, catalogue, data, beta };
}
