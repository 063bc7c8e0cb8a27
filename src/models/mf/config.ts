import { int, optional, real, record, type Shape } from '../shared/schema.ts';

/**
 * Options of the matrix-factorisation model; every field has a default.
 * @example createModel('mf', { dim: 32, epochs: 8, negatives: 4 })
 */
export type MfConfig = {
  /** Embedding size, 1–1024 (default 32). */
  dim?: number;
  /** Passes over the positives, 1–1000 (default 8). */
  epochs?: number;
  /** Positives per mini-batch; each brings `negatives` sampled rows, so a step has batchSize·(1+negatives) rows; 1–2^20 (default 1024). */
  batchSize?: number;
  /** Unseen items sampled per positive, uniformly, 0–100 (default 4). */
  negatives?: number;
  /** Adam step size, in (0, 10] (default 0.01). */
  learningRate?: number;
  /** L2 weight on the embeddings a batch touches, per row, in [0, 10] (default 1e-4). */
  l2?: number;
  /** Seed of the initial weights, the shuffles and the negative sampler; an integer in [−2^31, 2^32) (default 42). */
  seed?: number;
  /** Standard deviation of the initial embeddings, in [0, 10] (default 0.1); biases start at 0. */
  initStd?: number;
};

/** A config with every default filled in (what the model stores in its state). */
export type MfSettings = Required<MfConfig>;

/** Defaults of {@link MfConfig}. */
export const MF_DEFAULTS: Readonly<MfSettings> = Object.freeze({
  dim: 32,
  epochs: 8,
  batchSize: 1024,
  negatives: 4,
  learningRate: 0.01,
  l2: 1e-4,
  seed: 42,
  initStd: 0.1,
});

/**
 * Bounds of each option: past them a run cannot fit in a browser tab anyway (or the option is
 * meaningless). Unknown options are rejected too, so a typo (`dimm`) is never silently ignored.
 */
export const MF_SCHEMA: Shape<MfConfig> = {
  dim: optional(int(1, 1024)),
  epochs: optional(int(1, 1000)),
  batchSize: optional(int(1, 2 ** 20)),
  negatives: optional(int(0, 100)),
  learningRate: optional(real(0, 10, true)),
  l2: optional(real(0, 10)),
  seed: optional(int(-(2 ** 31), 2 ** 32 - 1)),
  initStd: optional(real(0, 10)),
};

/** Fills defaults; rejects unknown options and values outside {@link MF_SCHEMA} with InvalidArgumentError. */
export function resolveMfConfig(config: MfConfig | Record<string, unknown> = {}): MfSettings {
  const checked = record(MF_SCHEMA, ': ')(config, 'mf');
  const s = { ...MF_DEFAULTS } as MfSettings;
  for (const key of Object.keys(MF_DEFAULTS) as (keyof MfSettings)[]) {
    const v = checked[key];
    if (v !== undefined) s[key] = v;
  }
  return s;
}
