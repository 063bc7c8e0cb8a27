/**
 * The Feed tab's live pipeline: first-pass rankers → candidates → second-pass ranker → re-ranker →
 * shown, each box with the counts and times of the current member's feed as the ranking worker
 * measured them (`WireFeed.trace`), and an explanation in our own words with the paper it comes from.
 */
import type { FeedTrace } from '../../src/feed.ts';
import type { Explanation } from './glossary.ts';
import type { PipelineStage } from './pipeline.ts';

const FEED_PAPER = {
  title: 'Agarwal et al., Activity ranking in LinkedIn feed, KDD 2014',
  url: 'https://doi.org/10.1145/2623330.2623362',
};
const REPLAY_PAPER = {
  title:
    'Li, Chu, Langford, Wang, Unbiased offline evaluation of contextual-bandit-based news article recommendation algorithms, WSDM 2011',
  url: 'https://arxiv.org/abs/1003.5956',
};

/** What each box does, in our own words. */
export const FEED_STAGES: Readonly<Record<string, Explanation>> = {
  fprs: {
    title: 'First-pass rankers (FPRs)',
    body: "Each kind of update (an inventory) has its own cheap ranker that looks at everything in its inventory and passes only its best few on, so each inventory can be owned and changed on its own. Here: network — what your connections (and, at half weight, their connections) shared, liked or changed, by how recent it is and how close you are to who did it; jobs — job posts whose skills point the same way as yours, fresher first; news — articles from companies you follow and from your strongest skill areas; people you may know — members with connections in common with you. Each is asked for its share of 100 candidates (network about half, as in LinkedIn's feed). Its score lies between 0 and 1 within its own inventory.",
    source: FEED_PAPER,
  },
  candidates: {
    title: 'Candidates',
    body: "The union of every first-pass ranker's list: the only updates the later, costlier stages look at. An update missing here cannot reach the feed however good it would be, so the first pass trades a little recall for speed.",
    source: FEED_PAPER,
  },
  spr: {
    title: 'Second-pass ranker (SPR)',
    body: "One logistic-regression model scores every candidate, whatever its inventory, with the probability that you engage with it (pCTR). It can afford richer features than the first pass because it only sees the candidates: your profile, the update (type, age, popularity, the first-pass score), you × who posted it, you × the type of update, all three together, and you × its subject. Each feature is hashed into a fixed table of weights, so new feature values need no vocabulary. It is trained on this device from a log where updates were shown at random, so it learns engagement, not the old ranking's habits.",
    source: FEED_PAPER,
  },
  rerank: {
    title: 'Re-ranker',
    body: 'Rules applied after the SPR, for a feed people want to scroll: scores decay with age (halving every 30 days), a second update about the same thing is dropped, and no more than one update in a row from the same author or two in a row of one kind are shown (when nothing else is left, the rule gives way). A "move" is an update whose place differs from its place by SPR score alone.',
    source: FEED_PAPER,
  },
  shown: {
    title: 'Shown',
    body: 'The assembled feed, best first; the table below lists its top updates with where each came from, its predicted chance of engagement and why it sits there. The time is the whole assembly inside the ranking worker, explanations included. Whether feeds built this way earn more engagement than a chronological feed is estimated offline by replay (the table above): on a log where updates were shown at random, keep the moments where this pipeline would have shown the same update first, and average what members did there.',
    source: REPLAY_PAPER,
  },
};

// Without cross-origin isolation a browser's clock ticks every 0.1 ms: the quickest stages read "< 0.1 ms".
const ms = (x: number): string => (x < 0.1 ? '< 0.1 ms' : `${x.toFixed(1)} ms`);
const n = (x: number): string => x.toLocaleString('en');

/** The five boxes for one assembled feed, figures from its trace (or empty: "not run yet"). */
export function feedStages(trace: FeedTrace | null, listed = 0): PipelineStage[] {
  const t = trace;
  const ruleCount = (rule: string): number => t?.rerank.rules[rule] ?? 0;
  return [
    {
      id: 'fprs',
      title: 'First-pass rankers',
      figures: t ? t.fprs.map((f) => `${f.name}: ${n(f.supplied)} of ${n(f.asked)} in ${ms(f.ms)}`) : [],
      explain: FEED_STAGES.fprs,
    },
    {
      id: 'candidates',
      title: 'Candidates',
      figures: t ? [`${n(t.candidates)} candidates`] : [],
      explain: FEED_STAGES.candidates,
    },
    {
      id: 'spr',
      title: 'Second-pass ranker',
      figures: t
        ? [
            `${n(t.spr.scored)} scored in ${ms(t.spr.ms)}`,
            `${n(t.spr.weights)} weights (2^${t.spr.bits}, ${((t.spr.weights * 4) / 2 ** 20).toFixed(1)} MiB)`,
          ]
        : [],
      explain: FEED_STAGES.spr,
    },
    {
      id: 'rerank',
      title: 'Re-ranker',
      figures: t
        ? [
            `${n(t.rerank.moved)} moved, ${n(t.rerank.dropped)} repeats dropped`,
            `rules hit: age ${n(ruleCount('freshness'))}, same author ${n(ruleCount('actor-run'))}, same kind ${n(ruleCount('inventory-run'))}`,
            ms(t.rerank.ms),
          ]
        : [],
      explain: FEED_STAGES.rerank,
    },
    {
      id: 'shown',
      title: 'Shown',
      figures: t
        ? [
            `${n(t.shown)} updates in the feed`,
            ...(listed ? [`top ${n(listed)} listed below`] : []),
            `${ms(t.ms)} in all`,
          ]
        : [],
      explain: FEED_STAGES.shown,
    },
  ];
}
