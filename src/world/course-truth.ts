/**
 * Ground truth of the learning world: how much a member wants a course. It rises with the overlap of
 * the member's latent interests and the course's topics, with the share of taught skills the member
 * lacks (a skill gap within their interests), and with a difficulty that suits their seniority.
 */
import { csrHas, csrIndices } from '../data/index.ts';
import { sigmoid } from './sampling.ts';
import type { World } from './types.ts';

/** The parts of a world the course truth reads. */
export type CourseWorld = Pick<World, 'k' | 'members' | 'courses'>;

/** Coefficients of the affinity logit (exported so tests and docs can cite them). */
export const COURSE_AFFINITY = { bias: -3, interest: 6, gap: 2, difficulty: 0.8 } as const;

/** Course difficulty that suits a seniority (0 beginner … 2 advanced). */
export const targetDifficulty = (seniority: number): number => (seniority <= 1 ? 0 : seniority === 2 ? 1 : 2);

/** Σ_k interests[m, k] · topics[c, k], in [0, 1]. */
export function interestMatch(w: CourseWorld, member: number, course: number): number {
  const { k } = w;
  let s = 0;
  for (let f = 0; f < k; f++) s += w.members.interests[member * k + f] * w.courses.topics[course * k + f];
  return s;
}

/** Share of the course's skills the member does not have yet (0 when it teaches none). */
export function skillGap(w: CourseWorld, member: number, course: number): number {
  const taught = csrIndices(w.courses.skills, course);
  if (taught.length === 0) return 0;
  let missing = 0;
  for (const s of taught) if (!csrHas(w.members.skills, member, s)) missing++;
  return missing / taught.length;
}

/** True probability that `member` engages with (watches beyond the threshold) `course`, in (0, 1). */
export function trueCourseAffinity(w: CourseWorld, member: number, course: number): number {
  const match = interestMatch(w, member, course);
  const fit = 1 - Math.abs(w.courses.difficulty[course] - targetDifficulty(w.members.seniority[member])) / 2;
  const z =
    COURSE_AFFINITY.bias +
    COURSE_AFFINITY.interest * match +
    COURSE_AFFINITY.gap * match * skillGap(w, member, course) +
    COURSE_AFFINITY.difficulty * fit +
    w.courses.quality[course];
  return sigmoid(z);
}

/** Whether a watch of `seconds` counts as engagement (a relevant label for NCF). */
export function isRelevantWatch(w: Pick<World, 'watches'>, seconds: number): boolean {
  return seconds >= w.watches.relevantSeconds;
}
