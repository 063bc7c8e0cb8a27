import type { BaselineRow, ProtocolReport, TrainedModelRow, TrainedOn } from '../../src/courses.ts';
import type { BaselineReport } from '../../src/index.ts';
import { h } from './dom.ts';
import type { Explanation } from './glossary.ts';
import { helpButton } from './help.ts';

const METRICS: ['hr10' | 'ndcg10' | 'mrr', string][] = [
  ['hr10', 'HR@10'],
  ['ndcg10', 'NDCG@10'],
  ['mrr', 'MRR'],
];

/** What each training provenance means for the row's figures, in a learner's words. */
const TRAINED_ON: Readonly<Record<TrainedOn, { note: string; explain: Explanation }>> = {
  'all-ratings': {
    note: 'trained on all ratings, the held-out ones included: its figures are optimistic',
    explain: {
      title: 'Trained on the answers',
      body: 'The Models tab trains on the whole ratings file, so this model saw each person’s latest rating, the very rating the test hides. It is asked to find an item it already learned, which makes its figures higher than a fair test would. Use “Train on the protocol’s split” for a model that never saw the held-out ratings.',
    },
  },
  'protocol-split': {
    note: 'trained on the protocol’s training split: a fair comparison',
    explain: {
      title: 'Trained on the training split',
      body: 'This model was trained on the same ratings as the baselines, each person’s latest rating removed. It never saw the ratings the test hides, so its figures compare fairly with most-popular and item-kNN.',
    },
  },
  other: {
    note: 'trained on other or unknown data: it may have seen the held-out ratings',
    explain: {
      title: 'Training data unknown',
      body: 'This model was not trained on this ratings file or its training split by this demo (for example, it was loaded from a file), so the demo cannot tell whether it saw the ratings the test hides.',
    },
  },
};

/** The results as a table: a row per baseline and per stored model, sampled and full-ranking columns. */
export function resultsTable(report: BaselineReport | ProtocolReport): HTMLElement {
  const groups = h(
    'tr',
    {},
    h('th', { rowspan: '2', scope: 'col' }, 'Model'),
    h('th', { colspan: '3', scope: 'colgroup' }, '1 held-out + 99 sampled'),
    h('th', { colspan: '3', scope: 'colgroup' }, 'Full ranking'),
  );
  // A `?` beside every metric heading: the numbers below it are what it explains.
  const labels = h(
    'tr',
    {},
    ...[...METRICS, ...METRICS].map(([metric, label]) =>
      h('th', { scope: 'col', 'data-metric': metric }, `${label} `, helpButton(metric)),
    ),
  );
  const head = h('thead', {}, groups, labels);
  const models = 'models' in report ? report.models : [];
  const body = h(
    'tbody',
    {},
    row(h('th', { scope: 'row' }, 'Most popular'), { 'data-baseline': 'popular' }, report.popular, report.full.popular),
    row(h('th', { scope: 'row' }, 'Item-kNN'), { 'data-baseline': 'itemknn' }, report.itemknn, report.full.itemknn),
    ...models.map((m) =>
      row(modelHeader(m), { 'data-model': m.modelId, 'data-trained-on': m.trainedOn }, m.sampled, m.full),
    ),
  );
  const caption = h('caption', {}, summary(report));
  return h('table', { class: 'results', id: 'baseline-results' }, caption, head, body);
}

function row(
  header: HTMLTableCellElement,
  attrs: Record<string, string>,
  sampled: BaselineRow,
  full: BaselineRow,
): HTMLTableRowElement {
  const cells = [sampled, full].flatMap((r) => METRICS.map(([m]) => h('td', { 'data-metric': m }, r[m].toFixed(3))));
  return h('tr', attrs, header, ...cells);
}

/** "movielens-mf v3 (mf)", what it was trained on, and what of the protocol it could not rank. */
function modelHeader(m: TrainedModelRow): HTMLTableCellElement {
  const { note, explain } =
    m.trainedOn === 'all-ratings' && m.validationUsers !== null
      ? sliceNote(m.validationUsers)
      : TRAINED_ON[m.trainedOn];
  const lines: (Node | string)[] = [
    h('span', { class: 'model-name' }, `${m.modelId} v${m.version} (${m.kind})`),
    h('span', { class: 'trained-on' }, `${note} `, helpButton(explain)),
  ];
  const unknown = [
    m.unknownItems > 0 ? `${m.unknownItems.toLocaleString('en')} movies` : '',
    m.unknownUsers > 0 ? `${m.unknownUsers.toLocaleString('en')} users` : '',
  ].filter(Boolean);
  if (unknown.length > 0)
    lines.push(h('span', { class: 'unknown' }, `never saw ${unknown.join(' and ')} of the test: ranked last`));
  return h('th', { scope: 'row', class: 'trained-model' }, ...lines);
}

/** A Models-tab training: every rating but a validation slice of up to `users` users' latest ones. */
function sliceNote(users: number): { note: string; explain: Explanation } {
  return {
    note: `trained on all ratings but up to ${users} users’ latest (its validation slice): it saw the other held-out ratings, so its figures are optimistic`,
    explain: {
      title: 'Trained on most of the answers',
      body: `The Models tab trains on the whole ratings file except a validation slice: the latest rating of up to ${users} sampled users, kept aside to measure HR@10 while training. This test hides every user’s latest rating, so the model has seen the hidden rating of everyone outside that slice, which makes its figures higher than a fair test would. Use “Train on the protocol’s split” for a model that never saw any held-out rating.`,
    },
  };
}

function summary(r: BaselineReport): string {
  const n = (x: number): string => x.toLocaleString('en');
  const counts = `${n(r.users)} users · ${n(r.items)} items · ${n(r.interactions)} ratings`;
  return `${r.dataset}: ${counts} · seed ${r.seed} · ${r.seconds.toFixed(1)} s`;
}
