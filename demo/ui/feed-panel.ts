/**
 * The Feed tab's DOM: train form, evaluation, member picker, the live pipeline of the member's feed and
 * the explained feed (reasons in words with bars, and a legend).
 */
import type { FeedReport, FeedTiming } from '../../src/feed.ts';
import type { FeedProgress, WireFeed } from '../../src/index.ts';
import { describeError, h, onSubmit, scrollBox } from './dom.ts';
import type { Explanation } from './glossary.ts';
import { helpButton } from './help.ts';
import { feedLegend, FPR_SCORE, PCTR, REASONS } from './feed-legend.ts';
import { FEED_STAGES, feedStages } from './feed-pipeline.ts';
import { barScale, reasonsCell, rerankCell } from './feed-reasons.ts';
import { calibrationPlot, metricsTable, replayTable } from './feed-report.ts';
import { mountPipeline } from './pipeline.ts';

const LATENCY: Explanation = {
  title: 'Feed assembly time (p50, p99, mean)',
  body: 'How long the ranking worker takes to build one feed (all first-pass rankers, the second-pass ranker over their candidates, the re-ranker), timed over many random members on this device. p50 is the median: half the feeds were faster. p99: 99 in 100 were faster — the slow tail a user notices. The mean is the plain average.',
};

/** What the controller tells the panel. */
export interface FeedPanel {
  settings(): { members: number; seed: number };
  /** Shows the world a restored feed was trained on. */
  setSettings(s: { members: number; seed: number }): void;
  busy(active: boolean): void;
  /** A stored feed is being restored (training is disabled meanwhile). */
  restoring(text: string): void;
  progress(p: FeedProgress): void;
  /** Shows the evaluation; `text` says where the feed came from (default: trained just now). */
  report(r: FeedReport, text?: string): void;
  /** The stored feed vanished: says so and offers to retrain. */
  missing(text: string): void;
  members(list: { id: number; text: string }[]): void;
  member(): number;
  feed(feed: WireFeed): void;
  timing(t: FeedTiming): void;
  fail(error: unknown): void;
}

/** Handlers the controller gives the panel. */
export interface FeedPanelActions {
  train(): void;
  show(): void;
  time(): void;
}

const f = (x: number, d = 3): string => x.toFixed(d);

