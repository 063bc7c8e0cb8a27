import { InvalidArgumentError } from '../../errors';

/** The four NCF architectures: He et al.'s GMF, MLP and NeuMF on id embeddings, and the seed's variant. */
export type NcfArch = 'gmf' | 'mlp' | 'neumf' | 'seed';

/**
 * Options of every NCF model; each field has a default (the architecture comes from the registry kind).
 * @example createModel('neumf', { dim: 32, epochs: 6, negatives: 4 })
 */
export type NcfConfig = {
  /** GMF / seed embedding size, and the width of the MLP's last hidden layer (default 32). */
  dim?: number;
  /** MLP hidden layers above the concatenated embeddings, widest first (default [64, 32]); the MLP embeddings are half the first. */
  layers?: number[];
  /** Passes over the positives (default 8). */
  epochs?: number;
  /** Positives per mini-batch (default 1024); each brings `negatives` sampled rows. */
  batchSize?: number;
  /** Unseen items sampled per positive (default 4). */
  negatives?: number;
  /** Adam step size (default 0.005). */
  learningRate?: number;
  /** Multiplies the step size after each epoch (default 1: constant). */
  lrDecay?: number;
  /** L2 weight on every parameter row a batch touches, per row (default 1e-4). */
  l2?: number;
  /** Seed of the initial weights, the shuffles and the negative sampler (default 42). */
  seed?: number;
  /** Standard deviation of the initial embeddings (default 0.1). */
  initStd?: number;
  /** Seed variant: co-watch neighbours kept per course (default 50). */
  neighbours?: number;
  /** Seed variant: the learner's input is their latest `window` courses by time; 0 = all (default 0). */
  window?: number;
  /**
   * Early stopping: hold out each user's latest training positive as a validation split, report its
   * HR@10 (50 sampled negatives) after each epoch, stop after `patience` epochs without improvement and
   * keep the best epoch's weights; 0 = off (default 0).
   */
  patience?: number;
  /**
   * Time context: a feature of each (learner, course) row, log(1 + watches of the course within ±this
   * many days of the moment), weighted by one learned coefficient; the learner's moment is their latest
   * watch. Captures what is watched *now* (in a leave-latest-out split, the next watch). 0 = off (default).
   */
  timeWindowDays?: number;
  /**
   * Seed variant: a training row's learner input is the `window` courses watched *before* its
   * positive (as when serving the next course), not the learner's latest ones (default false).
   */
  causal?: boolean;
};

/** A config with every default filled in (what the model stores in its state). */
export type NcfSettings = Required<NcfConfig> & { arch: NcfArch };

/** Defaults of {@link NcfConfig}. */
export const NCF_DEFAULTS: Readonly<Required<NcfConfig>> = Object.freeze({
  dim: 32,
  layers: [64, 32],
  epochs: 8,
  batchSize: 1024,
  negatives: 4,
  learningRate: 0.005,
  lrDecay: 1,
  l2: 1e-4,
  seed: 42,
  initStd: 0.1,
  neighbours: 50,
  window: 0,
  patience: 0,
  timeWindowDays: 0,
  causal: false,
});

/** Fills defaults and rejects values outside each option's domain with InvalidArgumentError. */
export function resolveNcfConfig(arch: NcfArch, config: NcfConfig | Record<string, unknown> = {}): NcfSettings {
  const s = { ...NCF_DEFAULTS, arch } as NcfSettings;
  const src = config as Record<string, unknown>;
  for (const key of Object.keys(NCF_DEFAULTS) as (keyof NcfConfig)[]) {
    if (src[key] !== undefined) (s as Record<string, unknown>)[key] = src[key];
  }
  const bad = (k: string, what: string) => new InvalidArgumentError(`${arch}: ${k} must be ${what}, got ${JSON.stringify(src[k])}`);
  const int = (k: keyof NcfConfig, min: number) => {
    const v = s[k] as number;
    if (!Number.isInteger(v) || v < min) throw bad(k, `an integer >= ${min}`);
  };
  const real = (k: keyof NcfConfig, positive: boolean) => {
    const v = s[k] as number;
    if (!Number.isFinite(v) || v < 0 || (positive && v === 0)) throw bad(k, `a finite number ${positive ? '> 0' : '>= 0'}`);
  };
  for (const k of ['dim', 'epochs', 'batchSize', 'neighbours'] as const) int(k, 1);
  for (const k of ['negatives', 'window', 'patience'] as const) int(k, 0);
  int('seed', -(2 ** 31));
  for (const k of ['learningRate', 'lrDecay'] as const) real(k, true);
  for (const k of ['l2', 'initStd', 'timeWindowDays'] as const) real(k, false);
  if (!Array.isArray(s.layers) || s.layers.length < 1 || !s.layers.every((w) => Number.isInteger(w) && w >= 2 && w % 2 === 0)) {
    throw bad('layers', 'a non-empty array of even integers >= 2');
  }
  if (typeof s.causal !== 'boolean') throw bad('causal', 'a boolean');
  s.layers = [...s.layers];
  return s;
}
