/**
 * Ground truth of talent search. Relevance is a known score over the query's structured fields
 * (title, skills, location, minimum years); whether a contacted member accepts an InMail depends on
 * that fit, on their job-seeking flag, on the seniority gap and on a latent responsiveness.
 */
import { csrHas, csrIndices } from '../data/index.ts';
import { sigmoid } from './sampling.ts';
import type { World } from './types.ts';

/** The parts of a world the recruiter truth reads. */
export type RecruiterWorld = Pick<World, 'members' | 'catalog'> & { recruiter: Pick<World['recruiter'], 'queries'> };

/** `RecruiterQueries.location` value meaning "anywhere". */
export const ANY_LOCATION = 255;

/** Weights of the relevance score and its threshold. */
export const RELEVANCE = { title: 0.35, skills: 0.35, location: 0.15, experience: 0.15, threshold: 0.6 } as const;

/** Coefficients of the InMail acceptance logit. */
export const INMAIL_ACCEPT = { bias: -2.2, jobSeeking: 1.6, fit: 3, seniorityGap: -0.4 } as const;

/** Relevance of `member` to `query` in [0, 1]. */
export function relevanceScore(w: RecruiterWorld, query: number, member: number): number {
  const q = w.recruiter.queries,
    m = w.members,
    cat = w.catalog;
  const qt = q.title[query],
    mt = m.title[member];
  const title = qt === mt ? 1 : cat.titleFamily[qt] === cat.titleFamily[mt] ? 0.5 : 0;
  const wanted = csrIndices(q.skills, query);
  let have = 0;
  for (const s of wanted) if (csrHas(m.skills, member, s)) have++;
  const skills = wanted.length ? have / wanted.length : 1;
  const loc = q.location[query];
  const location =
    loc === ANY_LOCATION || loc === m.location[member]
      ? 1
      : cat.locationCountry[loc] === cat.locationCountry[m.location[member]]
        ? 0.3
        : 0;
  const short = q.minYears[query] - m.yearsExperience[member];
  const experience = short <= 0 ? 1 : Math.max(0, 1 - short / 4);
  return (
    RELEVANCE.title * title +
    RELEVANCE.skills * skills +
    RELEVANCE.location * location +
    RELEVANCE.experience * experience
  );
}

/** Whether `member` is a relevant result for `query` (score at least the threshold). */
export function isRelevant(w: RecruiterWorld, query: number, member: number): boolean {
  return relevanceScore(w, query, member) >= RELEVANCE.threshold;
}

/** True probability that `member` accepts an InMail sent for `query`. */
export function inmailAcceptProb(w: RecruiterWorld, query: number, member: number): number {
  const m = w.members;
  const gap = Math.abs(w.recruiter.queries.seniority[query] - m.seniority[member]);
  const z =
    INMAIL_ACCEPT.bias +
    INMAIL_ACCEPT.jobSeeking * m.jobSeeking[member] +
    INMAIL_ACCEPT.fit * relevanceScore(w, query, member) +
    INMAIL_ACCEPT.seniorityGap * gap +
    m.inmailResponsiveness[member];
  return sigmoid(z);
}
