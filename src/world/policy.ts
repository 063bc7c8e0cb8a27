/**
 * The true online CTR of a feed policy, computed exactly from the ground truth over the logged
 * sessions' candidate sets (no sampling noise): the yardstick replay estimates are checked against.
 */
import { InvalidArgumentError } from '../errors.ts';
import { csrIndices } from '../data/index.ts';
import { trueEngagementProb } from './feed-truth.ts';
import type { World } from './types.ts';

/** What a policy sees of one session. */
export interface PolicyContext {
  session: number;
  member: number;
  /** Unix seconds. */
  time: number;
  /** Candidate activity ids (a view; do not modify). */
  candidates: Uint32Array;
}

/** A feed policy: picks the activity to show first (one of `ctx.candidates`). */
export type FeedPolicy = (ctx: PolicyContext) => number;

/**
 * Expected click-through rate of `policy` over the logged sessions: the mean over sessions of the
 * true probability that the member clicks the item the policy puts first.
 */
export function simulatePolicyCtr(w: World, policy: FeedPolicy): number {
  const s = w.feed.log.sessions;
  let sum = 0,
    used = 0;
  for (let i = 0; i < s.count; i++) {
    const candidates = csrIndices(s.candidates, i);
    if (candidates.length === 0) continue;
    const chosen = policy({ session: i, member: s.member[i], time: s.time[i], candidates });
    if (!candidates.includes(chosen))
      throw new InvalidArgumentError(`policy chose activity ${chosen}, not a candidate of session ${i}`);
    sum += trueEngagementProb(w, s.member[i], chosen, s.time[i]);
    used++;
  }
  return used ? sum / used : 0;
}

/** Expected CTR of the uniformly random policy (mean true probability over each session's candidates). */
export function uniformPolicyCtr(w: World): number {
  const s = w.feed.log.sessions;
  let sum = 0,
    used = 0;
  for (let i = 0; i < s.count; i++) {
    const candidates = csrIndices(s.candidates, i);
    if (candidates.length === 0) continue;
    let p = 0;
    for (const a of candidates) p += trueEngagementProb(w, s.member[i], a, s.time[i]);
    sum += p / candidates.length;
    used++;
  }
  return used ? sum / used : 0;
}

/** The oracle policy: the candidate with the highest true engagement probability. */
export function oraclePolicy(w: World): FeedPolicy {
  return ({ member, time, candidates }) => {
    let best = candidates[0],
      bestP = -1;
    for (const a of candidates) {
      const p = trueEngagementProb(w, member, a, time);
      if (p > bestP) [best, bestP] = [a, p];
    }
    return best;
  };
}
