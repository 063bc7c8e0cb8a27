/**
 * GLMix coefficients ↔ Photon-ML's GAME model output. Photon writes one `BayesianLinearModelAvro` for
 * the fixed effect and one per entity of each random effect (`modelId` = the entity's id); we read a
 * fixed effect, a per-learner random effect (entities = the catalogue's user ids) and a per-course one
 * (entities = item ids), and write the same.
 *
 * Our features as Photon name/term pairs (Photon's intercept is `(INTERCEPT)` with term `""`):
 * - fixed: `(INTERCEPT)`; `difficulty`/`0`…`2`; `category`/<category name, else its index>;
 *   `seniority_x_difficulty`/`<s>,<d>`; `skill_overlap`, `family_share`, `family_share_novel` (term `""`);
 * - per learner (course features): `(INTERCEPT)`, `difficulty`/d, `category`/c;
 * - per course (member features): `(INTERCEPT)`, `seniority`/s.
 * A coefficient whose name/term we do not have is counted (it has no feature to multiply here); an
 * entity we do not know is counted; an entity without a record keeps zero coefficients (Photon's
 * scoring gives an unseen entity no random effect either).
 */
import { FormatError, InvalidArgumentError } from '../errors.ts';
import type { ModelState } from '../models/recommender.ts';
import { blockWidths } from '../models/glmix/features.ts';
import type { BayesianLinearModel, NameTermValue } from './photon-avro.ts';

/** Photon's intercept name. */
export const PHOTON_INTERCEPT = '(INTERCEPT)';

/** A fixed effect and random effects, as Photon writes them. */
export interface PhotonGlmixModels {
  fixed: BayesianLinearModel;
  /** Per-learner random effect, one record per learner. */
  member?: readonly BayesianLinearModel[];
  /** Per-course random effect, one record per course. */
  course?: readonly BayesianLinearModel[];
}

/** How one random effect's records matched. */
export interface RandomEffectReport {
  records: number;
  /** Records whose entity is in the catalogue. */
  matchedEntities: number;
  /** Records whose entity is not (ignored). */
  unknownEntities: number;
  /** Catalogue entities without a record (zero coefficients). */
  missingEntities: number;
  /** Coefficients placed / without a feature of ours (summed over records). */
  matchedFeatures: number;
  unmatchedFeatures: number;
}

/** What {@link glmixFromPhoton} recognised. */
export interface PhotonImportReport {
  fixed: { matchedFeatures: number; unmatchedFeatures: number; unmatchedSample: string[] };
  member: RandomEffectReport;
  course: RandomEffectReport;
}

/** The name/term of each column of the three GLMix blocks, in coefficient order. */
export function glmixFeatureNames(meta: { nSeniority: number; nCategories: number; categoryNames?: string[] | null }): {
  fixed: [string, string][];
  member: [string, string][];
  course: [string, string][];
} {
  const { nSeniority, nCategories } = meta;
  const cat = (c: number) => meta.categoryNames?.[c] ?? String(c);
  const difficulty: [string, string][] = [0, 1, 2].map((d) => ['difficulty', String(d)]);
  const categories: [string, string][] = Array.from({ length: nCategories }, (_, c) => ['category', cat(c)]);
  const crosses: [string, string][] = [];
  for (let s = 0; s < nSeniority; s++)
    for (let d = 0; d < 3; d++) crosses.push(['seniority_x_difficulty', `${s},${d}`]);
  const intercept: [string, string] = [PHOTON_INTERCEPT, ''];
  const skills: [string, string][] = [
    ['skill_overlap', ''],
    ['family_share', ''],
    ['family_share_novel', ''],
  ];
  const seniority: [string, string][] = Array.from({ length: nSeniority }, (_, s) => ['seniority', String(s)]);
  return {
    fixed: [intercept, ...difficulty, ...categories, ...crosses, ...skills],
    member: [intercept, ...difficulty, ...categories],
    course: [intercept, ...seniority],
  };
}

/**
 * A GLMix state: `base` (a fitted GLMix state: its catalogue and features) with Photon's coefficients.
 * @example
 * ```ts
 * const fixed = (await readPhotonModels(fixedBytes, 'fixed.avro'))[0];
 * const member = await readPhotonModels(memberBytes, 'per-learner.avro');
 * const { state, report } = glmixFromPhoton(shipped, { fixed, member });
 * ```
 */
export function glmixFromPhoton(
  base: ModelState,
  models: PhotonGlmixModels,
): { state: ModelState; report: PhotonImportReport } {
  const shape = baseShape(base);
  const names = glmixFeatureNames(shape);
  const fixed = new Float32Array(names.fixed.length);
  const fixedHit = place(models.fixed, indexOf(names.fixed), fixed, 0);
  const member = randomEffect(models.member ?? [], names.member, shape.userIds, 'member');
  const course = randomEffect(models.course ?? [], names.course, shape.itemIds, 'course');
  const tensors = { ...base.tensors };
  tensors['beta.fixed'] = { dtype: 'float32', shape: [fixed.length], data: fixed };
  tensors['beta.member'] = { dtype: 'float32', shape: [member.beta.length], data: member.beta };
  tensors['beta.course'] = { dtype: 'float32', shape: [course.beta.length], data: course.beta };
  return {
    state: { ...base, tensors },
    report: {
      fixed: {
        matchedFeatures: fixedHit.matched,
        unmatchedFeatures: fixedHit.unmatched,
        unmatchedSample: fixedHit.sample,
      },
      member: member.report,
      course: course.report,
    },
  };
}

