import type { BackendPreference, ModelInfo, TrainProgress } from '../../src/index.ts';
import { describeError, h, onSubmit } from './dom.ts';
import { helpButton } from './help.ts';
import { mountLossChart } from './loss-chart.ts';
import { modelsTable } from './models-list.ts';
import { describeCheckpoint, describeProgress, formatEta, metricName, trainFraction } from './training-status.ts';

/** The training settings the panel offers. */
export interface TrainSettings {
  kind: 'mf' | 'itemknn' | 'popular';
  epochs: number;
  dim: number;
  backend: BackendPreference;
}

/** A model the picker offers: its id (the value) and the line that names it. */
export interface PickerEntry {
  id: string;
  label: string;
}

/** What the controller tells the Models panel. */
export interface ModelsPanel {
  settings(): TrainSettings;
  /** Shows `s` in the form (the values of a training being resumed). */
  showSettings(s: Partial<TrainSettings>): void;
  training(active: boolean): void;
  progress(p: TrainProgress): void;
  /** Replaces the status line (and its `data-status`, `notice` unless given). */
  notice(text: string, status?: string): void;
  /** Training failed or was cancelled: the status line says so. */
  fail(error: unknown): void;
  models(list: ModelInfo[]): void;
  /** The models the user may rank with, and the one picked (null: none offered). */
  picker(entries: PickerEntry[], picked: string | null): void;
  /** The id picked in the model picker, or null. */
  picked(): string | null;
  recommendations(title: string, rows: { title: string; score: number }[]): void;
  /** A failed ranking: said beside the list, and cleared by the next list shown. */
  recommendFailed(error: unknown): void;
  /** A line above the list (no list yet, or one being computed). */
  recommendNotice(text: string): void;
  user(): string;
}

/** Handlers the controller gives the panel. */
export interface ModelsPanelActions {
  train(): void;
  cancel(): void;
  recommend(): void;
  /** The user picked another model to rank with. */
  pick(id: string): void;
  delete(id: string): void;
  /** Destroys the training worker's WebGPU device, as a GPU reset or driver crash would. */
  loseDevice(): void;
  /** Names a model's training data in words (the table's `data` column). */
  dataset(m: ModelInfo): string;
}

