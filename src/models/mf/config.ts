import { InvalidArgumentError } from '../../errors';

/**
 * Options of the matrix-factorisation model; every field has a default.
 * @example createModel('mf', { dim: 32, epochs: 8, negatives: 4 })
 */
export type MfConfig = {
  /** Embedding size (default 32). */
  dim?: number;
  /** Passes over the positives (default 8). */
  epochs?: number;
  /** Positives per mini-batch; each brings `negatives` sampled rows, so a step has batchSize·(1+negatives) rows (default 1024). */
  batchSize?: number;
  /** Unseen items sampled per positive, uniformly (default 4). */
  negatives?: number;
  /** Adam step size (default 0.01). */
  learningRate?: number;
  /** L2 weight on the embeddings a batch touches, per row (default 1e-4). */
  l2?: number;
  /** Seed of the initial weights, the shuffles and the negative sampler (default 42). */
  seed?: number;
  /** Standard deviation of the initial embeddings (default 0.1); biases start at 0. */
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

/** Fills defaults and rejects values outside each option's domain with InvalidArgumentError. */
export function resolveMfConfig(config: MfConfig | Record<string, unknown> = {}): MfSettings {
  const s = { ...MF_DEFAULTS } as MfSettings;
  for (const key of Object.keys(MF_DEFAULTS) as (keyof MfSettings)[]) {
    const v = (config as Record<string, unknown>)[key];
    if (v !== undefined) s[key] = v as number;
  }
  const int = (k: keyof MfSettings, min: number) => {
    if (!Number.isInteger(s[k]) || s[k] < min) throw new InvalidArgumentError(`mf: ${k} must be an integer >= ${min}, got ${s[k]}`);
  };
  const real = (k: keyof MfSettings, positive: boolean) => {
    if (!Number.isFinite(s[k]) || s[k] < 0 || (positive && s[k] === 0)) {
      throw new InvalidArgumentError(`mf: ${k} must be a finite number ${positive ? '> 0' : '>= 0'}, got ${s[k]}`);
    }
  };
  int('dim', 1);
  int('epochs', 1);
  int('batchSize', 1);
  int('negatives', 0);
  int('seed', -(2 ** 31));
  real('learningRate', true);
  real('l2', false);
  real('initStd', false);
  return s;
}
