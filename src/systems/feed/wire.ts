/** What the feed service sends over the worker boundary (plain, structured-cloneable data). */
import type { ModelInfo } from '../../store/types.ts';
import type { FitProgress, ModelState } from '../../models/recommender.ts';
import type { CalibrationBin } from './calibration.ts';
import type { SprConfig } from './spr/config.ts';
import type { ReplayVsTruth } from './evaluate.ts';

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
  sprRank: number;
  rank: number;
  changes: string[];
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
