/**
 * The worker side of `browserLineThreads` (`browser-threads.ts`): one shard of LINE's samples on the
 * worker's own copy of the vectors (no shared memory needed, so it runs on any page, cross-origin
 * isolated or not). An app's worker entry is two lines (`bench/workers/line-shard.worker.ts`):
 * `import { serveLineShard } from 'linkrec/talent'; serveLineShard();`.
 */
import { expose, transfer } from 'comlink';
import { lineSgdKernel, type KernelJob } from './kernel.ts';
import { lineWasmKernel } from './wasm-kernel.ts';

/** The samplers' tables and the settings a shard keeps between rounds. */
export type ShardTables = Omit<KernelJob, 'vertex' | 'context'>;

/** What a shard round returns: its vectors after its samples, and their mean tracked loss. */
export interface ShardResult {
  vertex: Float32Array;
  /** Absent for first order (the vertex table is its own context). */
  context?: Float32Array;
  loss: number;
  /** `'wasm'` or `'js'`: the loop that ran. */
  kernel: 'wasm' | 'js';
}

/** The service a shard worker exposes. */
export interface LineShard {
  /** Keeps `tables` (sent once per table set) under `key`. */
  setTables(key: number, tables: ShardTables): void;
  /**
   * Runs samples `from … to − 1` (ρ_t from the global schedule) on `vertex`/`context` with the tables
   * under `key`; returns the vectors (transferred).
   */
  run(
    key: number,
    vertex: Float32Array,
    context: Float32Array | undefined,
    from: number,
    to: number,
    seed: number,
  ): ShardResult;
}

/** The shard service as a plain object (what {@link serveLineShard} exposes; testable without a worker). */
export function lineShard(): LineShard {
  const tables = new Map<number, ShardTables>();
  return {
    setTables(key, t) {
      tables.clear();
      tables.set(key, t);
    },
    run(key, vertex, context, from, to, seed) {
      const t = tables.get(key);
      if (!t) throw new Error(`line shard: no tables under ${key}`);
      const job: KernelJob = { ...t, vertex, context: context ?? vertex };
      const wasm = lineWasmKernel(job, from, to, seed);
      const loss = wasm ?? lineSgdKernel(job, from, to, seed);
      const out: ShardResult = { vertex, loss, kernel: wasm === null ? 'js' : 'wasm' };
      if (context) out.context = context;
      return out;
    },
  };
}

/**
 * Exposes {@link lineShard} on this worker (comlink; a shard throws only on a protocol slip, so plain
 * errors suffice); call it at the top of a worker module.
 * @example
 * ```ts
 * // line-shard.worker.ts
 * import { serveLineShard } from 'linkrec/talent';
 * serveLineShard();
 * ```
 */
export function serveLineShard(): void {
  const shard = lineShard();
  expose({
    setTables: shard.setTables,
    run: (
      key: number,
      vertex: Float32Array,
      context: Float32Array | undefined,
      from: number,
      to: number,
      seed: number,
    ) => {
      const r = shard.run(key, vertex, context, from, to, seed);
      return transfer(r, r.context ? [r.vertex.buffer, r.context.buffer] : [r.vertex.buffer]);
    },
  });
}
