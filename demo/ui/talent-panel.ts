/**
 * The Talent search tab's DOM: train button and status, query form, how the query was read, ranked
 * candidates with P(accept), cosine and reasons, and the live pipeline diagram.
 */
import type { TalentQueryReading } from '../../src/talent.ts';
import { h, onSubmit } from './dom.ts';
import { GLOSSARY, type Explanation } from './glossary.ts';
import { helpButton } from './help.ts';
import { mountPipeline } from './pipeline.ts';
import { renderReading } from './talent-echo.ts';
import { TALENT_STAGES } from './talent-pipeline.ts';

/** The search the tab starts with: the example a new user would try first. */
export const EXAMPLE_QUERY = 'senior data scientist with Python in Berlin';

/** What the recruiter typed. */
export interface TalentForm {
  title: number;
  skills: string;
  location: number;
  minYears: number;
  text: string;
  pooling: 'mean' | 'max';
}

/** A member not in the trained world, described by the entities typed in (comma separated). */
export interface NewMemberForm {
  titles: string[];
  companies: string[];
  skills: string[];
  /** City, when typed. */
  location?: string;
  yearsExperience: number;
}

/** Where a new member lands for the current search, as shown. */
export interface NewMemberView {
  /** One line: the rank (or "not in the top …"), the score and the search it was ranked for. */
  summary: string;
  reasons: string[];
  /** Names the model does not know, by kind ("skill: cobol"). */
  unknown: string[];
}

/** One candidate as shown. */
export interface CandidateView {
  name: string;
  /** Estimated P(accept), 0–1. */
  pAccept: number;
  /** Cosine of the query's and member's two-tower vectors. */
  cosine: number;
  reasons: string[];
}

/** P(accept) as this tab computes it (the glossary's entry, plus where the number comes from). */
const P_ACCEPT: Explanation = {
  ...GLOSSARY.pAccept,
  body: `${GLOSSARY.pAccept.body} Here it is the sigmoid of the ranking's final logit: a logistic regression, fitted with log-loss on logged InMails held out from the two-tower's training and labelled "relevant and accepted", combining the exact matches, the LINE similarities and the two-tower score. Its sigmoid is that model's own probability estimate (no further calibration step); it was fitted on the kind of members recruiters chose to contact, so for others it is an extrapolation. Most InMails are not accepted, so small percentages are normal: compare members with each other.`,
};
/** Cosine as this tab shows it. */
const COSINE: Explanation = {
  ...GLOSSARY.cosine,
  body: `${GLOSSARY.cosine.body} Here: between the query tower's vector for your search and the member tower's vector for this member. The two-tower score scales and shifts this cosine; the ranking combines it with the exact matches.`,
};

/** A probability as a percentage, one decimal below 10 %. */
export const percent = (p: number): string => `${(100 * p).toFixed(p < 0.1 ? 1 : 0)}%`;

const select = (id: string, options: [string, string][]): HTMLSelectElement =>
  h('select', { id }, ...options.map(([value, label]) => h('option', { value }, label)));

