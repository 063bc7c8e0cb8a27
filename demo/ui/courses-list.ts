/** A ranked list of the Courses tab: title, score, and the reason it is there. */
import { h } from './dom.ts';

/** One recommended item as shown. */
export interface CourseRow {
  title: string;
  score: number;
  reason: string;
}

/** Replaces `list`'s items with `rows`, best first. */
export function fillCourseList(list: HTMLElement, rows: CourseRow[]): void {
  list.replaceChildren(
    ...rows.map((r) =>
      h(
        'li',
        {},
        h('span', { class: 'title' }, r.title),
        ' ',
        h('span', { class: 'score' }, r.score.toFixed(3)),
        h('div', { class: 'reason' }, r.reason),
      ),
    ),
  );
}