/** Renders the Feed tab into `root`. */
export function mountFeedPanel(root: HTMLElement, actions: FeedPanelActions): FeedPanel {
  const members = h('input', { id: 'feed-members', type: 'number', min: '500', max: '200000', value: '10000' });
  const seed = h('input', { id: 'feed-seed', type: 'number', value: '1' });
  const train = h('button', { type: 'submit', id: 'feed-train', class: 'run' }, 'Train feed');
  const status = h(
    'p',
    { class: 'stage', id: 'feed-status', 'aria-live': 'polite', 'data-status': 'idle' },
    'Not trained yet.',
  );
  const retrain = h('button', { type: 'button', id: 'feed-retrain', class: 'run', hidden: '' }, 'Retrain');
  const evaluation = h('div', { id: 'feed-eval', class: 'feed-eval' });
  const picker = h('select', { id: 'feed-member' });
  const show = h('button', { type: 'submit', id: 'feed-show', class: 'link' }, 'Show feed');
  const time = h(
    'button',
    { type: 'button', id: 'feed-time', class: 'link' },
    'Time 1,000 feeds in the ranking worker',
  );
  const timingText = h('span', {}, '');
  const timing = h('p', { class: 'stage', id: 'feed-timing' }, timingText);
  const lossHelp = helpButton('loss');
  lossHelp.hidden = true;
  const list = h('div', { id: 'feed-list' });
  const diagram = h('div', { id: 'feed-pipeline' });
  const pipeline = mountPipeline(diagram, "How this member's feed is assembled");
  pipeline.update(feedStages(null));
  pipeline.caption('Train or restore the feed, then pick a member: each box shows what it did for their feed.');
  const legend = feedLegend();
  legend.hidden = true;
  show.disabled = time.disabled = picker.disabled = true;
  // Real forms: Enter in a field trains, or shows the picked member's feed.
  const trainForm = h(
    'form',
    { class: 'form' },
    h('label', { for: 'feed-members' }, 'Members'),
    members,
    h('label', { for: 'feed-seed' }, 'Seed'),
    seed,
    train,
  );
  const memberForm = h('form', { class: 'form' }, h('label', { for: 'feed-member' }, 'Member'), picker, show, time);
  onSubmit(trainForm, actions.train);
  onSubmit(memberForm, actions.show);
  retrain.addEventListener('click', actions.train);
  picker.addEventListener('change', actions.show);
  time.addEventListener('click', actions.time);
  root.append(
    trainForm,
    h('div', { class: 'controls' }, status, lossHelp, retrain),
    evaluation,
    memberForm,
    timing,
    diagram,
    legend,
    list,
  );
  const setStatus = (text: string, state: string): void => {
    status.textContent = text;
    status.dataset.status = state;
    lossHelp.hidden = !/log-loss/.test(text);
    status.classList.toggle('error', state === 'error');
    retrain.hidden = state !== 'missing';
  };
  return {
    settings: () => ({ members: Number(members.value), seed: Number(seed.value) }),
    setSettings(s) {
      [members.value, seed.value] = [String(s.members), String(s.seed)];
    },
    busy(active) {
      train.disabled = active;
      if (active) setStatus('Generating the world and featurising the log in the training worker…', 'running');
    },
    restoring(text) {
      train.disabled = true;
      setStatus(text, 'restoring');
    },
    missing(text) {
      train.disabled = false;
      setStatus(text, 'missing');
    },
    progress(p) {
      if (p.status === 'epoch')
        setStatus(
          `SPR epoch ${p.epoch}/${p.epochs}: log-loss ${f(p.loss, 4)}, ${Math.round(p.samplesPerSec).toLocaleString()} impressions/s`,
          'running',
        );
    },
    report(r, text = 'Trained and evaluated; the ranking worker holds the SPR.') {
      train.disabled = false;
      setStatus(text, 'done');
      evaluation.replaceChildren(
        h('h3', {}, 'Second-pass ranker on held-out logs'),
        scrollBox(metricsTable(r), 'Second-pass ranker metrics'),
        h(
          'div',
          { class: 'feed-calib' },
          calibrationPlot(r),
          h(
            'p',
            { class: 'stage' },
            'O/E calibration: observed vs predicted CTR per pCTR decile (on the diagonal = calibrated). ',
            helpButton('oe'),
          ),
        ),
        h('h3', {}, 'Replay versus truth'),
        scrollBox(replayTable(r), 'Replay versus truth'),
      );
    },
    members(list) {
      picker.replaceChildren(...list.map((m) => h('option', { value: String(m.id) }, m.text)));
      show.disabled = time.disabled = picker.disabled = false;
    },
    member: () => Number(picker.value),
    feed(feed) {
      list.replaceChildren(scrollBox(feedTable(feed), 'Explained feed'));
      legend.hidden = false;
      pipeline.update(feedStages(feed.trace, feed.items.length));
      pipeline.caption(`Measured in the ranking worker while assembling the feed of ${feed.memberText}`);
    },
    timing(t) {
      timingText.textContent = `Feed assembly in the ranking worker over ${t.members} members: p50 ${f(t.p50, 2)} ms, p99 ${f(t.p99, 2)} ms, mean ${f(t.mean, 2)} ms. `;
      if (timing.childElementCount < 2) timing.append(helpButton(LATENCY));
    },
    fail(error) {
      train.disabled = false;
      setStatus(describeError(error), 'error');
    },
  };
}

function feedTable(feed: WireFeed): HTMLElement {
  const scale = barScale(feed.items);
  const rows = feed.items.map((it) =>
    h(
      'tr',
      { 'data-activity': String(it.activity) },
      h('td', {}, String(it.rank + 1)),
      h('th', { scope: 'row' }, it.text),
      h('td', { class: 'source' }, it.source),
      h('td', { class: 'fpr' }, f(it.fprScore)),
      h('td', { class: 'pctr' }, f(it.pctr)),
      h('td', { class: 'groups' }, reasonsCell(it, scale)),
      h('td', { class: 'changes' }, rerankCell(it)),
    ),
  );
  const col = (text: string, help?: Explanation): HTMLTableCellElement =>
    help ? h('th', { scope: 'col' }, `${text} `, helpButton(help)) : h('th', { scope: 'col' }, text);
  return h(
    'table',
    { class: 'results feed', id: 'feed-items', 'data-candidates': String(feed.candidates) },
    h('caption', {}, `${feed.memberText}. Assembled in ${f(feed.ms, 2)} ms from ${feed.candidates} FPR candidates.`),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        col('#'),
        col('Update'),
        col('From', FEED_STAGES.fprs),
        col('First-pass score', FPR_SCORE),
        col('pCTR', PCTR),
        col('Why', REASONS),
        col('Re-ranker', FEED_STAGES.rerank),
      ),
    ),
    h('tbody', {}, ...rows),
  );
}
