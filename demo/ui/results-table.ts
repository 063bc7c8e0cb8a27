import type { BaselineRow } from '../../src/courses.ts';
import type { BaselineReport } from '../../src/index.ts';
import { h } from './dom.ts';

const METRICS: [keyof BaselineRow, string][] = [
  ['hr10', 'HR@10'],
  ['ndcg10', 'NDCG@10'],
  ['mrr', 'MRR'],
];

/** The results as a table: one row per baseline, sampled (99 negatives) and full-ranking columns. */
export function resultsTable(report: BaselineReport): HTMLElement {
  const groups = h(
    'tr',
    {},
    h('th', { rowspan: '2', scope: 'col' }, 'Baseline'),
    h('th', { colspan: '3', scope: 'colgroup' }, '1 held-out + 99 sampled'),
    h('th', { colspan: '3', scope: 'colgroup' }, 'Full ranking'),
  );
  const labels = h('tr', {}, ...[...METRICS, ...METRICS].map(([, label]) => h('th', { scope: 'col' }, label)));
  const head = h('thead', {}, groups, labels);
  const body = h(
    'tbody',
    {},
    row('Most popular', 'popular', report.popular, report.full.popular),
    row('Item-kNN', 'itemknn', report.itemknn, report.full.itemknn),
  );
  const caption = h('caption', {}, summary(report));
  return h('table', { class: 'results', id: 'baseline-results' }, caption, head, body);
}

function row(label: string, key: string, sampled: BaselineRow, full: BaselineRow): HTMLTableRowElement {
  const cells = [sampled, full].flatMap((r) => METRICS.map(([m]) => h('td', { 'data-metric': m }, r[m].toFixed(3))));
  return h('tr', { 'data-baseline': key }, h('th', { scope: 'row' }, label), ...cells);
}

function summary(r: BaselineReport): string {
  const n = (x: number): string => x.toLocaleString('en');
  const counts = `${n(r.users)} users · ${n(r.items)} items · ${n(r.interactions)} ratings`;
  return `${r.dataset}: ${counts} · seed ${r.seed} · ${r.seconds.toFixed(1)} s`;
}
