/**
 * What a training step needs from the host besides the batch itself: the seed variant's sparse inputs
 * (the learner's latest courses, or with `causal` those watched before each positive) and the time
 * context's feature. One builder, so NcfModel.fit and the GPU bench's PyTorch twin feed the same rows.
 */
import type { InteractionLog, SparseRows } from '../../data/index.ts';
import type { Batch } from '../mf/batches.ts';
import type { NcfSettings } from './config.ts';
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
