/**
 * LINE on several browser workers without shared memory (a page that is not cross-origin isolated has
 * no SharedArrayBuffer): local SGD with periodic merges. Each round splits the next `syncEvery` samples
 * of the schedule into one contiguous slice per worker (so ρ_t follows the global progress); every
 * worker trains its slice on its own copy of the vectors, and the copies are merged by summing their
 * changes, `v ← v + Σ_w (v_w − v)` — what Hogwild applies, with staleness bounded by one round instead
 * of the memory system's. Rows each worker touched rarely (most rows of a sparse graph) get exactly the
 * single-thread step; a mean instead would shrink those by 1/W.
 *
 * Cost per round: each worker receives and returns the vectors (transferred, not cloned twice):
 * `2 × n × dim` floats per order; `syncEvery` sets the trade between that and staleness.
 */
import { transfer, wrap } from 'comlink';
import { InvalidArgumentError } from '../../errors.ts';
import { kernelJob, type SgdJob } from './sgd.ts';
import type { LineShard, ShardTables } from './shard.ts';
import type { LineTables } from './tables.ts';
import type { LineThreadPool, LineThreadPoolFactory } from './threads.ts';

/** Options of {@link browserLineThreads}. */
export interface BrowserLineThreadsOptions {
  /**
   * Samples per round across all workers (default 20,000 per worker): fewer means fresher copies and
   * more copying.
   */
  syncEvery?: number;
}

/** What a pool's last runs did, for benchmarks: rounds merged and the loop the workers ran. */
export interface BrowserLinePoolStats {
  rounds: number;
  kernel: 'wasm' | 'js' | null;
}

/**
 * A thread-pool factory for {@link LineModel}'s `runtime.pool` that runs on dedicated workers made by
 * `makeWorker` (each serving `serveLineShard()` from `shard.ts`), merging their copies every
 * `syncEvery` samples. Works on any page; not bit-reproducible (as any `threads > 1`).
 * @example
 * ```ts
 * const pool = browserLineThreads(
 *   () => new Worker(new URL('./line-shard.worker.ts', import.meta.url), { type: 'module' }),
 * );
 * const model = new LineModel({ threads: navigator.hardwareConcurrency }, { pool });
 * ```
 */
export function browserLineThreads(
  makeWorker: () => Worker,
  options: BrowserLineThreadsOptions = {},
): LineThreadPoolFactory & { stats: BrowserLinePoolStats } {
  const stats: BrowserLinePoolStats = { rounds: 0, kernel: null };
  const factory = (threads: number): LineThreadPool => {
    if (!Number.isInteger(threads) || threads < 1)
      throw new InvalidArgumentError(`line: threads must be a positive integer, got ${threads}`);
    const syncEvery = options.syncEvery ?? 20_000 * threads;
    if (!Number.isInteger(syncEvery) || syncEvery < threads)
      throw new InvalidArgumentError(`line: syncEvery must be an integer ≥ threads, got ${syncEvery}`);
    const workers = Array.from({ length: threads }, () => makeWorker());
    const shards = workers.map((w) => wrap<LineShard>(w));
    const keys = new WeakMap<LineTables, number>();
    let nextKey = 1,
      sentKey = 0;
    return {
      threads,
      sharedVectors: false,
      async run(job: SgdJob, from: number, to: number, seed: number): Promise<number> {
        let key = keys.get(job.tables);
        if (key === undefined) keys.set(job.tables, (key = nextKey++));
        if (key !== sentKey) {
          const { vertex: _v, context: _c, ...tables } = kernelJob(job);
          await Promise.all(shards.map((s) => s.setTables(key as number, tables satisfies ShardTables)));
          sentKey = key;
        }
        const first = job.context === job.vertex;
        let lossSum = 0,
          weight = 0,
          round = 0;
        for (let start = from; start < to; start += syncEvery, round++) {
          const end = Math.min(start + syncEvery, to);
          const results = await Promise.all(
            shards.map((s, w) => {
              const a = start + Math.floor(((end - start) * w) / threads);
              const b = start + Math.floor(((end - start) * (w + 1)) / threads);
              const v = job.vertex.slice();
              const c = first ? undefined : job.context.slice();
              const roundSeed = (seed ^ Math.imul(round * threads + w + 1, 0x9e3779b1)) | 0;
              return s
                .run(key as number, transfer(v, c ? [v.buffer, c.buffer] : [v.buffer]), c, a, b, roundSeed)
                .then((r) => ({ ...r, samples: b - a }));
            }),
          );
          mergeChanges(
            job.vertex,
            results.map((r) => r.vertex),
          );
          if (!first)
            mergeChanges(
              job.context,
              results.map((r) => r.context as Float32Array),
            );
          for (const r of results) {
            lossSum += r.loss * r.samples;
            weight += r.samples;
            stats.kernel = r.kernel;
          }
          stats.rounds++;
        }
        return weight ? lossSum / weight : 0;
      },
      async close(): Promise<void> {
        for (const w of workers) w.terminate();
      },
    };
  };
  return Object.assign(factory, { stats });
}

/** `base ← base + Σ (copy − base)` in place. */
export function mergeChanges(base: Float32Array, copies: Float32Array[]): void {
  for (let i = 0; i < base.length; i++) {
    const b = base[i];
    let sum = b;
    for (const c of copies) sum += c[i] - b;
    base[i] = sum;
  }
}
