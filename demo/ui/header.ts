import type { BackendReport } from '../../src/index.ts';
import type { Explanation } from './glossary.ts';
import { describeError, h } from './dom.ts';
import { helpButton } from './help.ts';

type Choice = NonNullable<BackendReport['choice']>;
type Speed = Choice['speeds'][number];

/** The header's elements, one per fact, each kept true on its own. */
export interface HeaderElements {
  /** The baselines worker's backend: it evaluates the baselines and the trained models. */
  evaluation: HTMLElement;
  /** The ranking worker's backend. */
  ranking: HTMLElement;
  /** The backend training gets with `'auto'`, and why (the measured probe). */
  choice: HTMLElement;
  /** The backend the latest Models-tab training ran on (hidden until one starts). */
  latest: HTMLElement;
}

/** What main.ts tells the header. */
export interface Header {
  evaluation(report: BackendReport): void;
  evaluationFailed(error: unknown): void;
  ranking(report: BackendReport | null): void;
  rankingFailed(error: unknown): void;
  /** The training worker is choosing its `'auto'` backend (`remeasure`: measuring for sure). */
  choosing(remeasure: boolean): void;
  training(report: BackendReport): void;
  trainingFailed(error: unknown): void;
  /** A Models-tab training started (or moved) on `backend`. */
  latestTraining(backend: string): void;
}

const PROBE_HELP: Explanation = {
  title: 'How training picks its backend',
  body:
    "With the backend left on 'auto', the training worker times a few training steps shaped like the " +
    "Models tab's (embedding look-ups, a dot product, the gradient and an Adam update) on each backend " +
    'this browser offers, for about a quarter of a second each, and trains on the fastest. A software ' +
    'graphics adapter (SwiftShader) must beat wasm by half again to be picked. The result is kept in ' +
    "this browser's IndexedDB for this device and measured again when the graphics adapter, browser " +
    'or processor count changes, or when you ask.',
};

/** Fills the header's backend lines and keeps each one true as workers report. */
export function mountHeader(els: HeaderElements, actions: { remeasure(): void }): Header {
  let chosen: BackendName | null = null;
  let latest: string | null = null;
  const remeasure = h('button', { type: 'button', class: 'link', id: 'remeasure-backends' }, 'measure again');
  remeasure.addEventListener('click', () => actions.remeasure());

  const showLatest = (): void => {
    if (latest === null) return;
    els.latest.hidden = false;
    els.latest.dataset.backend = latest;
    const parts: (Node | string)[] = ['latest training: on ', h('strong', {}, latest)];
    if (chosen && latest !== chosen)
      parts.push(` (not the measured choice: set in the form, or moved after a GPU loss)`);
    els.latest.replaceChildren(...parts);
  };

  return {
    evaluation(report) {
      els.evaluation.dataset.backend = report.backend;
      els.evaluation.title = `available here: ${report.available.join(', ') || 'none'}`;
      const parts: (Node | string)[] = [
        'baselines evaluate on ',
        h('strong', { class: 'backend-name' }, report.backend),
      ];
      if (report.adapterInfo)
        parts.push(' · adapter ', h('span', { class: 'adapter' }, adapterLabel(report.adapterInfo)));
      if (report.reasonForFallback) parts.push(h('span', { class: 'fallback' }, ` (${report.reasonForFallback})`));
      els.evaluation.replaceChildren(...parts);
    },
    evaluationFailed(error) {
      els.evaluation.dataset.backend = 'none';
      els.evaluation.replaceChildren(
        h('span', { class: 'error', role: 'alert' }, `baselines: no backend: ${describeError(error)}`),
      );
    },
    ranking(report) {
      els.ranking.dataset.backend = report?.backend ?? 'none';
      els.ranking.replaceChildren(
        ...(report ? ['ranks on ', h('strong', {}, report.backend)] : ['ranking worker: starting its backend…']),
      );
    },
    rankingFailed(error) {
      els.ranking.dataset.backend = 'none';
      els.ranking.replaceChildren(h('span', { class: 'error', role: 'alert' }, `ranking: ${describeError(error)}`));
    },
    choosing(again) {
      remeasure.disabled = true;
      els.choice.dataset.backend = 'choosing';
      els.choice.replaceChildren(
        again
          ? 'training: measuring the backends this browser offers…'
          : 'training: choosing a backend (this device’s stored result, or a short speed test)…',
      );
    },
    training(report) {
      remeasure.disabled = false;
      chosen = report.choice ? report.backend : null;
      els.choice.dataset.backend = report.backend;
      const parts: (Node | string)[] = ['trains on ', h('strong', {}, report.backend), ' ', helpButton('backend')];
      if (report.choice) {
        parts.push(
          ' — ',
          h('span', { class: 'choice-summary' }, summary(report.choice)),
          ' ',
          helpButton(PROBE_HELP),
          h('span', { class: 'choice-reason' }, ` (${report.choice.reason}; ${when(report.choice)}) `),
          remeasure,
        );
      } else {
        // A running training answered (it names its backend), or 'auto' was resolved by order.
        const why = report.reasonForFallback ? `${report.reasonForFallback}; ` : '';
        parts.push(h('span', { class: 'fallback' }, ` (${why}the speed test runs when a training uses 'auto')`));
      }
      els.choice.replaceChildren(...parts);
      showLatest();
    },
    trainingFailed(error) {
      remeasure.disabled = false;
      els.choice.dataset.backend = 'none';
      els.choice.replaceChildren(h('span', { class: 'error', role: 'alert' }, `training: ${describeError(error)}`));
    },
    latestTraining(backend) {
      latest = backend;
      showLatest();
    },
  };
}

type BackendName = BackendReport['backend'];

/** `"measured fastest: 40× wasm's nearest rival, webgpu (software)"` in a few words. */
function summary(choice: Choice): string {
  const winner = choice.speeds.find((s) => s.backend === choice.backend);
  const rivals = choice.speeds.filter((s) => s !== winner && s.stepsPerSec !== null);
  if (!winner?.stepsPerSec || rivals.length === 0) {
    return choice.speeds.length === 0 ? 'nothing else to compare here' : 'the only backend that ran';
  }
  const next = rivals.reduce((a, b) => ((b.stepsPerSec ?? 0) > (a.stepsPerSec ?? 0) ? b : a));
  const ratio = winner.stepsPerSec / (next.stepsPerSec ?? 1);
  const bound = next.atMost ? 'over ' : '';
  return ratio >= 1.05
    ? `measured ${bound}${ratio >= 10 ? Math.round(ratio) : ratio.toFixed(1)}× faster than ${label(next)}`
    : `measured as fast as ${label(next)}`;
}

function label(s: Speed): string {
  return s.software ? `${s.backend} (software)` : s.backend;
}

/** When the choice was measured, as a clock time: true however long the page stays open. */
function when(choice: Choice): string {
  const at = new Date(choice.measuredAt);
  const sameDay = at.toDateString() === new Date().toDateString();
  const time = sameDay ? at.toLocaleTimeString() : at.toLocaleString();
  return choice.speeds.length === 0
    ? `decided at ${time}`
    : choice.cached
      ? `measured at ${time}, kept in IndexedDB`
      : `measured at ${time} in ${(choice.probeMs / 1000).toFixed(1)} s`;
}

function adapterLabel(info: NonNullable<BackendReport['adapterInfo']>): string {
  const name = [info.vendor, info.architecture, info.device].filter(Boolean).join(' ') || 'unnamed';
  return info.isFallbackAdapter ? `${name} (software fallback)` : name;
}
