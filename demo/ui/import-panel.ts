/**
 * "Load a model trained elsewhere" (Models tab): a file picker, what the file was recognised as
 * (format, architecture or dimension, counts), a ranked list where the model can rank, and for
 * embeddings a vertex picker with its nearest vertices.
 */
import { h } from './dom.ts';

/** One ranked row as shown. */
export interface ImportRow {
  title: string;
  score: number;
}

/** What the controller does on the panel's events. */
export interface ImportHandlers {
  file(file: File): void;
  /** A vertex name typed or picked (embeddings only). */
  nearest(name: string): void;
}

/** The mounted panel. */
export interface ImportPanel {
  /** States: `idle`, `reading`, `ok`, `error`. Clears the report and the lists unless `keep`. */
  status(state: 'idle' | 'reading' | 'ok' | 'error', text: string, keep?: boolean): void;
  /** The recognised facts, as label → value (format, architecture, users…). */
  report(facts: [string, string][]): void;
  /** A ranked list with its caption (empty rows: hidden). */
  list(caption: string, rows: ImportRow[]): void;
  /** Shows the vertex picker, offering `names` (the first few, as suggestions). */
  vertices(names: string[]): void;
  /** The NCF architecture chosen for a PyTorch file, or undefined: infer it from the keys. */
  arch(): 'gmf' | 'mlp' | 'neumf' | undefined;
}

/** Formats the picker accepts (by extension; the content decides). */
const ACCEPT = '.safetensors,.txt,.vec,.w2v,.emb,.bin,.tsv,.avro';

/** Builds the panel inside `root`. */
export function mountImportPanel(root: HTMLElement, on: ImportHandlers): ImportPanel {
  const input = h('input', { id: 'import-file', type: 'file', accept: ACCEPT });
  // guoyang9's GMF and MLP state_dicts keep all four embeddings: the file alone cannot say which it is.
  const arch = h(
    'select',
    { id: 'import-arch' },
    ...[
      ['', 'infer from the keys'],
      ['gmf', 'GMF'],
      ['mlp', 'MLP'],
      ['neumf', 'NeuMF'],
    ].map(([value, label]) => h('option', { value }, label)),
  );
  const status = h('p', { id: 'import-status', class: 'stage', 'aria-live': 'polite', 'data-status': 'idle' });
  const facts = h('dl', { id: 'import-report', class: 'import-report' });
  const vertex = h('input', { id: 'import-vertex', list: 'import-vertex-names', autocomplete: 'off' });
  const names = h('datalist', { id: 'import-vertex-names' });
  const nearestForm = h(
    'form',
    { class: 'form', id: 'import-nearest-form', hidden: '' },
    h('label', { for: 'import-vertex' }, 'Vertex '),
    vertex,
    names,
    h('button', { type: 'submit', class: 'run', id: 'import-nearest' }, 'Nearest'),
  );
  const caption = h('p', { id: 'import-caption', class: 'caption' });
  const list = h('ol', { id: 'import-list', class: 'recs' });
  input.addEventListener('change', () => input.files?.[0] && on.file(input.files[0]));
  arch.addEventListener('change', () => input.files?.[0] && on.file(input.files[0]));
  nearestForm.noValidate = true;
  nearestForm.addEventListener('submit', (e) => {
    e.preventDefault();
    on.nearest(vertex.value.trim());
  });
  root.append(
    h(
      'section',
      { class: 'import', 'aria-labelledby': 'import-heading' },
      h('h3', { id: 'import-heading' }, 'Load a model trained elsewhere'),
      h(
        'p',
        { class: 'stage' },
        'A PyTorch NCF state_dict or a linkrec model as safetensors, word2vec (text or binary, as LINE and gensim write it), a PyTorch-BigGraph TSV, or Photon-ML GLMix Avro. Read on this device; nothing is uploaded.',
      ),
      h(
        'div',
        { class: 'form' },
        h('label', {}, 'Model file ', input),
        h('label', {}, 'PyTorch NCF architecture ', arch),
      ),
      status,
      facts,
      nearestForm,
      caption,
      list,
    ),
  );
  return {
    status(state, text, keep = false) {
      status.dataset.status = state;
      status.textContent = text;
      if (keep) return;
      facts.replaceChildren();
      caption.textContent = '';
      list.replaceChildren();
      nearestForm.hidden = true;
    },
    report(entries) {
      facts.replaceChildren(...entries.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
    },
    list(text, rows) {
      caption.textContent = text;
      list.replaceChildren(
        ...rows.map((r) =>
          h('li', {}, h('span', { class: 'title' }, r.title), ' ', h('span', { class: 'score' }, r.score.toFixed(3))),
        ),
      );
    },
    arch: () => (arch.value === 'gmf' || arch.value === 'mlp' || arch.value === 'neumf' ? arch.value : undefined),
    vertices(offered) {
      names.replaceChildren(...offered.map((n) => h('option', { value: n })));
      vertex.value = offered[0] ?? '';
      nearestForm.hidden = false;
    },
  };
}
