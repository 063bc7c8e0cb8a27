/**
 * GLMix state layout, version 1: coefficients `beta.fixed` [dF], `beta.member` [nUsers, dM],
 * `beta.course` [nItems, dC]; the features scoring reads (`m.*`, `c.*`, `skillFamily`); sizes, the
 * threshold and optional names in `meta`; each member's watched courses (`seen.*`, for `excludeSeen`)
 * when the model was fitted. States without `seen.*` (none was ever stored) still load.
 */
import type { SparseRows } from '../../eval/baselines';
import type { ModelState, StateTensor } from '../recommender';
import { Catalogue } from '../shared/catalogue';
import { checkKindAndVersion, floatTensor, intTensor, readCount, readFloat, readInt } from '../shared/state';
import type { GlmixSettings } from './config';
import type { CourseSide } from './data';
import { blockWidths } from './features';
import type { GlmixCoefficients } from './model';

/** Registry-style kind of GLMix. */
export const GLMIX_KIND = 'glmix';
/** Current GLMix state version. */
export const GLMIX_STATE_VERSION = 1;

/** Encodes a (possibly unfitted) model. */
export function encodeGlmixState(settings: GlmixSettings, catalogue: Catalogue, data: CourseSide | null, beta: GlmixCoefficients | null): ModelState {
  const tensors: Record<string, StateTensor> = { ...catalogue.historyTensors() };
  const meta = { ...catalogue.toMeta(), fitted: !!(data && beta) } as ModelState['meta'];
  if (data && beta) {
    const i32 = (a: ArrayLike<number>) => intTensor(Int32Array.from(a));
    const rows = (prefix: string, r: SparseRows) => ((tensors[`${prefix}.ptr`] = intTensor(r.indptr.slice())), (tensors[`${prefix}.idx`] = intTensor(r.indices.slice())));
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
      nSeniority: data.nSeniority, nCategories: data.nCategories, relevantSeconds: data.relevantSeconds,
      skillNames: data.skillNames ? [...data.skillNames] : null, categoryNames: data.categoryNames ? [...data.categoryNames] : null,
    });
  }
  return { kind: GLMIX_KIND, stateVersion: GLMIX_STATE_VERSION, config: { ...settings }, tensors, meta };
}

/** Decodes a state written by {@link encodeGlmixState}. */
export function decodeGlmixState(state: ModelState, settings: GlmixSettings): { settings: GlmixSettings; catalogue: Catalogue; data: CourseSide | null; beta: GlmixCoefficients | null } {
  checkKindAndVersion(state, GLMIX_KIND, GLMIX_STATE_VERSION);
  const catalogue = Catalogue.fromState(state);
  if (!state.meta.fitted) return { settings, catalogue, data: null, beta: null };
  const { nUsers, nItems } = catalogue;
  const nSeniority = readCount(state.meta, 'nSeniority');
  const nCategories = readCount(state.meta, 'nCategories');
  const w = blockWidths({ nSeniority, nCategories });
  const rows = (prefix: string, n: number): SparseRows => {
    const indptr = readInt(state, `${prefix}.ptr`, [n + 1]).slice();
    return { nRows: n, nCols: 0, indptr, indices: readInt(state, `${prefix}.idx`, [indptr[n]]).slice() };
  };
  const u8 = (name: string, n?: number) => Uint8Array.from(readInt(state, name, n === undefined ? undefined : [n]));
  const names = (k: string) => (Array.isArray(state.meta[k]) ? (state.meta[k] as string[]) : undefined);
  const data: CourseSide = {
    relevantSeconds: Number(state.meta.relevantSeconds),
    members: { seniority: u8('m.seniority', nUsers), industry: Uint16Array.from(readInt(state, 'm.industry', [nUsers])), skills: rows('m.skills', nUsers) },
    courses: { difficulty: u8('c.difficulty', nItems), category: u8('c.category', nItems), skills: rows('c.skills', nItems) },
    nSeniority, nCategories, skillFamily: u8('skillFamily'),
    skillNames: names('skillNames'), categoryNames: names('categoryNames'),
  };
  const beta = {
    fixed: readFloat(state, 'beta.fixed', [w.fixed]).slice(),
    member: readFloat(state, 'beta.member', [nUsers * w.member]).slice(),
    course: readFloat(state, 'beta.course', [nItems * w.course]).slice(),
  };
  return { settings, catalogue, data, beta };
}
