/**
 * "Your own data": a ratings file (dropped or chosen), an optional titles file, a search box over the
 * file's users, and the chosen user's top 10 with the evidence behind each item. DOM only.
 */
import { UPLOAD_MAX_BYTES } from '../upload.ts';
import { COURSES_EXPLAIN } from './courses-explain.ts';
import { fillCourseList, type CourseRow } from './courses-list.ts';
import { h, onSubmit } from './dom.ts';
import { helpButton } from './help.ts';

const uploadLimit = `${UPLOAD_MAX_BYTES / 2 ** 20} MiB`;

/** What the controller does on the user's actions. */
export interface CoursesUploadHandlers {
  ratings(file: File): void;
  titles(file: File): void;
  /** Recommend for the user typed or picked (its text, as typed). */
  pick(user: string): void;
}

/** The mounted section. */
export interface CoursesUpload {
  status(state: 'ok' | 'error' | 'busy', text: string): void;
  titlesStatus(state: 'ok' | 'error', text: string): void;
  /** Offers these users (id and a label) in the search box; `chosen` fills it. Empty hides the picker. */
  users(options: { id: string; label: string }[], chosen?: string): void;
  /** The list's heading line and rows. */
  list(caption: string, rows: CourseRow[]): void;
}

/** Builds the section inside `root`. */
export function mountCoursesUpload(root: HTMLElement, on: CoursesUploadHandlers): CoursesUpload {
  const ratings = h('input', {
    id: 'course-csv',
    type: 'file',
    accept: '.csv,.tsv,.data,text/csv,text/tab-separated-values',
  });
  const titles = h('input', { id: 'course-titles', type: 'file', accept: '.csv,.tsv,.txt,text/csv' });
  const drop = h(
    'div',
    { id: 'course-drop', class: 'course-drop' },
    h(
      'p',
      {},
      h(
        'label',
        { for: 'course-csv' },
        `Drop a MovieLens-format ratings file here (userId,movieId,rating[,timestamp], comma- or tab-separated, up to ${uploadLimit}), or choose one: `,
      ),
      ratings,
    ),
    h(
      'p',
      {},
      h(
        'label',
        { for: 'course-titles' },
        'Titles, optional (MovieLens movies.csv, a CSV/TSV with id and title columns, or two columns id,title): ',
      ),
      titles,
    ),
  );
  const status = h('p', { id: 'course-upload-status', 'aria-live': 'polite' });
  const titlesStatus = h('p', { id: 'course-titles-status', 'aria-live': 'polite' });
  const search = h('input', {
    id: 'course-upload-user',
    type: 'search',
    list: 'course-upload-users',
    autocomplete: 'off',
    size: '12',
  });
  const known = h('datalist', { id: 'course-upload-users' });
  const form = h(
    'form',
    { id: 'course-upload-pick', class: 'course-upload-pick', hidden: '' },
    h('label', { for: 'course-upload-user' }, 'Recommend for user (type or pick an id from the file): '),
    search,
    known,
    h('button', { type: 'submit', id: 'course-upload-go' }, 'Recommend'),
  );
  onSubmit(form, () => on.pick(search.value.trim()));
  const caption = h('span', { id: 'course-upload-caption' });
  // Shown with a list only: its `?`s explain the scores and similarities in it.
  const captionLine = h(
    'p',
    { class: 'caption', hidden: '' },
    caption,
    ' ',
    helpButton(COURSES_EXPLAIN.score),
    ' ',
    helpButton(COURSES_EXPLAIN.similarity),
  );
  const list = h('ol', { id: 'course-upload-list', class: 'course-list' });
  ratings.addEventListener('change', () => ratings.files?.[0] && on.ratings(ratings.files[0]));
  titles.addEventListener('change', () => titles.files?.[0] && on.titles(titles.files[0]));
  drop.addEventListener('dragover', (e) => e.preventDefault());
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    // One file is the ratings; with two, the one named like ratings (ratings.csv, u.data) is, the other the titles.
    const files = Array.from(e.dataTransfer?.files ?? []);
    const isRatings = (f: File) => files.length === 1 || /rating|\.data$/i.test(f.name);
    for (const f of files) (isRatings(f) ? on.ratings : on.titles)(f);
  });
  root.append(
    h('h3', {}, 'Your own data (processed on this device, never uploaded)'),
    drop,
    status,
    titlesStatus,
    form,
    captionLine,
    list,
  );
  return {
    status(state, text) {
      status.dataset.status = state;
      status.textContent = text;
    },
    titlesStatus(state, text) {
      titlesStatus.dataset.status = state;
      titlesStatus.textContent = text;
    },
    users(options, chosen) {
      known.replaceChildren(...options.map((o) => h('option', { value: o.id }, o.label)));
      form.hidden = options.length === 0;
      if (chosen !== undefined) search.value = chosen;
    },
    list(text, rows) {
      caption.textContent = text;
      captionLine.hidden = rows.length === 0;
      fillCourseList(list, rows);
    },
  };
}
