/** The Courses tab's DOM: learner picker, history, three top-10 lists with reasons, training, CSV drop. */
import { h } from './dom.ts';
import { mountLossChart, type LossChart } from './loss-chart.ts';
import { UPLOAD_MAX_BYTES } from '../upload.ts';

const uploadLimit = `${UPLOAD_MAX_BYTES / 2 ** 20} MiB`;

/** One recommended course as shown. */
export interface CourseRow {
  title: string;
  score: number;
  reason: string;
}

/** What the controller does on clicks. */
export interface CoursesPanelHandlers {
  pick(member: number): void;
  train(): void;
  /** Retrains GLMix and the blender. */
  trainCourses(): void;
  cancel(): void;
  drop(file: File): void;
}

/** The mounted panel. */
export interface CoursesPanel {
  learners(options: { id: number; label: string }[]): void;
  history(items: string[]): void;
  list(which: 'ncf' | 'glmix' | 'blend', caption: string, rows: CourseRow[]): void;
  status(state: 'idle' | 'training' | 'done' | 'error', text: string): void;
  epoch(epoch: number, loss: number): void;
  resetChart(): void;
  upload(state: 'ok' | 'error', text: string, rows?: CourseRow[]): void;
  training(on: boolean): void;
  /** Where the "Your profile" panel mounts (below the training controls). */
  profileBox: HTMLElement;
}

/** Builds the panel inside `root`. */
export function mountCoursesPanel(root: HTMLElement, on: CoursesPanelHandlers): CoursesPanel {
  const select = h('select', { id: 'course-learner' });
  select.addEventListener('change', () => on.pick(Number(select.value)));
  const history = h('ul', { id: 'course-history', class: 'course-history' });
  const lists = Object.fromEntries(
    (['ncf', 'glmix', 'blend'] as const).map((w) => [
      w,
      {
        caption: h('p', { class: 'caption', id: `course-${w}-caption` }),
        list: h('ol', { id: `course-${w}`, class: 'course-list' }),
      },
    ]),
  ) as unknown as Record<'ncf' | 'glmix' | 'blend', { caption: HTMLElement; list: HTMLElement }>;
  const train = h('button', { id: 'course-train' }, 'Retrain NCF in the worker');
  const trainCourses = h('button', { id: 'course-train-blend' }, 'Retrain GLMix + blender in the worker');
  const cancel = h('button', { id: 'course-cancel', disabled: '' }, 'Cancel');
  const status = h('p', { id: 'course-status', 'data-status': 'idle' });
  const chartBox = h('div', { id: 'course-chart' });
  const profileBox = h('div', { id: 'course-profile' });
  const file = h('input', {
    id: 'course-csv',
    type: 'file',
    accept: '.csv,.tsv,.data,text/csv,text/tab-separated-values',
  });
  const drop = h(
    'div',
    { id: 'course-drop', class: 'course-drop' },
    h(
      'label',
      { for: 'course-csv' },
      `Drop a MovieLens-format ratings file here (userId,movieId,rating[,timestamp], comma- or tab-separated, up to ${uploadLimit}), or choose one: `,
    ),
    file,
  );
  const uploadStatus = h('p', { id: 'course-upload-status' });
  const uploadList = h('ol', { id: 'course-upload-list', class: 'course-list' });
  train.addEventListener('click', () => on.train());
  trainCourses.addEventListener('click', () => on.trainCourses());
  cancel.addEventListener('click', () => on.cancel());
  file.addEventListener('change', () => file.files?.[0] && on.drop(file.files[0]));
  drop.addEventListener('dragover', (e) => e.preventDefault());
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    const f = e.dataTransfer?.files[0];
    if (f) on.drop(f);
  });
  const column = (w: 'ncf' | 'glmix' | 'blend', title: string) =>
    h('div', { class: 'course-col' }, h('h3', {}, title), lists[w].caption, lists[w].list);
  root.append(
    h('label', {}, 'Learner ', select),
    h('h3', {}, 'Watch history (past the duration threshold)'),
    history,
    h(
      'div',
      { class: 'course-cols' },
      column('blend', 'Blended'),
      column('ncf', 'NCF (seed variant)'),
      column('glmix', 'GLMix'),
    ),
    h('div', { class: 'course-train' }, train, trainCourses, cancel, status),
    chartBox,
    profileBox,
    h('h3', {}, 'Your own data (processed on this device, never uploaded)'),
    drop,
    uploadStatus,
    uploadList,
  );
  const chart: LossChart = mountLossChart(chartBox);
  const fill = (list: HTMLElement, rows: CourseRow[]) =>
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
  return {
    profileBox,
    learners(options) {
      select.replaceChildren(...options.map((o) => h('option', { value: String(o.id) }, o.label)));
    },
    history(items) {
      history.replaceChildren(...items.map((t) => h('li', {}, t)));
    },
    list(which, caption, rows) {
      lists[which].caption.textContent = caption;
      fill(lists[which].list, rows);
    },
    status(state, text) {
      status.dataset.status = state;
      status.textContent = text;
    },
    epoch: (e, loss) => chart.push(e, loss),
    resetChart: () => chart.reset(),
    upload(state, text, rows = []) {
      uploadStatus.dataset.status = state;
      uploadStatus.textContent = text;
      fill(uploadList, rows);
    },
    training(onOff) {
      train.toggleAttribute('disabled', onOff);
      trainCourses.toggleAttribute('disabled', onOff);
      cancel.toggleAttribute('disabled', !onOff);
    },
  };
}
