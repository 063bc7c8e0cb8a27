import { int, oneOf, optional, real, record, type Shape } from '../shared/schema.ts';

/** Which proximities LINE learns: first order, second order, or both (concatenated `[u, u′]`). */
export type LineOrder = 'first' | 'second' | 'both';

/**
 * Options of LINE (Tang et al., WWW 2015); the defaults are the reference implementation's.
 * @example new LineModel({ dim: 64, order: 'both', samples: 2_000_000 })
 */
export type LineConfig = {
  /** Dimensions per order, 1–1024 (default 64; `'both'` gives 2 × dim). */
  dim?: number;
  /** Proximities to learn (default `'both'`). */
  order?: LineOrder;
  /** Negative samples per edge, drawn ∝ degree^0.75; 0–100 (default 5). */
  negatives?: number;
  /** Edge samples per order, T; 1–1e10 (default 1,000,000). */
  samples?: number;
  /** Initial learning rate ρ₀, in (0, 10]; ρ_t = ρ₀(1 − t/T) (default 0.025). */
  learningRate?: number;
  /** Seed of the initial vectors and every sampler; an integer in [−2^31, 2^32) (default 1). */
  seed?: number;
  /** Samples between progress reports and cancellation checks, 1–1e9 (default 100,000). */
  chunk?: number;
  /**
   * CPU threads (default 1, at most 64). 1 is the deterministic single-thread loop. Above 1, the
   * samples run Hogwild on worker threads sharing the tables, as the reference's `-threads`: faster on
   * several cores, not bit-reproducible. Needs a thread pool handed to the model — Node:
   * `new LineModel({ threads: 2 }, { pool: nodeLineThreads })` from `models/line/node-threads`;
   * a browser: `{ pool: browserLineThreads(makeWorker) }` from `models/line/browser-threads` (shards on
   * workers with their own copies, merged every round: no shared memory needed).
   */
  threads?: number;
};

/** A config with every default filled in. */
export type LineSettings = Required<LineConfig>;

/** Defaults of {@link LineConfig}. */
export const LINE_DEFAULTS: Readonly<LineSettings> = Object.freeze({
  dim: 64,
  order: 'both',
  negatives: 5,
  samples: 1_000_000,
  learningRate: 0.025,
  seed: 1,
  chunk: 100_000,
  threads: 1,
});

/** Upper bound of {@link LineConfig.threads}. */
export const MAX_THREADS = 64;

/**
 * Bounds of each option (past them the tables or the run do not fit a browser tab). Unknown options
 * are rejected too, so a typo is never silently ignored.
 */
export const LINE_SCHEMA: Shape<LineConfig> = {
  dim: optional(int(1, 1024)),
  order: optional(oneOf<LineOrder>(['first', 'second', 'both'])),
  negatives: optional(int(0, 100)),
  samples: optional(int(1, 1e10)),
  learningRate: optional(real(0, 10, true)),
  seed: optional(int(-(2 ** 31), 2 ** 32 - 1)),
  chunk: optional(int(1, 1e9)),
  threads: optional(int(1, MAX_THREADS)),
};

/** Fills defaults in; rejects unknown options and values outside {@link LINE_SCHEMA} with InvalidArgumentError. */
export function resolveLineConfig(config: LineConfig = {}): LineSettings {
  const checked = record(LINE_SCHEMA, ': ')(config, 'line');
  const s = { ...LINE_DEFAULTS } as Record<string, unknown>;
  for (const k of Object.keys(LINE_DEFAULTS))
    if ((checked as Record<string, unknown>)[k] !== undefined) s[k] = (checked as Record<string, unknown>)[k];
  return s as LineSettings;
}

/** The orders (1, 2) a setting trains, in order. */
export function ordersOf(order: LineOrder): (1 | 2)[] {
  return order === 'first' ? [1] : order === 'second' ? [2] : [1, 2];
}
