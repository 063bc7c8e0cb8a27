/**
 * Feed assembly: every FPR's top-k, the SPR over their union, then the re-ranker. Also the policies
 * the offline evaluation replays (which pick among a logged session's candidates).
 */
import { INVENTORY_NAMES } from '../../world/feed-enums.ts';
import { type CandidateMix, SEED_CANDIDATE_MIX } from '../../world/options.ts';
import type { FeedContext } from './context.ts';
import type { FeedRequest, FirstPassRanker } from './fpr/types.ts';
import { rerank, type RerankConfig, type RerankResult } from './rerank.ts';
import { featurize } from './spr/features.ts';
import { FeatureBuffer, TEMPLATE_COUNT } from './spr/groups.ts';
import type { SprModel } from './spr/model.ts';

/** The trained pipeline. */
export interface FeedPipeline {
  ctx: FeedContext;
  /** FPRs indexed by inventory code. */
  fprs: FirstPassRanker[];
  spr: SprModel;
}

/** One update of an assembled feed, with where it came from and why it sits where it does. */
export interface FeedItem {
  activity: number;
  inventory: number;
  /** Name of the FPR that supplied it. */
  source: string;
  fprScore: number;
  pctr: number;
  /** Each feature group's contribution to the SPR logit (by `FeatureGroup` code), when explained. */
  groups?: Float64Array;
  /**
   * When explained: each feature template's contribution to the logit and its value in this row (by
   * template code, see `FEATURE_TEMPLATE_NAMES`; 0 where it did not fire).
   */
  features?: { contribution: Float64Array; value: Float64Array };
  sprRank: number;
  rank: number;
  changes: string[];
}

/** Options of {@link assembleFeed}. */
export interface AssembleOptions {
  /** Candidates taken from all FPRs together (default 100), split by `mix`. */
  candidates?: number;
  /** Share of the candidates per inventory (default the seed's: network ½, jobs .2, news .15, PYMK .15). */
  mix?: Partial<CandidateMix>;
  rerank?: Partial<RerankConfig>;
  /** Also compute each item's per-group contributions (the demo's explanation). */
  explain?: boolean;
}

/** Scores `candidates` with the SPR (FPR scores from `fprScores`, or from each inventory's FPR). */
export function scoreCandidates(
  p: FeedPipeline,
  req: FeedRequest,
  candidates: ArrayLike<number>,
  fprScores?: ArrayLike<number>,
  explain = false,
): {
  pctr: Float64Array;
  fpr: Float64Array;
  groups: Float64Array[];
  features: { contribution: Float64Array; value: Float64Array }[];
} {
  const inv = p.ctx.world.feed.activities.inventory,
    buf = new FeatureBuffer(),
    mask = p.spr.mask;
  const pctr = new Float64Array(candidates.length),
    fpr = new Float64Array(candidates.length),
    groups: Float64Array[] = [],
    features: { contribution: Float64Array; value: Float64Array }[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const act = candidates[i];
    fpr[i] = fprScores ? fprScores[i] : p.fprs[inv[act]].score(req, act);
    featurize(p.ctx, req.member, act, req.time, fpr[i], mask, buf);
    pctr[i] = p.spr.predictRow(buf.idx, buf.val, 0, buf.n);
    if (!explain) continue;
    groups.push(p.spr.contributions(buf.idx, buf.val, buf.grp, 0, buf.n));
    const value = new Float64Array(TEMPLATE_COUNT);
    for (let q = 0; q < buf.n; q++) value[buf.tpl[q]] += buf.val[q];
    features.push({ contribution: p.spr.contributions(buf.idx, buf.val, buf.tpl, 0, buf.n, TEMPLATE_COUNT), value });
  }
  return { pctr, fpr, groups, features };
}

/** What one assembly did, measured as it ran (the demo's live pipeline diagram). */
export interface FeedTrace {
  /** Each first-pass ranker, in inventory order: how many candidates it was asked for and gave, and its time. */
  fprs: { name: string; inventory: string; asked: number; supplied: number; ms: number }[];
  /** Candidates in the union of the FPRs' lists (each inventory's updates are its FPR's alone). */
  candidates: number;
  /** The SPR: candidates scored, time (featurising + scoring + explaining, when asked), weights in its table. */
  spr: { scored: number; ms: number; weights: number; bits: number };
  /**
   * The re-ranker: updates whose place differs from their SPR place (`moved`), repeats of an object
   * dropped (`dropped`), how many items each rule touched (`freshness`, `actor-run`, …), its time.
   */
  rerank: { moved: number; dropped: number; rules: Record<string, number>; ms: number };
  /** Updates in the assembled feed. */
  shown: number;
  /** The whole assembly, ms. */
  ms: number;
}

