/**
 * GLMix fold-in (issue 10): a person's per-member random effect fitted on the device from their own
 * history, the global model and every per-course model frozen — block coordinate descent restricted
 * to that person's one block, i.e. the member step of `fit` (`newtonBlock` on `designBlocks`' member
 * block, the other blocks' scores as the offset) for one member, run to convergence.
 *
 * Rows are built as `fit` builds a member's (`personRows`): `History.durations` are seconds watched,
 * the unit of the training log's values, labelled by the same threshold (`relevantSeconds`) and
 * weighted by the same rule; without durations every item counts as a watch of exactly the threshold
 * (a positive of weight 1). Negatives are sampled as in training, from a generator seeded by the
 * model's `seed` alone, so the same history always gives the bit-identical result (what
 * `Personalizer.forget` relies on).
 */
import { Rng } from '../../data/index.ts';
import { InvalidArgumentError } from '../../errors.ts';
import type { FoldedUser, History } from '../recommender.ts';
import { checkHistory } from '../shared/history.ts';
import type { GlmixSettings } from './config.ts';
import type { CourseSide } from './data.ts';
import { blockScores, newtonBlock } from './newton.ts';
import { personSide } from './person.ts';
import { designBlocks, personRows, type GlmixRows } from './rows.ts';
import type { GlmixCoefficients } from './state.ts';

/** A GLMix fold-in: `vector` is the person's member random effect [dM] (course-feature weights). */
export interface GlmixFoldedUser extends FoldedUser {
  /** Names in `history.features` the model does not know (reported, not used). */
  unknownFeatures: string[];
}

/** Newton steps at most (a fit of d ≈ 10 weights converges in 4–6). */
export const FOLDIN_MAX_STEPS = 30;
/** Converged when no weight moves more than this in a step. */
export const FOLDIN_TOLERANCE = 1e-6;

/** The frozen model a fold-in solves against. */
export interface FrozenGlmix {
  side: CourseSide;
  beta: GlmixCoefficients;
  nItems: number;
  settings: GlmixSettings;
}

/** Each history row's seconds watched (see the file comment), checked. */
export function historySeconds(history: History, relevantSeconds: number): Float32Array {
  const n = history.items.length;
  const d = history.durations;
  if (!d) return new Float32Array(n).fill(relevantSeconds);
  if (d.length !== n) throw new InvalidArgumentError(`glmix: history.durations has ${d.length} entries for ${n} items`);
  for (let k = 0; k < n; k++)
    if (!Number.isFinite(d[k]) || d[k] < 0)
      throw new InvalidArgumentError(`glmix: history.durations[${k}] must be a finite number >= 0, got ${d[k]}`);
  return d;
}

/** The history's rows (deterministic: the generator is seeded by the model's seed alone). */
export function historyRows(m: FrozenGlmix, history: History): GlmixRows {
  checkHistory(history, m.nItems, 'glmix');
  const seconds = historySeconds(history, m.side.relevantSeconds);
  const rng = new Rng(m.settings.seed).fork('glmix-foldin');
  return personRows(history.items, seconds, m.side.relevantSeconds, m.nItems, m.settings.negatives, rng);
}

/** Solves the person's member random effect (see the file comment); `warm` starts from an earlier one. */
export async function foldInGlmix(m: FrozenGlmix, history: History, warm?: FoldedUser): Promise<GlmixFoldedUser> {
  const { side, unknown } = personSide(m.side, history.features);
  const rows = historyRows(m, history);
  return solveMember(m, side, rows, unknown, warm);
}

/**
 * The member step on given rows of member 0 of `side`: Newton on the member block, the frozen global
 * and course blocks as the offset, until converged. Exposed for tests that replay training's rows.
 */
export async function solveMember(
  m: FrozenGlmix,
  side: CourseSide,
  rows: GlmixRows,
  unknown: string[],
  warm?: FoldedUser,
): Promise<GlmixFoldedUser> {
  const blocks = designBlocks(side, 1, m.nItems, rows.members, rows.courses);
  const dM = blocks.member.d;
  const beta = new Float32Array(dM);
  if (warm) {
    if (warm.kind !== 'glmix' || warm.vector.length !== dM)
      throw new InvalidArgumentError(
        `glmix: warm start must be a glmix fold-in of ${dM} weights, got kind ${warm.kind} with ${warm.vector.length}`,
      );
    beta.set(warm.vector);
  }
  const fixed = blockScores(blocks.fixed, m.beta.fixed);
  const course = blockScores(blocks.course, m.beta.course);
  const offset = fixed.map((v, k) => v + course[k]);
  const targets = { y: rows.y, w: rows.w, offset };
  if (!m.settings.randomEffects || rows.y.length === 0) {
    // Nothing to fit: the global-only model has no member effect, and an empty history is the prior (0).
    beta.fill(0);
    const at = loss(targets, blocks.member, beta);
    return { kind: 'glmix', vector: beta, method: 'none', iterations: 0, loss: at, unknownFeatures: unknown };
  }
  let iterations = 0;
  const before = new Float32Array(dM);
  while (iterations < FOLDIN_MAX_STEPS) {
    before.set(beta);
    await newtonBlock(blocks.member, targets, beta, m.settings.lambdaRandom, 1);
    iterations++;
    let moved = 0;
    for (let j = 0; j < dM; j++) moved = Math.max(moved, Math.abs(beta[j] - before[j]));
    if (moved <= FOLDIN_TOLERANCE) break;
  }
  return {
    kind: 'glmix',
    vector: beta,
    method: 'newton',
    iterations,
    loss: loss(targets, blocks.member, beta),
    unknownFeatures: unknown,
  };
}

/** Weighted mean log-loss of the rows at the member effect `beta`. */
function loss(
  t: { y: Float32Array; w: Float32Array; offset: Float32Array },
  member: Parameters<typeof blockScores>[0],
  beta: Float32Array,
): number {
  if (t.y.length === 0) return NaN;
  const s = blockScores(member, beta);
  let sum = 0;
  let ws = 0;
  for (let k = 0; k < t.y.length; k++) {
    const z = t.offset[k] + s[k];
    sum += t.w[k] * (Math.log1p(Math.exp(-Math.abs(z))) + Math.max(z, 0) - t.y[k] * z);
    ws += t.w[k];
  }
  return sum / ws;
}
