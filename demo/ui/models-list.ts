import type { ModelInfo } from '../../src/index.ts';
import { h, scrollBox } from './dom.ts';

/**
 * Renders the stored models (finished ones and checkpoints, one row each) as a table with a Delete
 * button each; `onDelete(id)` deletes the id's model and checkpoint; `dataset(m)` names its data.
 */
export function modelsTable(
  models: ModelInfo[],
  onDelete: (id: string) => void,
  dataset: (m: ModelInfo) => string,
): HTMLElement {
  if (models.length === 0)
    return h('p', { class: 'placeholder', id: 'no-models' }, 'No model is stored on this device yet.');
  const head = h(
    'tr',
    {},
    ...['model', 'kind', 'version', 'data', 'parameters', 'size', 'state', 'saved', 'action'].map((t) =>
      h('th', { scope: 'col' }, t),
    ),
  );
  const rows = models.map((m) => {
    const state = m.checkpoint ? 'checkpoint' : 'finished';
    const del = h(
      'button',
      { type: 'button', class: 'link', 'data-delete': m.id, 'aria-label': `Delete ${m.id} (${state})` },
      'Delete',
    );
    del.addEventListener('click', () => onDelete(m.id));
    return h(
      'tr',
      { 'data-model': m.id, 'data-state': state, 'data-version': String(m.version) },
      h('th', { scope: 'row' }, m.id),
      h('td', {}, m.kind),
      h('td', {}, String(m.version)),
      h('td', {}, dataset(m)),
      h('td', {}, m.params.toLocaleString('en')),
      h('td', {}, formatBytes(m.bytes)),
      h(
        'td',
        { class: 'state' },
        m.checkpoint
          ? `checkpoint (training in progress or interrupted): epoch ${m.checkpoint.epoch + 1}, step ${m.checkpoint.step}`
          : 'trained',
      ),
      h('td', {}, new Date(m.updatedAt).toLocaleString()),
      h('td', {}, del),
    );
  });
  return scrollBox(
    h('table', { class: 'results models', id: 'models-table' }, h('thead', {}, head), h('tbody', {}, ...rows)),
    'Models stored on this device',
  );
}

/** "1.2 MB" */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}