/** A GLMix state's coefficients as Photon records (every coefficient, zeros included, so a round trip is exact). */
export function glmixToPhoton(state: ModelState, modelId = 'global'): Required<PhotonGlmixModels> {
  const shape = baseShape(state);
  const names = glmixFeatureNames(shape);
  const beta = (name: string) => state.tensors[name].data as Float32Array;
  const record = (id: string, cols: [string, string][], b: Float32Array, at: number): BayesianLinearModel => ({
    modelId: id,
    modelClass: 'com.linkedin.photon.ml.supervised.classification.LogisticRegressionModel',
    means: cols.map(([name, term], j) => ({ name, term, value: b[at + j] })),
    variances: null,
    lossFunction: null,
  });
  const perEntity = (ids: string[], cols: [string, string][], b: Float32Array) =>
    ids.map((id, e) => record(id, cols, b, e * cols.length));
  return {
    fixed: record(modelId, names.fixed, beta('beta.fixed'), 0),
    member: perEntity(shape.userIds, names.member, beta('beta.member')),
    course: perEntity(shape.itemIds, names.course, beta('beta.course')),
  };
}

interface BaseShape {
  nSeniority: number;
  nCategories: number;
  categoryNames: string[] | null;
  userIds: string[];
  itemIds: string[];
}

function baseShape(state: ModelState): BaseShape {
  const m = state.meta;
  if (state.kind !== 'glmix' || m.fitted !== true)
    throw new InvalidArgumentError(`Photon GLMix: the base must be a fitted glmix state, got ${state.kind}`);
  const ids = (json: unknown, n: number) => {
    const list = (json as { ids?: unknown } | null)?.ids;
    return Array.isArray(list) && list.length === n ? list.map(String) : Array.from({ length: n }, (_, i) => String(i));
  };
  const { nSeniority, nCategories } = m as { nSeniority: number; nCategories: number };
  const w = blockWidths({ nSeniority, nCategories });
  const shape = {
    nSeniority,
    nCategories,
    categoryNames: Array.isArray(m.categoryNames) ? (m.categoryNames as string[]) : null,
    userIds: ids(m.userIds, m.nUsers as number),
    itemIds: ids(m.itemIds, m.nItems as number),
  };
  if (
    state.tensors['beta.fixed']?.data.length !== w.fixed ||
    state.tensors['beta.member']?.data.length !== shape.userIds.length * w.member ||
    state.tensors['beta.course']?.data.length !== shape.itemIds.length * w.course
  )
    throw new InvalidArgumentError('Photon GLMix: the base state has no coefficients of the expected sizes');
  return shape;
}

function indexOf(cols: [string, string][]): Map<string, number> {
  return new Map(cols.map(([n, t], j) => [key(n, t), j]));
}

const key = (name: string, term: string) => `${name}\u0000${term}`;

/** Writes a record's means into `out[at + column]`; counts what had no column. */
function place(
  rec: BayesianLinearModel,
  columns: Map<string, number>,
  out: Float32Array,
  at: number,
): { matched: number; unmatched: number; sample: string[] } {
  const seen = new Set<number>();
  let matched = 0;
  const sample: string[] = [];
  for (const { name, term, value } of rec.means as NameTermValue[]) {
    const j = columns.get(key(name, term));
    if (j === undefined) {
      if (sample.length < 10) sample.push(term ? `${name}/${term}` : name);
      continue;
    }
    if (seen.has(j)) throw new FormatError(`model ${JSON.stringify(rec.modelId)}: ${name}/${term} appears twice`);
    if (!Number.isFinite(value))
      throw new FormatError(`model ${JSON.stringify(rec.modelId)}: ${name}/${term} is ${value}`);
    seen.add(j);
    out[at + j] = value;
    matched++;
  }
  return { matched, unmatched: rec.means.length - matched, sample };
}

function randomEffect(
  records: readonly BayesianLinearModel[],
  cols: [string, string][],
  entities: string[],
  what: string,
): { beta: Float32Array; report: RandomEffectReport } {
  const row = new Map(entities.map((id, e) => [id, e]));
  const columns = indexOf(cols);
  const beta = new Float32Array(entities.length * cols.length);
  const done = new Set<number>();
  const report: RandomEffectReport = {
    records: records.length,
    matchedEntities: 0,
    unknownEntities: 0,
    missingEntities: 0,
    matchedFeatures: 0,
    unmatchedFeatures: 0,
  };
  for (const rec of records) {
    const e = row.get(rec.modelId);
    if (e === undefined) {
      report.unknownEntities++;
      continue;
    }
    if (done.has(e))
      throw new FormatError(`${what} random effect: entity ${JSON.stringify(rec.modelId)} appears twice`);
    done.add(e);
    report.matchedEntities++;
    const hit = place(rec, columns, beta, e * cols.length);
    report.matchedFeatures += hit.matched;
    report.unmatchedFeatures += hit.unmatched;
  }
  report.missingEntities = entities.length - done.size;
  return { beta, report };
}
