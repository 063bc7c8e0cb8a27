/**
 * Offline evaluation of the feed: train the SPR on part of the uniformly random log, measure AUC,
 * log-loss and O/E on the held-out impressions, and replay three policies (chronological, FPR-only,
 * SPR + re-ranker) over the held-out log, each next to its exact true CTR from the simulator.
 */
import { replayEstimate, type LoggedEvent } from '../../eval/index.ts';
import { auc, logLoss } from '../../eval/metrics/classification.ts';
import { oeRatio, oeRatioByGroup } from '../../eval/metrics/calibration.ts';
import { csrIndices } from '../../data/index.ts';
import { INVENTORY_NAMES } from '../../world/feed-enums.ts';
import { simulatePolicyCtr, uniformPolicyCtr } from '../../world/policy.ts';
import type { World } from '../../world/types.ts';
import type { FitOptions } from '../../models/recommender.ts';
import { buildFeedContext, historyFromLog } from './context.ts';
import { buildFprs } from './fpr/index.ts';
import {
  type CandidatePolicy,
  chronologicalPolicy,
  type FeedPipeline,
  fprOnlyPolicy,
  sprRerankPolicy,
} from './pipeline.ts';
import { calibrationBins, type CalibrationBin } from './calibration.ts';
import type { SprConfig } from './spr/config.ts';
import { datasetFromLog } from './spr/dataset.ts';
import { SprModel } from './spr/model.ts';
import { splitLog, worldWithSessions } from './split.ts';

/** One policy's replay estimate next to its true CTR. */
export interface ReplayVsTruth {
  estimate: number;
  ci: [number, number];
  truth: number;
  kept: number;
}

/** What `evaluateFeed` measures. */
export interface FeedEvalReport {
  spr: { auc: number; logloss: number; oe: number; oe_by_inventory: Record<string, number> };
  replay: { chronological: ReplayVsTruth; fpr_only: ReplayVsTruth; spr_rerank: ReplayVsTruth };
  /** True CTR of the logging (uniformly random) policy on the held-out sessions. */
  uniformTruth: number;
  calibration: CalibrationBin[];
  sizes: { trainImpressions: number; testImpressions: number; testSessions: number };
  trainSeconds: number;
  pipeline: FeedPipeline;
  /** The world restricted to the held-out sessions (what the truth is computed over). */
  view: World;
}

/** Options of {@link evaluateFeed}. */
export interface FeedEvalOptions {
  /** Share of logged sessions used for training (default 0.7). */
  trainShare?: number;
  seed?: number;
  spr?: SprConfig;
  fit?: FitOptions;
}

/** Trains the pipeline on the training sessions of `w`'s log (no held-out outcome is read). */
export async function trainFeed(
  w: World,
  trainImpressions: Uint32Array,
  spr: SprConfig = {},
  fit: FitOptions = {},
): Promise<{ pipeline: FeedPipeline; seconds: number }> {
  const ctx = buildFeedContext(w, historyFromLog(w, trainImpressions));
  const fprs = buildFprs(ctx);
  const model = new SprModel(spr);
  const data = datasetFromLog(ctx, fprs, w, trainImpressions, model.settings.bits, true);
  const r = await model.fit(data, fit);
  return { pipeline: { ctx, fprs, spr: model }, seconds: r.seconds };
}

function replayAgainstTruth(view: World, policy: CandidatePolicy): ReplayVsTruth {
  const s = view.feed.log.sessions,
    imp = view.feed.log.impressions;
  const choice = new Int32Array(s.count).fill(-1);
  const choose = (i: number): number =>
    choice[i] >= 0
      ? choice[i]
      : (choice[i] = policy({ member: s.member[i], time: s.time[i] }, csrIndices(s.candidates, i)));
  const events = function* (): Generator<LoggedEvent<number>> {
    for (let e = 0; e < imp.count; e++) {
      const i = imp.session[e];
      const c = csrIndices(s.candidates, i);
      // Ids are < 2^31, so an Int32 view of the same bytes reads the same values.
      yield {
        context: i,
        candidates: new Int32Array(c.buffer, c.byteOffset, c.length),
        shown: imp.activity[e],
        reward: imp.outcome[e] !== 0 ? 1 : 0,
      };
    }
  };
  const r = replayEstimate(events(), (ev) => choose(ev.context));
  const truth = simulatePolicyCtr(view, (c) => choose(c.session));
  return { estimate: r.estimate, ci: r.ci, truth, kept: r.kept };
}

/** The whole offline evaluation on a generated world. */
export async function evaluateFeed(w: World, o: FeedEvalOptions = {}): Promise<FeedEvalReport> {
  const split = splitLog(w, o.trainShare ?? 0.7, o.seed ?? 1);
  const { pipeline, seconds } = await trainFeed(w, split.trainImpressions, o.spr, o.fit);
  const test = datasetFromLog(pipeline.ctx, pipeline.fprs, w, split.testImpressions, pipeline.spr.settings.bits);
  const p = pipeline.spr.predict(test);
  const byInv = oeRatioByGroup(test.labels, p, test.inventory);
  const view = worldWithSessions(w, split.testSessions);
  return {
    spr: {
      auc: auc(p, test.labels),
      logloss: logLoss(p, test.labels),
      oe: oeRatio(test.labels, p),
      oe_by_inventory: Object.fromEntries(
        [...byInv].sort((x, y) => x[0] - y[0]).map(([inv, g]) => [INVENTORY_NAMES[inv], g.ratio]),
      ),
    },
    replay: {
      chronological: replayAgainstTruth(view, chronologicalPolicy(pipeline.ctx)),
      fpr_only: replayAgainstTruth(view, fprOnlyPolicy(pipeline)),
      spr_rerank: replayAgainstTruth(view, sprRerankPolicy(pipeline)),
    },
    uniformTruth: uniformPolicyCtr(view),
    calibration: calibrationBins(p, test.labels, 10),
    sizes: {
      trainImpressions: split.trainImpressions.length,
      testImpressions: split.testImpressions.length,
      testSessions: split.testSessions.length,
    },
    trainSeconds: seconds,
    pipeline,
    view,
  };
}
