/**
 * What a training step needs from the host besides the batch itself: the seed variant's sparse inputs
 * (the learner's latest courses, or with `causal` those watched before each positive) and the time
 * context's feature. One builder, so NcfModel.fit and the GPU bench's PyTorch twin feed the same rows.
 */
import { userItemRows, type InteractionLog, type SparseRows } from '../../data/index.ts';
import { MfBatches, type Batch } from '../mf/batches.ts';
import type { NcfSettings } from './config.ts';
import { coWatchRows, learnerRows } from './inputs.ts';
import type { NcfStepInput } from './stepper.ts';
import { positiveWindows } from './windows.ts';
import { causalSeedBatch, seedBatch, type SeedBatch } from './seed-batch.ts';
import { batchFeature, buildTimeline, type Timeline } from './timeline.ts';

/** Per-batch host builders, and the timeline the time context scores with afterwards. */
export interface HostInputs {
  seed?: (b: Batch) => SeedBatch;
  context?: (b: Batch) => Float32Array;
  timeline: Timeline | null;
}

/**
 * The builders for `s` on `trainLog` (`rows`: its distinct positives); `seed` holds the seed variant's
 * learner and course rows (null for id architectures).
 */
export function hostInputs(
  s: NcfSettings,
  trainLog: InteractionLog,
  rows: SparseRows,
  seed: { learners: SparseRows; courses: Required<SparseRows> } | null,
): HostInputs {
  const out: HostInputs = { timeline: null };
  if (seed && s.causal) {
    const windows = positiveWindows(trainLog, rows, s.window);
    out.seed = (b) => causalSeedBatch(b.positive, b.items, windows, seed.courses);
  } else if (seed) {
    out.seed = (b) => seedBatch(b.users, b.items, seed.learners, seed.courses);
  }
  if (s.timeWindowDays > 0) {
    const { timeline, positiveDay } = buildTimeline(trainLog, rows);
    out.timeline = timeline;
    out.context = (b) =>
      batchFeature(
        timeline,
        b.items,
        Float32Array.from(b.positive, (p) => positiveDay[p]),
        b.labels,
        s.timeWindowDays,
      );
  }
  return out;
}

/** A fresh run's batches and each step's engine input, as `NcfModel.fit` builds them (patience off). */
export interface FreshRunInputs {
  nUsers: number;
  nItems: number;
  batches: MfBatches;
  /** Batch `b` of epoch `epoch` with its host inputs and the epoch's decayed step size. */
  stepInput(b: Batch, epoch: number): NcfStepInput;
}

/**
 * What a fresh `NcfModel.fit` of `s` on `log` feeds its engine, built by the same code: the engine
 * checks and the speed benches drive engines directly with it.
 */
export function freshRunInputs(s: NcfSettings, log: InteractionLog): FreshRunInputs {
  const rows = userItemRows(log);
  const seed =
    s.arch === 'seed' ? { learners: learnerRows(log, s.window), courses: coWatchRows(rows, s.neighbours) } : null;
  const host = hostInputs(s, log, rows, seed);
  return {
    nUsers: log.userIds.size,
    nItems: log.itemIds.size,
    batches: new MfBatches(rows, s.batchSize, s.negatives, s.seed),
    stepInput: (b, epoch) => ({
      ...b,
      seed: host.seed?.(b),
      context: host.context?.(b),
      learningRate: s.learningRate * s.lrDecay ** epoch,
    }),
  };
}
