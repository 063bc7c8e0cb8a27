/**
 * Where an MF training run stands. Together with the seed it fixes every random draw still to come
 * (see `MfBatches`), so it is all a checkpoint needs besides the weights and Adam's slots.
 */
import { stateError } from '../shared/state-checks.ts';
import { show } from '../shared/schema.ts';
import type { Json } from '../recommender.ts';

/** The MF training position. */
export interface MfCursor {
  /** 0-based epoch in progress. */
  epoch: number;
  /** Mini-batches of that epoch already applied. */
  step: number;
  /** Row-weighted loss summed over those mini-batches (float32, read at the checkpoint). */
  lossSum: number;
  /** Training rows in those mini-batches. */
  rows: number;
  /** `positivesHash` of the log being trained on. */
  dataHash: number;
}

/** A fresh run on data with hash `dataHash`. */
export function startCursor(dataHash: number): MfCursor {
  return { epoch: 0, step: 0, lossSum: 0, rows: 0, dataHash };
}

/**
 * The public `TrainingCursor` (as JSON for `meta.cursor`): `extra` names the sampler's position — the random streams of step s
 * of epoch e are `new Rng(seed).fork('neg:e:s')` and `fork('shuffle:e')` — plus Adam's step count.
 */
export function toTrainingCursor(
  c: MfCursor,
  seed: number,
  adamStep: number,
): { epoch: number; step: number; extra: { [key: string]: Json } } {
  return {
    epoch: c.epoch,
    step: c.step,
    extra: {
      seed,
      sampler: 'rng-fork(seed, epoch, step)',
      adamStep,
      lossSum: c.lossSum,
      rows: c.rows,
      dataHash: c.dataHash,
    },
  };
}

/** Parses `meta.cursor` of an MF (or NCF: `kind`) state; throws StateFormatError naming `meta.cursor` when malformed. */
export function fromTrainingCursor(json: Json | undefined, kind = 'mf'): { cursor: MfCursor; adamStep: number } {
  const c = json as { epoch?: unknown; step?: unknown; extra?: Record<string, unknown> } | null;
  const x = c?.extra;
  const num = (v: unknown, int: boolean) =>
    typeof v === 'number' && Number.isFinite(v) && (!int || (Number.isInteger(v) && v >= 0));
  const ok =
    c &&
    x &&
    num(c.epoch, true) &&
    num(c.step, true) &&
    num(x.adamStep, true) &&
    num(x.lossSum, false) &&
    num(x.rows, true) &&
    num(x.dataHash, true);
  if (!ok) throw stateError(kind, 'meta.cursor', `malformed training cursor ${show(json)}`);
  const v = (k: string) => x[k] as number;
  return {
    cursor: {
      epoch: c.epoch as number,
      step: c.step as number,
      lossSum: v('lossSum'),
      rows: v('rows'),
      dataHash: v('dataHash'),
    },
    adamStep: v('adamStep'),
  };
}
