/**
 * Pieces shared by the ranking protocols: options and result types, the running metric sums, progress
 * throttling and cancellation.
 */
import { AbortError, InvalidArgumentError } from '../../errors.ts';
import { hitRateAt, ndcgAt, reciprocalRank, type TieBreak } from '../metrics/ranking.ts';
import { assertPositiveInt } from '../validate.ts';

/** Progress of an evaluation: `done` of `total` held-out rows scored. */
export interface EvalProgress {
  done: number;
  total: number;
}

/** Options every ranking protocol accepts. */
export interface RankingEvalCommon {
  /** Cut-offs for HR@k and NDCG@k; default `[1, 5, 10]`. */
  ks?: readonly number[];
  /** Tie handling, see {@link TieBreak}; default `'pessimistic'`. */
  ties?: TieBreak;
  /** Called at most ~100 times, and always once at the end. */
  onProgress?: (progress: EvalProgress) => void;
  /** Aborting rejects the evaluation with `AbortError`. */
  signal?: AbortSignal;
}

/** Means over the held-out rows (one row per user in leave-one-out). */
export interface RankingResult {
  /** Hit rate at each k (fraction of rows whose target ranked inside the top k). */
  hr: Record<number, number>;
  /** NDCG at each k. */
  ndcg: Record<number, number>;
  /** Mean reciprocal rank (no cut-off). */
  mrr: number;
  /** Number of held-out rows evaluated. */
  users: number;
}

/** The default cut-offs: HR@10 / NDCG@10 is what NCF reports; 1 and 5 are cheap extras. */
export const DEFAULT_KS: readonly number[] = [1, 5, 10];

/** Validated, de-duplicated cut-offs in the caller's order. */
export function normaliseKs(ks: readonly number[] = DEFAULT_KS): number[] {
  if (ks.length === 0) throw new InvalidArgumentError('ks: empty');
  for (const k of ks) assertPositiveInt(k, 'ks');
  return [...new Set(ks)];
}

/** Running sums of HR, NDCG and reciprocal rank, added in row order so results are reproducible. */
export class RankAccumulator {
  private readonly hr: number[];
  private readonly ndcg: number[];
  private rr = 0;
  private n = 0;

  constructor(private readonly ks: readonly number[]) {
    this.hr = ks.map(() => 0);
    this.ndcg = ks.map(() => 0);
  }

  add(rank: number): void {
    this.ks.forEach((k, i) => {
      this.hr[i] += hitRateAt(rank, k);
      this.ndcg[i] += ndcgAt(rank, k);
    });
    this.rr += reciprocalRank(rank);
    this.n++;
  }

  result(): RankingResult {
    return {
      hr: perK(this.ks, this.hr, this.n),
      ndcg: perK(this.ks, this.ndcg, this.n),
      mrr: this.rr / this.n,
      users: this.n,
    };
  }
}

/** `{ k: sum / n }` for each cut-off. */
export function perK(ks: readonly number[], sums: readonly number[], n: number): Record<number, number> {
  const out: Record<number, number> = {};
  ks.forEach((k, i) => (out[k] = sums[i] / n));
  return out;
}

/** Throws `AbortError` if the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortError();
}

/** Reports progress about every 1% of rows, and always at the end. */
export function progressReporter(total: number, onProgress?: (p: EvalProgress) => void): (done: number) => void {
  const step = Math.max(1, Math.ceil(total / 100));
  return (done) => {
    if (onProgress && (done % step === 0 || done === total)) onProgress({ done, total });
  };
}

/**
 * Returns a function that yields to the event loop when ~20 ms have passed since the last yield, so a
 * synchronous scorer cannot starve the abort signal (or a UI) for the whole evaluation.
 */
export function cooperativeYielder(): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < 20) return;
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    last = performance.now();
  };
}