/** Assembles one member's feed: all FPRs → SPR over the union → re-ranker. */
export function assembleFeed(p: FeedPipeline, req: FeedRequest, o: AssembleOptions = {}): FeedItem[] {
  return traceFeed(p, req, o).items;
}

/** {@link assembleFeed}, also returning what each stage did (counts and times measured in this run). */
export function traceFeed(
  p: FeedPipeline,
  req: FeedRequest,
  o: AssembleOptions = {},
): { items: FeedItem[]; trace: FeedTrace } {
  const t0 = performance.now();
  const union: number[] = [],
    fprScore: number[] = [],
    fprs: FeedTrace['fprs'] = [];
  const mix: Partial<CandidateMix> = o.mix ?? SEED_CANDIDATE_MIX,
    total = o.candidates ?? 100;
  for (const fpr of p.fprs) {
    if (!fpr) continue;
    const share = mix[INVENTORY_NAMES[fpr.inventory] as keyof CandidateMix] ?? 0;
    const asked = Math.round(total * share),
      tf = performance.now();
    const top = fpr.topK(req, asked);
    for (let i = 0; i < top.items.length; i++) union.push(top.items[i]), fprScore.push(top.scores[i]);
    fprs.push({
      name: fpr.name,
      inventory: INVENTORY_NAMES[fpr.inventory],
      asked,
      supplied: top.items.length,
      ms: performance.now() - tf,
    });
  }
  const ts = performance.now();
  const s = scoreCandidates(p, req, union, fprScore, o.explain);
  const tr = performance.now();
  const r: RerankResult = rerank(p.ctx, union, s.pctr, req.time, o.rerank);
  const te = performance.now();
  const at = new Map(union.map((act, i) => [act, i]));
  const inv = p.ctx.world.feed.activities.inventory;
  const rules: Record<string, number> = {};
  for (const it of r.items) for (const c of it.changes) rules[c] = (rules[c] ?? 0) + 1;
  const items = r.items.map((it) => {
    const i = at.get(it.activity) ?? 0;
    return {
      activity: it.activity,
      inventory: inv[it.activity],
      source: p.fprs[inv[it.activity]].name,
      fprScore: s.fpr[i],
      pctr: s.pctr[i],
      groups: s.groups[i],
      features: s.features[i],
      sprRank: it.sprRank,
      rank: it.rank,
      changes: it.changes,
    };
  });
  const trace: FeedTrace = {
    fprs,
    candidates: union.length,
    spr: { scored: union.length, ms: tr - ts, weights: p.spr.size, bits: p.spr.settings.bits },
    rerank: {
      moved: r.items.reduce((n, it) => n + (it.rank !== it.sprRank ? 1 : 0), 0),
      dropped: r.dropped.length,
      rules,
      ms: te - tr,
    },
    shown: items.length,
    ms: performance.now() - t0,
  };
  return { items, trace };
}

/** A policy over a logged session: returns the activity it shows first. */
export type CandidatePolicy = (req: FeedRequest, candidates: Uint32Array) => number;

const argmax = (candidates: Uint32Array, score: (act: number) => number): number => {
  let best = candidates[0],
    bestS = -Infinity;
  for (const act of candidates) {
    const s = score(act);
    if (s > bestS) [best, bestS] = [act, s];
  }
  return best;
};

/** Newest first. */
export const chronologicalPolicy =
  (ctx: FeedContext): CandidatePolicy =>
  (_req, c) =>
    argmax(c, (act) => ctx.world.feed.activities.createdAt[act]);

/** The highest FPR score across inventories (each FPR scores in [0, 1]). */
export const fprOnlyPolicy =
  (p: Pick<FeedPipeline, 'ctx' | 'fprs'>): CandidatePolicy =>
  (req, c) => {
    const inv = p.ctx.world.feed.activities.inventory;
    return argmax(c, (act) => p.fprs[inv[act]].score(req, act));
  };

/** SPR over the candidates, then the re-ranker; shows the re-ranked first item. */
export const sprRerankPolicy =
  (p: FeedPipeline, config?: Partial<RerankConfig>): CandidatePolicy =>
  (req, c) => {
    const s = scoreCandidates(p, req, c);
    return rerank(p.ctx, c, s.pctr, req.time, config).items[0].activity;
  };
