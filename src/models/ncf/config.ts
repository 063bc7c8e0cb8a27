import type { TrainerName } from '../recommender.ts';
import {
  bool,
  int,
  invalid,
  list,
  oneOf,
  optional,
  plainObject,
  real,
  record,
  type Check,
  type Shape,
} from '../shared/schema.ts';

/** The four NCF architectures: He et al.'s GMF, MLP and NeuMF on id embeddings, and the seed's variant. */
export type NcfArch = 'gmf' | 'mlp' | 'neumf' | 'seed';

/**
 * Options of every NCF model; each field has a default (the architecture comes from the registry kind).
 * @example createModel('neumf', { dim: 32, epochs: 6, negatives: 4 })
 */
export type NcfConfig = {
  /** GMF / seed embedding size, and the width of the MLP's last hidden layer; 1–1024 (default 32). */
  dim?: number;
  /** MLP hidden layers above the concatenated embeddings, widest first (default [64, 32]); 1–8 layers of even widths 2–4096; the MLP embeddings are half the first. */
  layers?: number[];
  /** Passes over the positives, 1–1000 (default 8). */
  epochs?: number;
  /** Positives per mini-batch, 1–2^20 (default 1024); each brings `negatives` sampled rows. */
  batchSize?: number;
  /** Unseen items sampled per positive, 0–100 (default 4). */
  negatives?: number;
  /** Adam step size, in (0, 10] (default 0.005). */
  learningRate?: number;
  /** Multiplies the step size after each epoch, in (0, 1] (default 1: constant). */
  lrDecay?: number;
  /** L2 weight on every parameter row a batch touches, per row, in [0, 10] (default 1e-4). */
  l2?: number;
  /** Seed of the initial weights, the shuffles and the negative sampler; an integer in [−2^31, 2^32) (default 42). */
  seed?: number;
  /** Standard deviation of the initial embeddings, in [0, 10] (default 0.1). */
  initStd?: number;
  /** Seed variant: co-watch neighbours kept per course, 1–1000 (default 50). */
  neighbours?: number;
  /** Seed variant: the learner's input is their latest `window` courses by time, 0–1000; 0 = all (default 0). */
  window?: number;
  /**
   * Early stopping: hold out each user's latest training positive as a validation split, report its
   * HR@10 (50 sampled negatives) after each epoch, stop after `patience` epochs without improvement and
   * keep the best epoch's weights; 0–1000, 0 = off (default 0).
   */
  patience?: number;
  /**
   * Time context: a feature of each (learner, course) row, log(1 + watches of the course within ±this
   * many days of the moment), weighted by one learned coefficient; the learner's moment is their latest
   * watch. Captures what is watched *now* (in a leave-latest-out split, the next watch). 0–36,500; 0 = off (default).
   */
  timeWindowDays?: number;
  /**
   * Seed variant: a training row's learner input is the `window` courses watched *before* its
   * positive (as when serving the next course), not the learner's latest ones (default false).
   */
  causal?: boolean;
  /**
   * The engine that trains: `'tfjs'` (tfjs's op graph on the running backend), `'fused-cpu'` (one
   * typed-array loop per mini-batch, the same maths and Adam: same loss curve, several times faster on
   * a CPU), `'fused-webgpu'` (WGSL kernels), or `'auto'` (default): fused-cpu when the tfjs backend is
   * cpu or wasm, else tfjs. Scoring always runs on tfjs.
   */
  trainer?: 'auto' | TrainerName;
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
  trainer: 'auto',
});

/** Even integers 2–4096 (half feeds each of the MLP's two embeddings). */
const evenWidth: Check<number> = (v, path) => {
  const w = int(2, 4096)(v, path);
  if (w % 2 !== 0) throw invalid(path, 'an even integer in [2, 4096]', v);
  return w;
};

/**
 * Bounds of each option: past them a run cannot fit in a browser tab anyway (or the option is
 * meaningless). Unknown options are rejected too, so a typo (`dimm`) is never silently ignored.
 */
export const NCF_SCHEMA: Shape<NcfConfig> = {
  dim: optional(int(1, 1024)),
  layers: optional(list(evenWidth, 1, 8)),
  epochs: optional(int(1, 1000)),
  batchSize: optional(int(1, 2 ** 20)),
  negatives: optional(int(0, 100)),
  learningRate: optional(real(0, 10, true)),
  lrDecay: optional(real(0, 1, true)),
  l2: optional(real(0, 10)),
  seed: optional(int(-(2 ** 31), 2 ** 32 - 1)),
  initStd: optional(real(0, 10)),
  neighbours: optional(int(1, 1000)),
  window: optional(int(0, 1000)),
  patience: optional(int(0, 1000)),
  timeWindowDays: optional(real(0, 36_500)),
  causal: optional(bool),
  trainer: optional(oneOf<'auto' | TrainerName>(['auto', 'tfjs', 'fused-cpu', 'fused-webgpu'])),
};

/** Fills defaults; rejects unknown options and values outside {@link NCF_SCHEMA} with InvalidArgumentError. */
export function resolveNcfConfig(arch: NcfArch, config: NcfConfig | Record<string, unknown> = {}): NcfSettings {
  // A settings object (with its `arch`) may come back in: the arch is the registry kind's, not an option.
  const { arch: _arch, ...options } = plainObject(config, arch) as Record<string, unknown>;
  const checked = record(NCF_SCHEMA, ': ')(options, arch);
  const s = { ...NCF_DEFAULTS, arch } as NcfSettings;
  for (const key of Object.keys(NCF_DEFAULTS) as (keyof NcfConfig)[]) {
    if (checked[key] !== undefined) (s as Record<string, unknown>)[key] = checked[key];
  }
  s.layers = [...s.layers];
  return s;
}
