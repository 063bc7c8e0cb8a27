/** What the feed service sends over the worker boundary (plain, structured-cloneable data). */
import type { ModelInfo } from '../../store/types.ts';
import type { FitProgress, ModelState } from '../../models/recommender.ts';
import type { CalibrationBin } from './calibration.ts';
import type { SprConfig } from './spr/config.ts';
import type { ReplayVsTruth } from './evaluate.ts';
import type { FeedTrace } from './pipeline.ts';

/** The simulated world the feed runs on, and the log split (both sides rebuild it from this). */
export interface FeedWorldSpec {
  members: number;
  seed: number;
  /** Logged sessions (default members × 2). */
  sessions?: number;
  /** Share of sessions the SPR trains on (default 0.7). */
  trainShare?: number;
}

/** Options of `FeedService.train`. */
export interface FeedTrainRequest extends FeedWorldSpec {
  spr?: SprConfig;
}

/** The offline evaluation, as the demo shows it. */
export interface FeedReport {
  spr: { auc: number; logloss: number; oe: number; oe_by_inventory: Record<string, number> };
  replay: { chronological: ReplayVsTruth; fpr_only: ReplayVsTruth; spr_rerank: ReplayVsTruth };
  uniformTruth: number;
  calibration: CalibrationBin[];
  trainImpressions: number;
  testImpressions: number;
  trainSeconds: number;
}

/** What training returns: the SPR's state (to load in the ranking worker) and the evaluation. */
export interface FeedTrainResult {
  state: ModelState;
  report: FeedReport;
}

/** What restoring the stored feed returns: its world, its evaluation and when it was stored. */
export interface FeedRestoreResult {
  spec: FeedWorldSpec;
  report: FeedReport;
  stored: ModelInfo;
}

/** One feed entry, explained. */
export interface WireFeedItem {
  activity: number;
  text: string;
  inventory: string;
  source: string;
  fprScore: number;
  pctr: number;
  /** Feature groups by |contribution to the logit|, largest first. */
  topGroups: { group: string; contribution: number }[];
  /**
   * Every feature group (bias included) in `FeatureGroup` order, with its contribution to the SPR's
   * logit and the features of it that fired for this item (they sum to the group's contribution).
   */
  groups: WireGroupContribution[];
  sprRank: number;
  rank: number;
  changes: string[];
}

/** One feature group's share of an item's logit, and the features behind it. */
export interface WireGroupContribution {
  /** The seed's notation: `bias`, `X_i`, `X_t`, `X_ij`, `X_ik`, `X_ijk`, `X_io`. */
  group: string;
  contribution: number;
  /**
   * The group's features that fired, largest |contribution| first: `name` from
   * `FEATURE_TEMPLATE_NAMES`, `value` the feature's value in this row (summed over a template's
   * hashed features), `contribution` weight × value.
   */
  features: { name: string; value: number; contribution: number }[];
}

/** A member's assembled feed. */
export interface WireFeed {
  member: number;
  memberText: string;
  items: WireFeedItem[];
  /** Candidates the FPRs supplied (before dedupe / truncation). */
  candidates: number;
  /** Time to assemble in the worker, ms. */
  ms: number;
  /** What each stage did in this assembly (counts and times measured as it ran). */
  trace: FeedTrace;
}

/** Feed assembly timing in the worker. */
export interface FeedTiming {
  members: number;
  p50: number;
  p99: number;
  mean: number;
}

/** Progress of training (the SPR's own events). */
export type FeedProgress = FitProgress;
