/** The Feed tab's evaluation: SPR metrics, an O/E calibration plot (SVG) and replay versus truth. */
import type { FeedReport } from '../../src/feed.ts';
import { h } from './dom.ts';
import type { Explanation, GlossaryTerm } from './glossary.ts';
import { GLOSSARY } from './glossary.ts';
import { helpButton } from './help.ts';

/** A column header with its `?`. */
const col = (text: string, help?: GlossaryTerm | Explanation): HTMLTableCellElement =>
  help ? h('th', { scope: 'col' }, `${text} `, helpButton(help)) : h('th', { scope: 'col' }, text);

const CI: Explanation = {
  title: '95% confidence interval',
  body: 'The range that, over repeated random logs, would hold the true click rate 95 times in 100. Replay keeps only the events where the policy agrees with the random log, so fewer kept events give a wider range.',
  source: GLOSSARY.replay.source,
};
const KEPT: Explanation = {
  title: 'Events kept',
  body: 'Held-out log events where the policy would have shown the same update the random logger showed: the only ones replay can use. The rest say nothing about what the policy would have earned.',
  source: GLOSSARY.replay.source,
};
const INSIDE: Explanation = {
  title: 'Truth in CI',
  body: "Whether the simulator's exact click rate for the policy falls inside the replay estimate's 95% interval: the check that replay told the truth here.",
};

const SVG = 'http://www.w3.org/2000/svg';
const f = (x: number, d = 4): string => x.toFixed(d);

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

/** Reliability plot: observed vs predicted CTR per pCTR decile, with the diagonal of perfect O/E. */
export function calibrationPlot(report: FeedReport): SVGSVGElement {
  const size = 240,
    pad = 32,
    max = Math.max(0.05, ...report.calibration.flatMap((b) => [b.predicted, b.observed])) * 1.05;
  const x = (v: number): number => pad + (v / max) * (size - 2 * pad),
    y = (v: number): number => size - pad - (v / max) * (size - 2 * pad);
  const root = svg('svg', {
    id: 'feed-calibration',
    width: size,
    height: size,
    viewBox: `0 0 ${size} ${size}`,
    role: 'img',
    'aria-label': 'O/E calibration plot',
  });
  root.append(
    svg('line', { x1: x(0), y1: y(0), x2: x(max), y2: y(max), class: 'diag' }),
    svg('line', { x1: x(0), y1: y(0), x2: x(max), y2: y(0), class: 'axis' }),
    svg('line', { x1: x(0), y1: y(0), x2: x(0), y2: y(max), class: 'axis' }),
  );
  const label = (text: string, attrs: Record<string, string | number>): SVGTextElement =>
    Object.assign(svg('text', attrs), { textContent: text });
  root.append(
    label('predicted CTR', { x: size / 2, y: size - 6, 'text-anchor': 'middle' }),
    label('observed', { x: 4, y: pad - 10 }),
    label(f(max, 2), { x: x(max), y: y(0) + 14, 'text-anchor': 'end' }),
  );
  for (const b of report.calibration)
    root.append(svg('circle', { cx: x(b.predicted), cy: y(b.observed), r: 4, class: 'pt' }));
  return root;
}

/** The SPR's held-out AUC, log-loss and O/E, overall and per inventory. */
export function metricsTable(report: FeedReport): HTMLTableElement {
  const inv = Object.entries(report.spr.oe_by_inventory);
  return h(
    'table',
    { class: 'results', id: 'feed-metrics' },
    h(
      'caption',
      {},
      `SPR trained on ${report.trainImpressions} logged impressions in ${f(report.trainSeconds, 2)} s; measured on ${report.testImpressions} held-out impressions.`,
    ),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        col('Ranker'),
        col('AUC', 'auc'),
        col('log-loss', 'loss'),
        col('O/E', 'oe'),
        ...inv.map(([k]) => col(`O/E ${k}`, 'oe')),
      ),
    ),
    h(
      'tbody',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, 'SPR'),
        ...[report.spr.auc, report.spr.logloss, report.spr.oe, ...inv.map(([, v]) => v)].map((v) =>
          h('td', {}, f(v, 3)),
        ),
      ),
    ),
  );
}

/** Replay estimate with its 95% CI next to each policy's true CTR from the simulator. */
export function replayTable(report: FeedReport): HTMLTableElement {
  const names: Record<string, string> = {
    chronological: 'Chronological',
    fpr_only: 'FPR only',
    spr_rerank: 'SPR + re-ranker',
  };
  const rows = Object.entries(report.replay).map(([k, v]) => {
    const inside = v.truth >= v.ci[0] && v.truth <= v.ci[1];
    return h(
      'tr',
      { 'data-policy': k },
      h('th', { scope: 'row' }, names[k] ?? k),
      h('td', {}, f(v.estimate)),
      h('td', {}, `[${f(v.ci[0])}, ${f(v.ci[1])}]`),
      h('td', { class: 'truth' }, f(v.truth)),
      h('td', {}, String(v.kept)),
      h('td', { class: 'inside' }, inside ? 'yes' : 'no'),
    );
  });
  return h(
    'table',
    { class: 'results', id: 'feed-replay' },
    h(
      'caption',
      {},
      `Replay (Li et al., WSDM 2011) over the held-out uniformly random log; true CTR computed exactly by the simulator. Uniform logging policy: ${f(report.uniformTruth)}. `,
      helpButton('ctr'),
    ),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        col('Policy'),
        col('Replay CTR', 'replay'),
        col('95% CI', CI),
        col('True CTR', 'ctr'),
        col('Events kept', KEPT),
        col('Truth in CI', INSIDE),
      ),
    ),
    h('tbody', {}, ...rows),
  );
}
