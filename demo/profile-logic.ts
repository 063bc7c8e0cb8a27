/**
 * The "Your profile" panel's pure parts: the course search and the plain-words reason for a
 * recommendation from the co-watch data the Courses tab already has. No DOM, no workers.
 */
import type { SparseRows } from '../src/data.ts';
import type { CourseChoice } from './ui/profile-panel.ts';

/** How many matches the search lists at once. */
export const MATCHES_SHOWN = 8;

/**
 * Courses whose title holds every word of `text` (any case), leaving out `taken`: the first
 * `limit` in catalogue order, and how many matched in all. An empty search lists none.
 */
export function matchCourses(
  titles: readonly string[],
  text: string,
  taken: ReadonlySet<number>,
  limit = MATCHES_SHOWN,
): { shown: CourseChoice[]; total: number } {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  const shown: CourseChoice[] = [];
  let total = 0;
  if (!words.length) return { shown, total };
  for (let id = 0; id < titles.length; id++) {
    if (taken.has(id)) continue;
    const title = titles[id].toLowerCase();
    if (!words.every((w) => title.includes(w))) continue;
    total++;
    if (shown.length < limit) shown.push({ id, title: titles[id] });
  }
  return { shown, total };
}

/** Titles made distinct for display: a title that several courses share gets its course id after it. */
export function distinctTitles(titles: readonly string[]): string[] {
  const count = new Map<string, number>();
  for (const t of titles) count.set(t, (count.get(t) ?? 0) + 1);
  return titles.map((t, id) => (count.get(t)! > 1 ? `${t} (course ${id})` : t));
}

/**
 * Why `item` is recommended to someone who watched `watched`: the watched course it is most often
 * watched with (the co-watch row of `item`, cosine weights), or, when none of them is among its
 * co-watch neighbours, what is then true: the model ranked it from the whole history.
 */
export function coWatchReason(
  item: number,
  watched: ReadonlySet<number>,
  coWatch: Required<SparseRows>,
  title: (course: number) => string,
): string {
  let best = -1;
  let bestWeight = 0;
  if (item >= 0 && item < coWatch.nRows)
    for (let p = coWatch.indptr[item]; p < coWatch.indptr[item + 1]; p++) {
      const j = coWatch.indices[p];
      if (j !== item && watched.has(j) && coWatch.values[p] > bestWeight) (best = j), (bestWeight = coWatch.values[p]);
    }
  return best < 0
    ? 'Ranked by the model from your whole history; none of your courses is among the ones learners often watch with it.'
    : `Because you watched “${title(best)}”, which learners often watch with this one.`;
}
