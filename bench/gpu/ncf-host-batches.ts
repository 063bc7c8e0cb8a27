/**
 * The mini-batches NcfModel.fit feeds its steps, rebuilt on the host with the same code, settings and
 * seed (no Node imports: the GPU bench, its PyTorch twin's inputs and the Chromium worker share it).
 */
import type { InteractionLog } from '../../src/data/index.ts';
import type { Batch } from '../../src/models/mf/batches.ts';
import type { NcfSettings } from '../../src/models/ncf/config.ts';
import { freshRunInputs } from '../../src/models/ncf/host-inputs.ts';
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
  const run = freshRunInputs(s, log);
  return {
    steps: run.batches.stepsPerEpoch,
    rowsPerEpoch: run.batches.rowsPerEpoch,
    build: (step) => {
      const batch = run.batches.batch(0, step);
      const { seed, context } = run.stepInput(batch, 0);
      return { batch, seed, context };
    },
  };
}
