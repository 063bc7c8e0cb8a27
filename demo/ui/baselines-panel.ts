import type { ProtocolProgress, ProtocolReport } from '../../src/courses.ts';
import type { ModelInfo, TrainProgress } from '../../src/index.ts';
import { describeError, h, scrollBox } from './dom.ts';
import { helpButton } from './help.ts';
import { overallFraction, progressLabel, STAGES } from './progress.ts';
import { resultsTable } from './results-table.ts';

/** The kinds the Models tab trains on MovieLens, which the split training offers too. */
export type SplitKind = 'mf' | 'itemknn' | 'popular';

const SPLIT_KINDS: [SplitKind, string][] = [
  ['popular', 'most popular (instant)'],
  ['itemknn', 'item-kNN'],
  ['mf', 'matrix factorisation'],
];

/** What the panel asks its controller to do. */
export interface BaselinesActions {
  /** Evaluate the baselines and the stored models on one split. */
  run(): void;
  /** Train a model of `kind` on the protocol's training split (held-out ratings left out). */
  trainOnSplit(kind: SplitKind): void;
}

/** What the controller tells the panel. */
export interface BaselinesPanel {
  /** The finished MovieLens models stored here: the rows a run adds. */
  models(list: ModelInfo[]): void;
  progress(p: ProtocolProgress): void;
  finish(report: ProtocolReport): void;
  fail(error: unknown): void;
  /** A split training's progress, its end (`info`), or its failure. */
  splitProgress(p: TrainProgress): void;
  splitDone(info: ModelInfo): void;
  splitFail(error: unknown): void;
}

const STEPS = 1000;
const BASELINE_STAGES = Object.keys(STAGES).length;

/** Renders the Run button, progress bar, compared models, split training and result area into `root`. */
export function mountBaselinesPanel(root: HTMLElement, actions: BaselinesActions): BaselinesPanel {
  const button = h('button', { type: 'button', class: 'run', id: 'run-baselines' }, 'Run baselines');
  const bar = h('progress', {
    id: 'baselines-progress',
    max: String(STEPS),
    value: '0',
    'aria-label': 'Evaluation progress',
  });
  const compared = h('p', { id: 'baselines-models', 'aria-live': 'polite' }, 'Looking for trained models…');
  const kind = h('select', { id: 'split-kind' }, ...SPLIT_KINDS.map(([value, text]) => h('option', { value }, text)));
  const train = h('button', { type: 'button', id: 'train-split' }, 'Train on the protocol’s split');
  const splitStatus = h('p', { class: 'stage', id: 'split-status', 'aria-live': 'polite' });
  const split = h(
    'div',
    { class: 'controls split-training' },
    h('label', { for: 'split-kind' }, 'For a fair row, train '),
    kind,
    train,
  );
  const label = h('p', { class: 'stage', id: 'baselines-stage', 'aria-live': 'polite' }, 'Not run yet.');
  const out = h('div', { class: 'out' });
  root.replaceChildren(h('div', { class: 'controls' }, button, bar), compared, split, splitStatus, label, out);

  // The models of the current run, in the order the service evaluates them (each is a stage of its own).
  let listed: ModelInfo[] = [];
  const fraction = (p: ProtocolProgress): number => {
    const stages = BASELINE_STAGES + listed.length;
    if (p.stage !== 'model') return (overallFraction(p) * BASELINE_STAGES) / stages;
    const index = listed.findIndex((m) => m.id === p.modelId && m.version === p.version);
    const within = p.total > 0 ? Math.min(1, p.done / p.total) : 1;
    return (BASELINE_STAGES + Math.max(0, index) + within) / stages;
  };

  button.addEventListener('click', () => {
    button.disabled = true;
    bar.value = 0;
    label.textContent = 'Starting…';
    out.replaceChildren();
    actions.run();
  });
  train.addEventListener('click', () => {
    train.disabled = true;
    splitStatus.textContent = 'Preparing the training split…';
    actions.trainOnSplit(kind.value as SplitKind);
  });

  return {
    models(list) {
      listed = list;
      compared.textContent =
        list.length === 0
          ? 'Train a model in the Models tab to compare it here.'
          : `Also ranked on the same split and negatives: ${list.map((m) => `${m.id} v${m.version} (${m.kind})`).join(', ')}.`;
    },
    progress(p) {
      // Never backwards: a late event of an earlier stage must not pull the bar back.
      bar.value = Math.max(bar.value, Math.round(fraction(p) * STEPS));
      label.textContent = p.stage === 'model' ? modelLabel(p) : progressLabel(p);
    },
    finish(report) {
      bar.value = STEPS;
      label.textContent = `Done in ${report.seconds.toFixed(1)} s.`;
      if (report.scoredOn) {
        const why = report.scoredOnReason ? ` (${report.scoredOnReason})` : '';
        label.append(` Trained models scored on ${report.scoredOn}${why} `, helpButton('backend'));
      }
      out.replaceChildren(scrollBox(resultsTable(report), 'Baseline results'));
      button.disabled = false;
    },
    fail(error) {
      label.textContent = '';
      out.replaceChildren(h('p', { class: 'error', role: 'alert' }, describeError(error)));
      button.disabled = false;
    },
    splitProgress(p) {
      if (p.status === 'start') splitStatus.textContent = `Training ${p.modelId} on ${p.backend}…`;
      else if (p.status === 'epoch')
        splitStatus.textContent = `Training ${p.modelId}: epoch ${p.epoch} / ${p.epochs}, loss ${p.loss.toFixed(3)}`;
    },
    splitDone(info) {
      splitStatus.textContent = `Trained ${info.id} v${info.version} on the training split. Run the baselines to compare it.`;
      train.disabled = false;
    },
    splitFail(error) {
      splitStatus.replaceChildren(h('span', { class: 'error', role: 'alert' }, describeError(error)));
      train.disabled = false;
    },
  };
}

/** "Ranking with movielens-mf v3 — 312 / 1,342", or what happens before its first user is ranked. */
function modelLabel(p: Extract<ProtocolProgress, { stage: 'model' }>): string {
  const model = `${p.modelId} v${p.version}`;
  if (p.done === 0) return `Reading ${model} from this browser’s storage and scoring the held-out ratings…`;
  return `Ranking with ${model} — ${p.done.toLocaleString('en')} / ${p.total.toLocaleString('en')}`;
}