/** Renders the train form, progress, chart, stored models and recommendations into `root`. */
export function mountModelsPanel(root: HTMLElement, actions: ModelsPanelActions): ModelsPanel {
  const kind = h(
    'select',
    { id: 'train-kind' },
    ...['mf', 'itemknn', 'popular'].map((k) => h('option', { value: k }, k)),
  );
  const epochs = h('input', { id: 'train-epochs', type: 'number', min: '1', max: '50', value: '6' });
  const dim = h('input', { id: 'train-dim', type: 'number', min: '2', max: '256', value: '32' });
  const backend = h(
    'select',
    { id: 'train-backend' },
    ...['auto', 'webgpu', 'webgl', 'wasm', 'cpu'].map((b) => h('option', { value: b }, b)),
  );
  const train = h('button', { type: 'submit', id: 'train', class: 'run' }, 'Train');
  const cancel = button('cancel', 'Cancel', 'link', actions.cancel);
  const loseDevice = button('lose-device', 'Simulate a GPU reset', 'link', actions.loseDevice);
  cancel.hidden = loseDevice.hidden = true;
  const bar = h('progress', { id: 'train-progress', max: '1000', value: '0', 'aria-label': 'Training progress' });
  const eta = h('span', { id: 'train-eta', class: 'stage' }, '');
  const status = h('p', { class: 'stage', id: 'train-status', 'aria-live': 'polite' }, '');
  const figures = trainingFigures();
  const checkpoint = h('p', { class: 'stage', id: 'train-checkpoint' }, '');
  const chartBox = h('div', { class: 'chart', id: 'train-chart' });
  const stored = h('div', { id: 'models' });
  const pickerSelect = h('select', { id: 'rank-model' });
  pickerSelect.addEventListener('change', () => actions.pick(pickerSelect.value));
  const user = h('input', { id: 'rec-user', type: 'text', value: '1', size: '6' });
  const recError = h('p', { id: 'rec-error', role: 'alert' });
  recError.hidden = true;
  const recList = h('div', { id: 'recommendations' });
  // Real forms: Enter in a field trains, or recommends.
  const trainForm = h(
    'form',
    { class: 'form' },
    label('model', kind),
    label('epochs', epochs),
    label('dimensions', dim),
    label('backend', backend),
    train,
    cancel,
    loseDevice,
  );
  const recommendForm = h(
    'form',
    { class: 'form' },
    label('rank with', pickerSelect),
    label('user id', user),
    h('button', { type: 'submit', id: 'recommend', class: 'run' }, 'Recommend'),
  );
  onSubmit(trainForm, actions.train);
  onSubmit(recommendForm, actions.recommend);
  root.replaceChildren(
    trainForm,
    h('div', { class: 'controls' }, bar, eta),
    status,
    figures.root,
    checkpoint,
    chartBox,
    h('h3', {}, 'Stored on this device'),
    stored,
    h('h3', {}, 'Recommendations'),
    recommendForm,
    recError,
    recList,
  );
  const chart = mountLossChart(chartBox, 'HR@10 (validation)');

  return {
    settings: () => ({
      kind: kind.value as TrainSettings['kind'],
      epochs: Number(epochs.value),
      dim: Number(dim.value),
      backend: backend.value as BackendPreference,
    }),
    showSettings(s) {
      if (s.kind !== undefined) kind.value = s.kind;
      if (s.epochs !== undefined) epochs.value = String(s.epochs);
      if (s.dim !== undefined) dim.value = String(s.dim);
      if (s.backend !== undefined) backend.value = s.backend;
    },
    user: () => user.value.trim(),
    training(active) {
      train.disabled = active;
      cancel.hidden = !active;
      loseDevice.hidden = !active;
      if (active) {
        chart.reset();
        figures.reset();
        bar.value = 0;
        eta.textContent = checkpoint.textContent = '';
      } else eta.textContent = '';
    },
    progress(p) {
      if (p.status === 'checkpoint') {
        // Beside the loss, never instead of it.
        checkpoint.textContent = describeCheckpoint(p);
        checkpoint.dataset.version = String(p.version);
        return;
      }
      status.textContent = describeProgress(p);
      status.dataset.status = p.status;
      const fraction = trainFraction(p);
      if (fraction !== null) bar.value = Math.round(fraction * 1000);
      if (p.status === 'step') {
        eta.textContent = formatEta(p.etaSeconds);
        figures.show(p.loss, undefined, p.samplesPerSec);
      }
      if (p.status === 'epoch') {
        chart.push(p.epoch, p.loss, p.metric?.value);
        figures.show(p.loss, p.metric, p.samplesPerSec);
      }
      if (p.status === 'done') eta.textContent = '';
    },
    notice(text, state = 'notice') {
      status.textContent = text;
      status.dataset.status = state;
    },
    fail(error) {
      const cancelled = (error as { name?: string } | null)?.name === 'AbortError';
      const text = cancelled
        ? 'Training cancelled. Its last checkpoint is kept; the finished model (if any) still ranks.'
        : describeError(error);
      status.replaceChildren(h('span', { class: 'error', role: 'alert' }, text));
      status.dataset.status = cancelled ? 'cancelled' : 'error';
      eta.textContent = '';
    },
    models: (list) => stored.replaceChildren(modelsTable(list, actions.delete, actions.dataset)),
    picker(entries, picked) {
      pickerSelect.replaceChildren(
        ...(entries.length
          ? entries.map((e) => h('option', { value: e.id }, e.label))
          : [h('option', { value: '' }, 'no MovieLens model stored yet: train one')]),
      );
      pickerSelect.disabled = entries.length === 0;
      pickerSelect.value = picked ?? '';
    },
    picked: () => pickerSelect.value || null,
    recommendations(title, rows) {
      recError.hidden = true;
      recError.textContent = '';
      const items = rows.map((r) => h('li', {}, r.title, h('span', { class: 'score' }, ` ${r.score.toFixed(3)}`)));
      recList.replaceChildren(
        h('p', { class: 'stage', id: 'rec-source' }, title),
        h('ol', { class: 'recs' }, ...items),
      );
    },
    recommendFailed(error) {
      recError.replaceChildren(h('span', { class: 'error' }, describeError(error)));
      recError.hidden = false;
    },
    recommendNotice(text) {
      recList.replaceChildren(h('p', { class: 'stage', id: 'rec-source' }, text));
    },
  };
}

/** The latest loss, validation HR@10 and speed, each with a `?` that explains it. */
function trainingFigures(): {
  root: HTMLElement;
  show(loss: number, metric: { name: string; value: number } | undefined, samplesPerSec: number): void;
  reset(): void;
} {
  const loss = h('span', { id: 'fig-loss' }, '–');
  const metricLabel = h('span', {}, 'HR@10 (validation) ');
  const metric = h('span', { id: 'fig-hr10' }, '–');
  const speed = h('span', { id: 'fig-speed' }, '–');
  const root = h(
    'p',
    { class: 'stage figures', id: 'train-figures' },
    'loss ',
    loss,
    helpButton('loss'),
    ' · ',
    metricLabel,
    metric,
    helpButton('hr10'),
    ' · samples/s ',
    speed,
    helpButton('samplesPerSec'),
  );
  return {
    root,
    show(l, m, s) {
      if (Number.isFinite(l)) loss.textContent = l.toFixed(4);
      if (m) {
        metricLabel.textContent = `${metricName(m.name)} (validation) `;
        metric.textContent = m.value.toFixed(3);
      }
      speed.textContent = Math.round(s).toLocaleString('en');
    },
    reset() {
      loss.textContent = metric.textContent = speed.textContent = '–';
    },
  };
}

function button(id: string, text: string, cls: string, onClick: () => void): HTMLButtonElement {
  const b = h('button', { type: 'button', id, class: cls }, text);
  b.addEventListener('click', onClick);
  return b;
}

function label(text: string, control: HTMLElement): HTMLLabelElement {
  return h('label', {}, `${text} `, control);
}
