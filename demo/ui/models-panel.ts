import type { BackendPreference, ModelInfo, TrainProgress } from '../../src/index.ts';
import { describeError, h, onSubmit } from './dom.ts';
import { mountLossChart } from './loss-chart.ts';
import { modelsTable } from './models-list.ts';
import { describeProgress, epochFraction } from './training-status.ts';

/** The training settings the panel offers. */
export interface TrainSettings {
  kind: 'mf' | 'itemknn' | 'popular';
  epochs: number;
  dim: number;
  backend: BackendPreference;
}

/** What the controller tells the Models panel. */
export interface ModelsPanel {
  settings(): TrainSettings;
  training(active: boolean): void;
  progress(p: TrainProgress): void;
  notice(text: string): void;
  fail(error: unknown): void;
  models(list: ModelInfo[]): void;
  recommendations(title: string, rows: { title: string; score: number }[]): void;
  user(): string;
}

/** Handlers the controller gives the panel. */
export interface ModelsPanelActions {
  train(): void;
  cancel(): void;
  recommend(): void;
  delete(id: string): void;
  /** Destroys the training worker's WebGPU device, as a GPU reset or driver crash would. */
  loseDevice(): void;
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
  const status = h('p', { class: 'stage', id: 'train-status', 'aria-live': 'polite' }, '');
  const chartBox = h('div', { class: 'chart', id: 'train-chart' });
  const stored = h('div', { id: 'models' });
  const user = h('input', { id: 'rec-user', type: 'text', value: '1', size: '6' });
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
    label('user id', user),
    h('button', { type: 'submit', id: 'recommend', class: 'run' }, 'Recommend'),
  );
  onSubmit(trainForm, actions.train);
  onSubmit(recommendForm, actions.recommend);
  root.replaceChildren(
    trainForm,
    h('div', { class: 'controls' }, bar),
    status,
    chartBox,
    h('h3', {}, 'Stored on this device'),
    stored,
    h('h3', {}, 'Recommendations'),
    recommendForm,
    recList,
  );
  const chart = mountLossChart(chartBox);

  return {
    settings: () => ({
      kind: kind.value as TrainSettings['kind'],
      epochs: Number(epochs.value),
      dim: Number(dim.value),
      backend: backend.value as BackendPreference,
    }),
    user: () => user.value.trim(),
    training(active) {
      train.disabled = active;
      cancel.hidden = !active;
      loseDevice.hidden = !active;
      if (active) chart.reset(), (bar.value = 0);
    },
    progress(p) {
      status.textContent = describeProgress(p);
      status.dataset.status = p.status;
      const fraction = epochFraction(p);
      if (fraction !== null) bar.value = Math.round(fraction * 1000);
      if (p.status === 'epoch') chart.push(p.epoch, p.loss, p.metric?.value);
    },
    notice: (text) => void (status.textContent = text),
    fail(error) {
      status.replaceChildren(h('span', { class: 'error', role: 'alert' }, describeError(error)));
    },
    models: (list) => stored.replaceChildren(modelsTable(list, actions.delete)),
    recommendations(title, rows) {
      const items = rows.map((r) => h('li', {}, r.title, h('span', { class: 'score' }, ` ${r.score.toFixed(3)}`)));
      recList.replaceChildren(
        h('p', { class: 'stage', id: 'rec-source' }, title),
        h('ol', { class: 'recs' }, ...items),
      );
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
