/**
 * Why a course is recommended, in words a learner understands: the co-watch evidence behind the
 * collaborative score ("learners who watched X also watched this"), or the profile match behind the
 * response model's ("teaches skill Y, which your profile lists").
 */
import type { CourseSide } from '../glmix/data.ts';
import { profileReason } from '../glmix/reasons.ts';
import type { SparseRows } from '../../data/index.ts';

/** Which part a reason comes from, and its text. */
export interface Reason {
  source: 'ncf' | 'glmix';
  text: string;
}

/** Names of courses and skills for the texts. */
export interface ReasonNames {
  course: (item: number) => string;
}

/**
 * The reason for recommending `item` to `user`. `ncfShare` is the collaborative part's share of the
 * blended score above average; the stronger part speaks, and the other is the fallback when it has
 * nothing concrete to say.
 */
export function reasonFor(
  user: number,
  item: number,
  ncfShare: number,
  history: SparseRows,
  coWatch: Required<SparseRows>,
  side: CourseSide | null,
  names: ReasonNames,
): Reason {
  const fromNcf = (): Reason | null => {
    const seen = new Set(history.indices.subarray(history.indptr[user], history.indptr[user + 1]));
    let best = -1;
    let bestW = 0;
    for (let p = coWatch.indptr[item]; p < coWatch.indptr[item + 1]; p++) {
      const j = coWatch.indices[p];
      if (j !== item && seen.has(j) && coWatch.values[p] > bestW) (best = j), (bestW = coWatch.values[p]);
    }
    return best < 0 ? null : { source: 'ncf', text: `Learners who watched "${names.course(best)}" also watched this` };
  };
  const fromGlmix = (): Reason | null => (side ? profileReason(side, user, item) : null);
  const order = ncfShare >= 0.5 ? [fromNcf, fromGlmix] : [fromGlmix, fromNcf];
  return order[0]() ?? order[1]() ?? { source: 'ncf', text: 'Popular with learners like you' };
}