/** Mounts the panel; the controller wires `onTrain` / `onSearch` and feeds the view. */
export function mountTalentPanel(
  parent: HTMLElement,
  handlers: {
    onTrain(): void;
    onSearch(form: TalentForm): void;
    onRankNew(member: NewMemberForm, form: TalentForm): void;
  },
) {
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
    value: EXAMPLE_QUERY,
    placeholder: 'free text: title, skills, city, seniority',
    style: 'width: 24rem',
  });
  const pooling = select('talent-pooling', [
    ['mean', 'mean pooling'],
    ['max', 'max pooling'],
  ]);
  const search = h('button', { type: 'submit', class: 'run', id: 'talent-search', disabled: '' }, 'Search');
  const results = h('ol', { class: 'recs', id: 'talent-results' });
  const echo = h('ul', { class: 'echo', id: 'talent-echo', 'aria-labelledby': 'talent-echo-heading' });
  const echoBox = h(
    'section',
    { class: 'echo-box', hidden: '' },
    h('h3', { id: 'talent-echo-heading' }, 'Your search, as the model read it'),
    echo,
  );
  const pipelineBox = h('div', { id: 'talent-pipeline' });
  // "Rank a new member": someone the model never saw, pooled from the entities typed in.
  const entities = (id: string, label: string, hint: string) => {
    const input = h('input', { id, placeholder: hint, autocomplete: 'off' });
    return { input, label: h('label', {}, `${label} `, input) };
  };
  const newTitles = entities('talent-new-titles', 'Titles', 'e.g. data scientist');
  const newCompanies = entities('talent-new-companies', 'Companies', 'comma separated');
  const newSkills = entities('talent-new-skills', 'Skills', 'e.g. python, sql');
  const newCity = entities('talent-new-location', 'City', 'optional');
  const newYears = h('input', { id: 'talent-new-years', type: 'number', min: '0', max: '60', value: '5' });
  const rankNew = h(
    'button',
    { type: 'submit', class: 'run', id: 'talent-new-rank', disabled: '' },
    'Rank this member',
  );
  const newStatus = h('p', { class: 'stage', id: 'talent-new-status', 'aria-live': 'polite', 'data-status': 'idle' });
  const newReasons = h('ul', { class: 'reasons', id: 'talent-new-reasons' });
  const newUnknown = h('p', { class: 'stage', id: 'talent-new-unknown' });
  const newForm = h(
    'form',
    { class: 'form new-member', 'aria-labelledby': 'talent-new-heading' },
    newTitles.label,
    newCompanies.label,
    newSkills.label,
    newCity.label,
    h('label', {}, 'Years ', newYears),
    rankNew,
  );
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
  parent.append(
    trainForm,
    backend,
    mapBox,
    form,
    echoBox,
    results,
    h('h3', {}, 'How it works, for this search'),
    pipelineBox,
    h('h3', { id: 'talent-new-heading' }, 'Rank a new member'),
    h(
      'p',
      { class: 'stage' },
      'Someone the model never saw: their titles, companies and skills are pooled into a member vector and ranked against the search above.',
    ),
    newForm,
    newStatus,
    newReasons,
    newUnknown,
  );
  const list = (input: HTMLInputElement) =>
    input.value
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
  const readNew = (): NewMemberForm => ({
    titles: list(newTitles.input),
    companies: list(newCompanies.input),
    skills: list(newSkills.input),
    ...(newCity.input.value.trim() ? { location: newCity.input.value.trim() } : {}),
    yearsExperience: Math.min(60, Math.max(0, Math.round(Number(newYears.value)) || 0)),
  });
  const read = (): TalentForm => ({
    title: Number(title.value),
    skills: skills.value,
    location: Number(location.value),
    minYears: Number(years.value) || 0,
    text: text.value,
    pooling: pooling.value === 'max' ? 'max' : 'mean',
  });
  const pipeline = mountPipeline(pipelineBox, 'Talent search pipeline');
  pipeline.update(
    Object.entries(TALENT_STAGES).map(([id, explain]) => ({ id, title: explain.title, figures: [], explain })),
  );
  pipeline.caption('Figures appear after the first search.');
  onSubmit(trainForm, () => handlers.onTrain());
  retrain.addEventListener('click', () => handlers.onTrain());
  onSubmit(form, () => handlers.onSearch(read()));
  pooling.addEventListener('change', () => !search.disabled && handlers.onSearch(read()));
  onSubmit(newForm, () => !rankNew.disabled && handlers.onRankNew(readNew(), read()));
  return {
    mapBox,
    /** The live pipeline diagram (the controller updates it per search). */
    pipeline,
    /** Shows how the search was read. */
    setReading(r: TalentQueryReading) {
      renderReading(echo, r);
      echoBox.hidden = false;
    },
    /** States: idle, restoring, training, done, missing (the stored model vanished), error. */
    setStatus(state: string, message: string) {
      status.dataset.status = state;
      status.textContent = message;
      train.disabled = members.disabled = state === 'training' || state === 'restoring';
      retrain.hidden = state !== 'missing';
      search.disabled = rankNew.disabled = state !== 'done';
    },
    /** The new member's entities as typed now. */
    newMember: readNew,
    /** The search form as it is now. */
    form: read,
    /** States: idle, ranking, done, error; `view` replaces whatever was shown. */
    setNewMember(state: 'idle' | 'ranking' | 'done' | 'error', message: string, view?: NewMemberView) {
      newStatus.dataset.status = state;
      newStatus.textContent = view ? view.summary : message;
      newReasons.replaceChildren(...(view?.reasons ?? []).map((r) => h('li', {}, r)));
      newUnknown.textContent = view?.unknown.length
        ? `Not known to this model, left out: ${view.unknown.join(', ')}.`
        : '';
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
            h(
              'span',
              { class: 'score' },
              h('span', { class: 'p-accept', 'data-p': String(c.pAccept) }, `P(accept) ${percent(c.pAccept)}`),
              helpButton(P_ACCEPT),
              ` · cosine ${c.cosine.toFixed(2)}`,
              helpButton(COSINE),
            ),
            h('ul', { class: 'reasons' }, ...c.reasons.map((r) => h('li', {}, r))),
          ),
        ),
      );
    },
  };
}
