/** The Talent search tab's DOM: train button and status, query form, ranked candidates with reasons. */
import { h, onSubmit } from './dom.ts';

/** What the recruiter typed. */
export interface TalentForm {
  title: number;
  skills: string;
  location: number;
  minYears: number;
  text: string;
  pooling: 'mean' | 'max';
}

/** One candidate as shown. */
export interface CandidateView {
  name: string;
  score: number;
  reasons: string[];
}

const select = (id: string, options: [string, string][]): HTMLSelectElement =>
  h('select', { id }, ...options.map(([value, label]) => h('option', { value }, label)));

/** Mounts the panel; the controller wires `onTrain` / `onSearch` and feeds the view. */
export function mountTalentPanel(parent: HTMLElement, handlers: { onTrain(): void; onSearch(form: TalentForm): void }) {
  const members = h('input', {
    id: 'talent-members',
    type: 'number',
    min: '1000',
    max: '20000',
    step: '500',
    value: '4000',
    style: 'width: 6rem',
  });
  const train = h('button', { type: 'submit', class: 'run', id: 'talent-train' }, 'Build graphs and train');
  const status = h(
    'p',
    { class: 'stage', id: 'talent-status', 'aria-live': 'polite', 'data-status': 'idle' },
    'Not trained yet.',
  );
  // Shown when the stored model vanished (evicted by the browser): never a blank panel.
  const retrain = h('button', { type: 'button', class: 'run', id: 'talent-retrain', hidden: '' }, 'Retrain');
  const backend = h(
    'p',
    { class: 'stage', id: 'talent-backend', 'data-backend': '' },
    'LINE trains on WebGPU where this browser has it, else on the CPU.',
  );
  const mapBox = h('div', { class: 'chart' });
  const title = select('talent-title', [['-1', 'any title']]);
  const location = select('talent-location', [['255', 'anywhere']]);
  const skills = h('input', { id: 'talent-skills', placeholder: 'skills, comma separated', style: 'width: 14rem' });
  const years = h('input', { id: 'talent-years', type: 'number', min: '0', value: '0' });
  const text = h('input', {
    id: 'talent-text',
    placeholder: 'free text, e.g. "senior data scientist with Python in Berlin"',
    style: 'width: 24rem',
  });
  const pooling = select('talent-pooling', [
    ['mean', 'mean pooling'],
    ['max', 'max pooling'],
  ]);
  const search = h('button', { type: 'submit', class: 'run', id: 'talent-search', disabled: '' }, 'Search');
  const results = h('ol', { class: 'recs', id: 'talent-results' });
  // Real forms: Enter in a field trains, or searches (not while Search is disabled).
  const form = h(
    'form',
    { class: 'form' },
    h('label', {}, 'Title ', title),
    h('label', {}, 'Skills ', skills),
    h('label', {}, 'Location ', location),
    h('label', {}, 'Min years ', years),
    h('label', {}, 'Query ', text),
    h('label', {}, 'Pooling ', pooling),
    search,
  );
  const trainForm = h('form', { class: 'controls' }, h('label', {}, 'Members ', members), train, status, retrain);
  parent.append(trainForm, backend, mapBox, form, results);
  const read = (): TalentForm => ({
    title: Number(title.value),
    skills: skills.value,
    location: Number(location.value),
    minYears: Number(years.value) || 0,
    text: text.value,
    pooling: pooling.value === 'max' ? 'max' : 'mean',
  });
  onSubmit(trainForm, () => handlers.onTrain());
  retrain.addEventListener('click', () => handlers.onTrain());
  onSubmit(form, () => handlers.onSearch(read()));
  pooling.addEventListener('change', () => !search.disabled && handlers.onSearch(read()));
  return {
    mapBox,
    /** States: idle, restoring, training, done, missing (the stored model vanished), error. */
    setStatus(state: string, message: string) {
      status.dataset.status = state;
      status.textContent = message;
      train.disabled = members.disabled = state === 'training' || state === 'restoring';
      retrain.hidden = state !== 'missing';
      search.disabled = state !== 'done';
    },
    /** Simulated members to train on. */
    members: (): number => Math.min(20_000, Math.max(1_000, Math.round(Number(members.value)) || 4_000)),
    setMembers(n: number) {
      members.value = String(n);
    },
    /** Which path trained LINE's last graph (`data-backend`: `webgpu` or `cpu`). */
    setBackend(name: string, label: string) {
      backend.dataset.backend = name;
      backend.textContent = `LINE trained on ${label}`;
    },
    setVocab(titles: string[], locations: string[]) {
      title.replaceChildren(
        h('option', { value: '-1' }, 'any title'),
        ...titles.map((t, i) => h('option', { value: String(i) }, t)),
      );
      location.replaceChildren(
        h('option', { value: '255' }, 'anywhere'),
        ...locations.map((l, i) => h('option', { value: String(i) }, l)),
      );
    },
    showResults(items: CandidateView[], pool: string) {
      results.dataset.pooling = pool;
      results.replaceChildren(
        ...items.map((c) =>
          h(
            'li',
            { class: 'candidate' },
            h('strong', {}, c.name),
            ' ',
            h('span', { class: 'score' }, c.score.toFixed(3)),
            h('ul', { class: 'reasons' }, ...c.reasons.map((r) => h('li', {}, r))),
          ),
        ),
      );
    },
  };
}
