/**
 * The Courses tab's DOM: learner picker, history, three top-10 lists with reasons, the live pipeline
 * diagram for the current learner, training, and the boxes the profile and upload sections mount in.
 */
import { COURSES_EXPLAIN } from './courses-explain.ts';
import { fillCourseList, type CourseRow } from './courses-list.ts';
import { courseStages, type CoursePipelineInput } from './courses-pipeline.ts';
import { h } from './dom.ts';
import { helpButton } from './help.ts';
import { mountLossChart, type LossChart } from './loss-chart.ts';
import { mountPipeline } from './pipeline.ts';

export type { CourseRow } from './courses-list.ts';

/** What the controller does on clicks. */
export interface CoursesPanelHandlers {
  pick(member: number): void;
  train(): void;
  /** Retrains GLMix and the blender. */
  trainCourses(): void;
  cancel(): void;
}

/** The mounted panel. */
export interface CoursesPanel {
  learners(options: { id: number; label: string }[]): void;
  history(items: string[]): void;
  list(which: 'ncf' | 'glmix' | 'blend', caption: string, rows: CourseRow[]): void;
  /** Redraws the pipeline diagram (null: no blender stored yet) with a line saying whom it is for. */
  pipeline(input: CoursePipelineInput | null, caption: string): void;
  status(state: 'idle' | 'training' | 'done' | 'error', text: string): void;
  epoch(epoch: number, loss: number): void;
  resetChart(): void;
  training(on: boolean): void;
  /** Where the "Your profile" panel mounts (below the training controls). */
  profileBox: HTMLElement;
  /** Where the "your own data" section mounts. */
  uploadBox: HTMLElement;
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
  const status = h('p', { id: 'course-status', 'data-status': 'idle', 'aria-live': 'polite' });
  const chartBox = h('div', { id: 'course-chart' });
  const profileBox = h('div', { id: 'course-profile' });
  const uploadBox = h('div', { id: 'course-upload' });
  train.addEventListener('click', () => on.train());
  trainCourses.addEventListener('click', () => on.trainCourses());
  cancel.addEventListener('click', () => on.cancel());
  const column = (w: 'ncf' | 'glmix' | 'blend', title: string, ...help: HTMLElement[]) =>
    h(
      'div',
      { class: 'course-col' },
      h('h3', {}, title, ' ', helpButton(COURSES_EXPLAIN.score), ...help),
      lists[w].caption,
      lists[w].list,
    );
  const diagram = h('div', { id: 'course-pipeline' });
  root.append(
    h('label', {}, 'Learner ', select),
    h('h3', {}, 'Watch history (past the duration threshold)'),
    history,
    h(
      'div',
      { class: 'course-cols' },
      column('blend', 'Blended', helpButton(COURSES_EXPLAIN.blendWeights)),
      column('ncf', 'NCF (seed variant)', helpButton(COURSES_EXPLAIN.similarity)),
      column('glmix', 'GLMix'),
    ),
    diagram,
    h('div', { class: 'course-train' }, train, trainCourses, cancel, status),
    h('p', { class: 'caption' }, 'Training loss per epoch ', helpButton('loss'), ' ', helpButton('epoch')),
    chartBox,
    profileBox,
    uploadBox,
  );
  const pipeline = mountPipeline(diagram, 'How the blended list is made, for this learner');
  pipeline.update(courseStages(null));
  const chart: LossChart = mountLossChart(chartBox);
  return {
    profileBox,
    uploadBox,
    learners(options) {
      select.replaceChildren(...options.map((o) => h('option', { value: String(o.id) }, o.label)));
    },
    history(items) {
      history.replaceChildren(...items.map((t) => h('li', {}, t)));
    },
    list(which, caption, rows) {
      lists[which].caption.textContent = caption;
      fillCourseList(lists[which].list, rows);
    },
    pipeline(input, caption) {
      pipeline.update(courseStages(input));
      pipeline.caption(caption);
    },
    status(state, text) {
      status.dataset.status = state;
      status.textContent = text;
    },
    epoch: (e, loss) => chart.push(e, loss),
    resetChart: () => chart.reset(),
    training(onOff) {
      train.toggleAttribute('disabled', onOff);
      trainCourses.toggleAttribute('disabled', onOff);
      cancel.toggleAttribute('disabled', !onOff);
    },
  };
}
