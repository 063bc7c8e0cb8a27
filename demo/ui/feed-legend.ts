/**
 * How to read the explained feed: what each column says (which first-pass ranker supplied the update,
 * the SPR's predicted chance of engagement, why, and how the re-ranker moved it), in a few words that
 * fit a phone. Each term has its `?` for the longer story.
 */
import { h } from './dom.ts';
import type { Explanation } from './glossary.ts';
import { helpButton } from './help.ts';
import { FEED_STAGES } from './feed-pipeline.ts';

/** The first-pass score, a number the table shows. */
export const FPR_SCORE: Explanation = {
  title: 'First-pass score',
  body: "The score the update's own first-pass ranker gave it, between 0 and 1: how well it fits you within its inventory (for network updates, recency × how close you are to who posted; for jobs, how your skills match). Scores of different inventories are not comparable, which is why the second-pass ranker re-scores them all on one scale; it also uses this score as one of its features.",
  source: FEED_STAGES.fprs.source,
};

/** The predicted chance of engagement. */
export const PCTR: Explanation = {
  title: 'pCTR (predicted chance of engagement)',
  body: "The second-pass ranker's estimated probability that you click, like, comment on or share this update if it is shown: 0.12 means about 12 in 100. It is calibrated when, over many updates, the observed rate matches it (see O/E above).",
  source: FEED_STAGES.spr.source,
};

/** The reasons' bars. */
export const REASONS: Explanation = {
  title: 'Why (feature groups)',
  body: "The pCTR comes from a sum of weighted features (its logit), grouped as the LinkedIn feed paper groups them: your profile, the update, you × who posted it, you × its type, all three together, and you × its subject. Each bar is one group's share of that sum — to the right it raises the score, to the left it lowers it — drawn on one scale for the whole list. The sentence names the features behind the strongest groups. Hover a bar (a screen reader reads it out) for the group's code (X_i, X_t, X_ij, X_ik, X_ijk, X_io) and its exact value. A constant starting point (the bias: engagement is rare) is left out, as it is the same for every update.",
  source: FEED_STAGES.spr.source,
};

/** A compact legend of the feed table's columns. */
export function feedLegend(): HTMLElement {
  const entry = (term: string, text: string, help: Explanation): HTMLElement[] => [
    h('dt', {}, term, ' ', helpButton(help)),
    h('dd', {}, text),
  ];
  return h(
    'details',
    { class: 'feed-legend', id: 'feed-legend', open: '' },
    h('summary', {}, 'How to read this feed'),
    h(
      'dl',
      {},
      ...entry(
        'From',
        'which first-pass ranker supplied it: network, jobs, news or people you may know — with its first-pass score (0–1, comparable only within one ranker).',
        FEED_STAGES.fprs,
      ),
      ...entry(
        'pCTR',
        "the second-pass ranker's chance that you engage with it; the feed is sorted by it first.",
        PCTR,
      ),
      ...entry(
        'Why',
        'bars: each group of features pushing the score up (blue, right) or down (orange, left); the sentence names the strongest.',
        REASONS,
      ),
      ...entry(
        'Re-ranker',
        '"SPR #5 → #2" moved it from its place by pCTR alone to its final place, and says which rule did: age, same author or same kind in a row.',
        FEED_STAGES.rerank,
      ),
    ),
  );
}
