/**
 * The course recommender's pipeline in figures, for one learner and one course, read from a fitted
 * blender's state (the state the ranking worker serves): the seed-NCF's learner tower (the courses
 * in its input), course tower (co-watch neighbours), output layer (the logit's parts), GLMix's three
 * effects and the blender's learned weights. Host arithmetic on the stored arrays only: no tfjs, so
 * a page can draw the diagram without holding a second copy of the models on its own backend.
 */
import { csrLength, IdMap, type ExternalId } from '../../data/index.ts';
import { InvalidArgumentError } from '../../errors.ts';
import { decodeBlendState } from '../../models/blend/state.ts';
import { blendScore } from '../../models/blend/weights.ts';
import { GlmixModel } from '../../models/glmix/index.ts';
import { resolveNcfConfig } from '../../models/ncf/index.ts';
import { decodeNcfState } from '../../models/ncf/state.ts';
import type { ModelState } from '../../models/recommender.ts';
import { upgradeState } from '../../models/registry.ts';

/** The figures of each stage for one (learner, course) pair; every number comes from the state. */
export interface CoursePipelineFigures {
  learner: {
    /** Distinct courses the learner watched past the threshold (the training history). */
    watched: number;
    /** Courses in the learner tower's input: the latest `window` of them (all when `window` is 0). */
    inputs: number;
    window: number;
    /** Width of the learner (and course) vector. */
    dim: number;
  };
  course: {
    /** Co-watch neighbours in the course's similarity vector (besides the course itself). */
    neighbours: number;
    /** The most neighbours a course keeps (`neighbours` option). */
    maxNeighbours: number;
  };
  /** NCF's output: logit = h · (learner ⊙ course) + the course's bias (+ the time context when on). */
  output: {
    /** Layer sizes, input first: `[dim, 1]` for the seed variant (one weight per vector entry). */
    layers: number[];
    interaction: number;
    courseBias: number;
    /** Whether the model has a time-context term (not included in `score`; off in the demo). */
    timeContext: boolean;
    /** interaction + courseBias. */
    score: number;
  };
  /** GLMix's logit = global + this learner's effect + this course's effect (Zhang et al., KDD 2016). */
  glmix: { global: number; member: number; course: number; score: number };
  /** The blender: z = bias + Σ w_j (x_j − mean_j) / std_j over (NCF, GLMix). */
  blend: {
    weights: { ncf: number; glmix: number; bias: number };
    /** Each part's term w_j (x_j − mean_j) / std_j for this pair. */
    contributions: { ncf: number; glmix: number };
    score: number;
  };
}

/**
 * The pipeline's figures for `member` and `course` (external ids, as in ranking requests) from a
 * fitted blender's state (`store.load(id).state`). Throws `InvalidArgumentError` for an unfitted
 * blender and `UnknownIdError` for an id the model does not know; a malformed state is a
 * `StateFormatError` naming the field.
 * @example
 * const { state } = await store.load('courses-blend');
 * const f = await coursePipelineFigures(state, 'm3', 'c17');
 * f.glmix.member; // this learner's own effect on course c17's logit
 */
export async function coursePipelineFigures(
  state: ModelState,
  member: ExternalId,
  course: ExternalId,
): Promise<CoursePipelineFigures> {
  const { fitted } = decodeBlendState(state, upgradeState);
  if (!fitted) throw new InvalidArgumentError('coursePipelineFigures: the blender is not fitted');
  const m = IdMap.fromJSON(state.meta.userIds).index(member);
  const c = IdMap.fromJSON(state.meta.itemIds).index(course);
  const ncfState = fitted.parts.ncf;
  const ncf = decodeNcfState(ncfState, resolveNcfConfig('seed', ncfState.config));
  const { settings, params, catalogue } = ncf;
  if (!ncf.seed) throw new InvalidArgumentError('coursePipelineFigures: the NCF part is not the seed variant');
  const { learners, courses } = ncf.seed;
  const d = settings.dim;
  // Learner vector: the mean-scaled sum (÷√n) of the input courses' learner embeddings.
  const u = new Float64Array(d);
  const inputs = csrLength(learners, m);
  for (let p = learners.indptr[m]; p < learners.indptr[m + 1]; p++)
    for (let k = 0; k < d; k++) u[k] += params.learner[learners.indices[p] * d + k];
  const norm = 1 / Math.sqrt(Math.max(inputs, 1));
  // Course vector: the co-watch-weighted sum of the neighbours' (and its own) course embeddings.
  const v = new Float64Array(d);
  for (let p = courses.indptr[c]; p < courses.indptr[c + 1]; p++)
    for (let k = 0; k < d; k++) v[k] += courses.values[p] * params.course[courses.indices[p] * d + k];
  let interaction = 0;
  for (let k = 0; k < d; k++) interaction += params.h[k] * u[k] * norm * v[k];
  const courseBias = params.itemBias[c];
  const ncfScore = interaction + courseBias;

  const glmix = new GlmixModel();
  await glmix.fromState(fitted.parts.glmix);
  const parts = { fixed: new Float32Array(1), member: new Float32Array(1), course: new Float32Array(1) };
  const glmixScore = glmix.scorePairs(Int32Array.of(m), Int32Array.of(c), parts)[0];

  const w = fitted.weights;
  const term = (j: number, x: number) => (w.w[j] * (x - w.mean[j])) / w.std[j];
  const history = catalogue.history;
  return {
    learner: { watched: history ? csrLength(history, m) : inputs, inputs, window: settings.window, dim: d },
    course: { neighbours: csrLength(courses, c) - 1, maxNeighbours: settings.neighbours },
    output: {
      layers: [d, 1],
      interaction,
      courseBias,
      timeContext: settings.timeWindowDays > 0,
      score: ncfScore,
    },
    glmix: { global: parts.fixed[0], member: parts.member[0], course: parts.course[0], score: glmixScore },
    blend: {
      weights: { ncf: w.w[0], glmix: w.w[1], bias: w.bias },
      contributions: { ncf: term(0, ncfScore), glmix: term(1, glmixScore) },
      score: blendScore(w, [ncfScore, glmixScore]),
    },
  };
}
