import type { BaselineProgress } from '../../src/courses.ts';
import type { BaselineReport } from '../../src/index.ts';
import { describeError, h, scrollBox } from './dom.ts';
import { overallFraction, progressLabel } from './progress.ts';
import { resultsTable } from './results-table.ts';

/** What main.ts tells the panel while a run goes on. */
export interface BaselinesPanel {
  progress(p: BaselineProgress): void;
  finish(report: BaselineReport): void;
  fail(error: unknown): void;
}

const STEPS = 1000;

/** Renders the Run button, progress bar and result area into `root`; `onRun` starts an evaluation. */
export function mountBaselinesPanel(root: HTMLElement, onRun: () => void): BaselinesPanel {
  const button = h('button', { type: 'button', class: 'run', id: 'run-baselines' }, 'Run baselines');
  const bar = h('progress', {
    id: 'baselines-progress',
    max: String(STEPS),
    value: '0',
    'aria-label': 'Evaluation progress',
  });
  const label = h('p', { class: 'stage', id: 'baselines-stage', 'aria-live': 'polite' }, 'Not run yet.');
  const out = h('div', { class: 'out' });
  root.replaceChildren(h('div', { class: 'controls' }, button, bar), label, out);

  button.addEventListener('click', () => {
    button.disabled = true;
    bar.value = 0;
    label.textContent = 'Starting…';
    out.replaceChildren();
    onRun();
  });

  return {
    progress(p) {
      bar.value = Math.round(overallFraction(p) * STEPS);
      label.textContent = progressLabel(p);
    },
    finish(report) {
      bar.value = STEPS;
      label.textContent = `Done in ${report.seconds.toFixed(1)} s.`;
      out.replaceChildren(scrollBox(resultsTable(report), 'Baseline results'));
      button.disabled = false;
    },
    fail(error) {
      label.textContent = '';
      out.replaceChildren(h('p', { class: 'error', role: 'alert' }, describeError(error)));
      button.disabled = false;
    },
  };
}
