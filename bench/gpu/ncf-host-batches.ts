/**
 * The mini-batches NcfModel.fit feeds its steps, rebuilt on the host with the same code, settings and
 * seed (no Node imports: the GPU bench, its PyTorch twin's inputs and the Chromium worker share it).
 */
import { userItemRows, type InteractionLog } from '../../src/data/index.ts';
import { MfBatches, type Batch } from '../../src/models/mf/batches.ts';
import type { NcfSettings } from '../../src/models/ncf/config.ts';
import { hostInputs } from '../../src/models/ncf/host-inputs.ts';
import { coWatchRows, learnerRows } from '../../src/models/ncf/inputs.ts';
import type { SeedBatch } from '../../src/models/ncf/seed-batch.ts';

/** One training step's host inputs. */
export interface HostBatch {
  batch: Batch;
  seed?: SeedBatch;
  context?: Float32Array;
}

/** An epoch plan and the builder of each step's inputs. */
export interface HostBatcher {
  steps: number;
  rowsPerEpoch: number;
  build(step: number): HostBatch;
}

/** The batches NcfModel.fit trains on for settings `s` on `log` (patience off), built by the same code. */
export function hostBatcher(s: NcfSettings, log: InteractionLog): HostBatcher {
  const rows = userItemRows(log);
  const batches = new MfBatches(rows, s.batchSize, s.negatives, s.seed);
  const seed =
    s.arch === 'seed' ? { learners: learnerRows(log, s.window), courses: coWatchRows(rows, s.neighbours) } : null;
  const host = hostInputs(s, log, rows, seed);
  return {
    steps: batches.stepsPerEpoch,
    rowsPerEpoch: batches.rowsPerEpoch,
    build: (step) => {
      const batch = batches.batch(0, step);
      return { batch, seed: host.seed?.(batch), context: host.context?.(batch) };
    },
  };
}
