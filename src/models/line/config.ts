import { InvalidArgumentError } from '../../errors';

/** Which proximities LINE learns: first order, second order, or both (concatenated `[u, u′]`). */
export type LineOrder = 'first' | 'second' | 'both';

/**
 * Options of LINE (Tang et al., WWW 2015); the defaults are the reference implementation's.
 * @example new LineModel({ dim: 64, order: 'both', samples: 2_000_000 })
 */
export type LineConfig = {
  /** Dimensions per order (default 64; `'both'` gives 2 × dim). */
  dim?: number;
  /** Proximities to learn (default `'both'`). */
  order?: LineOrder;
  /** Negative samples per edge, drawn ∝ degree^0.75 (default 5). */
  negatives?: number;
  /** Edge samples per order, T (default 1,000,000). */
  samples?: number;
  /** Initial learning rate ρ₀; ρ_t = ρ₀(1 − t/T) (default 0.025). */
  learningRate?: number;
  /** Seed of the initial vectors and every sampler (default 1). */
  seed?: number;
  /** Samples between progress reports and cancellation checks (default 100,000). */
  chunk?: number;
  /**
   * CPU threads (default 1, at most 64). 1 is the deterministic single-thread loop. Above 1, the
   * samples run Hogwild on worker threads sharing the tables, as the reference's `-threads`: faster on
   * several cores, not bit-reproducible. Needs a thread pool handed to the model — Node only:
   * `new LineModel({ threads: 2 }, { pool: nodeLineThreads })` from `models/line/node-threads`.
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

function positiveInt(name: string, v: number): void {
  if (!Number.isInteger(v) || v <= 0) throw new InvalidArgumentError(`line: ${name} must be a positive integer, got ${v}`);
}

/** Fills defaults in and validates; throws InvalidArgumentError on a bad option. */
export function resolveLineConfig(config: LineConfig = {}): LineSettings {
  const s: LineSettings = { ...LINE_DEFAULTS, ...config };
  positiveInt('dim', s.dim);
  positiveInt('samples', s.samples);
  positiveInt('chunk', s.chunk);
  positiveInt('threads', s.threads);
  if (s.threads > MAX_THREADS) throw new InvalidArgumentError(`line: threads must be at most ${MAX_THREADS}, got ${s.threads}`);
  if (!Number.isInteger(s.negatives) || s.negatives < 0) throw new InvalidArgumentError(`line: negatives must be an integer >= 0, got ${s.negatives}`);
  if (!(s.learningRate > 0 && Number.isFinite(s.learningRate))) throw new InvalidArgumentError(`line: learningRate must be > 0, got ${s.learningRate}`);
  if (!['first', 'second', 'both'].includes(s.order)) throw new InvalidArgumentError(`line: order must be first, second or both, got ${String(s.order)}`);
  if (!Number.isInteger(s.seed)) throw new InvalidArgumentError(`line: seed must be an integer, got ${s.seed}`);
  return s;
}

/** The orders (1, 2) a setting trains, in order. */
export function ordersOf(order: LineOrder): (1 | 2)[] {
  return order === 'first' ? [1] : order === 'second' ? [2] : [1, 2];
}
