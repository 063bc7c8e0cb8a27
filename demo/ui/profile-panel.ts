/**
 * The "Your profile" panel's DOM (Courses tab): a course search with a filtered list of Add buttons
 * (plain buttons: Tab and Enter work, screen readers hear a live count), the person's watched courses
 * each with a Forget button, "Forget me", and the recommendations for that history with their reasons.
 */
import { fillCourseList } from './courses-list.ts';
import { h } from './dom.ts';

/** A catalogue course as offered by the search. */
export interface CourseChoice {
  id: number;
  title: string;
}

/** One recommendation as shown. */
export interface ProfileRow {
  title: string;
  score: number;
  reason: string;
}

/** What the controller does on clicks. */
export interface ProfileHandlers {
  /** The search text changed: the controller answers with {@link ProfilePanel.matches}. */
  search(text: string): void;
  add(course: number): void;
  forget(course: number): void;
  forgetAll(): void;
}

/** States of the status line: `missing` (no model stored yet), `busy`, `ready`, `error`. */
export type ProfileState = 'missing' | 'busy' | 'ready' | 'error';

/** The mounted panel. */
export interface ProfilePanel {
  matches(courses: CourseChoice[], total: number, text: string): void;
  /** The watched courses; null while no model serves the profile (its history is not read then). */
  history(courses: CourseChoice[] | null): void;
  recommendations(caption: string, rows: ProfileRow[]): void;
  status(state: ProfileState, text: string): void;
  /** Enables or disables every control that changes the profile (while no model serves it). */
  enabled(on: boolean): void;
}

/** The privacy line: true as written, since the profile lives in IndexedDB and no request carries it. */
export const ON_DEVICE =
  'Your watch history stays on this device: it is kept in this browser’s IndexedDB and is never sent anywhere.';

/** Builds the panel inside `root`. */
export function mountProfilePanel(root: HTMLElement, on: ProfileHandlers): ProfilePanel {
  const search = h('input', {
    id: 'profile-search',
    type: 'search',
    autocomplete: 'off',
    placeholder: 'e.g. python',
    'aria-controls': 'profile-matches',
    'aria-describedby': 'profile-match-count',
  });
  const count = h('p', { id: 'profile-match-count', class: 'stage', 'aria-live': 'polite' });
  const matches = h('ul', { id: 'profile-matches', class: 'profile-matches', 'aria-label': 'Matching courses' });
  const history = h('ul', { id: 'profile-history', class: 'profile-history', 'aria-label': 'Courses you watched' });
  const empty = h('p', { id: 'profile-empty', class: 'stage' }, 'No courses yet: add the ones you have watched.');
  const forgetAll = h('button', { type: 'button', id: 'profile-forget-all', class: 'link' }, 'Forget me');
  const status = h('p', { id: 'profile-status', class: 'stage', 'aria-live': 'polite', 'data-status': 'busy' });
  const caption = h('p', { id: 'profile-caption', class: 'caption' });
  const recs = h('ol', { id: 'profile-recs', class: 'course-list' });
  let enabled = true;

  search.addEventListener('input', () => on.search(search.value));
  // Enter in the search adds the first match: the list's first button does the same on a click.
  search.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    matches.querySelector<HTMLButtonElement>('button:not([disabled])')?.click();
  });
  forgetAll.addEventListener('click', () => on.forgetAll());

  root.append(
    h(
      'section',
      { class: 'profile', 'aria-labelledby': 'profile-heading' },
      h('h3', { id: 'profile-heading' }, 'Your profile'),
      h('p', { id: 'profile-privacy', class: 'privacy' }, ON_DEVICE),
      status,
      h(
        'div',
        { class: 'profile-cols' },
        h(
          'div',
          {},
          h('label', { for: 'profile-search' }, 'Find a course you have watched '),
          search,
          count,
          matches,
          h('h4', {}, 'Watched'),
          empty,
          history,
          forgetAll,
        ),
        h('div', {}, h('h4', {}, 'Recommended for you'), caption, recs),
      ),
    ),
  );

  const addButton = (c: CourseChoice) => {
    const b = h('button', { type: 'button', class: 'link', 'data-course': String(c.id) }, `Add “${c.title}”`);
    b.disabled = !enabled;
    b.addEventListener('click', () => on.add(c.id));
    return b;
  };
  const forgetButton = (c: CourseChoice) => {
    const b = h(
      'button',
      { type: 'button', class: 'link', 'data-course': String(c.id), 'aria-label': `Forget “${c.title}”` },
      'Forget',
    );
    b.disabled = !enabled;
    b.addEventListener('click', () => on.forget(c.id));
    return b;
  };

  return {
    matches(list, total, text) {
      matches.replaceChildren(...list.map((c) => h('li', {}, addButton(c))));
      count.textContent = !text.trim()
        ? ''
        : total === 0
          ? `No course matches “${text.trim()}”.`
          : total > list.length
            ? `${total} courses match; the first ${list.length} are listed.`
            : `${total} ${total === 1 ? 'course matches' : 'courses match'}.`;
    },
    history(list) {
      history.replaceChildren(
        ...(list ?? []).map((c) =>
          h('li', { 'data-course': String(c.id) }, h('span', {}, c.title), ' ', forgetButton(c)),
        ),
      );
      empty.hidden = list === null || list.length > 0;
      forgetAll.hidden = list === null || list.length === 0;
    },
    recommendations(text, rows) {
      caption.textContent = text;
      fillCourseList(recs, rows);
    },
    status(state, text) {
      status.dataset.status = state;
      status.textContent = text;
    },
    enabled(onOff) {
      enabled = onOff;
      for (const b of root.querySelectorAll<HTMLButtonElement>('.profile button')) b.disabled = !onOff;
    },
  };
}
