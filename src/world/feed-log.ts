/**
 * The logged impression stream of a uniformly random policy: per session a member, a time in the
 * last day, a candidate set from the first-pass generators, and `shown` items drawn uniformly
 * without replacement from it, with click / like / comment / share outcomes drawn from the truth.
 * Each display slot is on its own a uniform draw from the candidates, as the replay estimator needs.
 */
import type { Rng } from '../data/rng.ts';
import { type FeedIndex, generateCandidates, mixCumulative } from './candidates.ts';
import { Growable } from './growable.ts';
import { Outcome } from './feed-enums.ts';
import { AFTER_CLICK, type FeedWorld, trueEngagementProb } from './feed-truth.ts';
import type { CandidateMix } from './options.ts';
import type { FeedLog } from './types.ts';

/** Sizes of the logged stream. */
export interface FeedLogOptions {
  sessions: number;
  candidatesPerSession: number;
  shownPerSession: number;
  mix: CandidateMix;
}

/** Draws the outcome bits of one impression given its true click probability. */
export function drawOutcome(rng: Rng, p: number): number {
  if (!rng.bernoulli(p)) return 0;
  let bits: number = Outcome.CLICK;
  if (rng.bernoulli(AFTER_CLICK.like)) bits |= Outcome.LIKE;
  if (rng.bernoulli(AFTER_CLICK.comment)) bits |= Outcome.COMMENT;
  if (rng.bernoulli(AFTER_CLICK.share)) bits |= Outcome.SHARE;
  return bits;
}

/** Generates the logged sessions and impressions. */
export function generateFeedLog(rng: Rng, w: FeedWorld, ix: FeedIndex, o: FeedLogOptions): FeedLog {
  const n = o.sessions;
  const cum = mixCumulative(o.mix, ix);
  const member = new Uint32Array(n),
    time = new Uint32Array(n),
    offsets = new Int32Array(n + 1);
  const cands = new Growable((c) => new Uint32Array(c), n * o.candidatesPerSession);
  const cap = n * o.shownPerSession;
  const imp = {
    session: new Growable((c) => new Uint32Array(c), cap),
    activity: new Growable((c) => new Uint32Array(c), cap),
    position: new Growable((c) => new Uint8Array(c), cap),
    outcome: new Growable((c) => new Uint8Array(c), cap),
  };
  const row: number[] = [];
  for (let s = 0; s < n; s++) {
    const m = rng.int(w.members.count);
    const t = w.now - 1 - rng.int(86400);
    member[s] = m;
    time[s] = t;
    generateCandidates(w, ix, m, o.candidatesPerSession, cum, rng, row);
    for (const a of row) cands.push(a);
    offsets[s + 1] = cands.length;
    // Partial Fisher–Yates: the first `shown` entries become a uniform sample without replacement.
    const shown = Math.min(o.shownPerSession, row.length);
    for (let p = 0; p < shown; p++) {
      const j = p + rng.int(row.length - p);
      [row[p], row[j]] = [row[j], row[p]];
      imp.session.push(s);
      imp.activity.push(row[p]);
      imp.position.push(p);
      imp.outcome.push(drawOutcome(rng, trueEngagementProb(w, m, row[p], t)));
    }
  }
  return {
    sessions: {
      count: n,
      member,
      time,
      candidates: { nRows: n, nCols: w.feed.activities.count, indptr: offsets, indices: cands.toArray() },
    },
    impressions: {
      count: imp.session.length,
      session: imp.session.toArray(),
      activity: imp.activity.toArray(),
      position: imp.position.toArray(),
      outcome: imp.outcome.toArray(),
    },
  };
}
