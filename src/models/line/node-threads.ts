/**
 * Node-only: LINE's kernel Hogwild on `worker_threads`, as the reference C++ runs its `-threads`.
 * With WebAssembly SIMD (always, in Node 20) every thread instantiates the shared-memory build of
 * `wasm-kernel.ts` on one shared `WebAssembly.Memory` holding the tables and the vectors (copied in
 * before a run and out after it); else the JavaScript kernel runs on the vectors and the samplers'
 * tables in SharedArrayBuffers. Either way every thread claims slices of
 * the schedule from one Atomics counter, so ρ_t = ρ₀(1 − t/T) follows the global progress and the
 * run draws exactly T samples. Each slice has its own seeded stream (derived from the slice, not the
 * thread), so only the interleaving of the lock-free updates varies between runs.
 *
 * The workers run the kernel's own source text (`Worker` with `eval`), so this works the same under
 * tsx, vitest and compiled JavaScript, with no worker file to resolve or transpile.
 * Import from `src/models/line/node-threads` in Node code only.
 */
import { Worker } from 'node:worker_threads';
import { Rng } from '../../data/rng.ts';
import { InvalidArgumentError, WorkerLostError } from '../../errors.ts';
import { resolveLineConfig, type LineConfig } from './config.ts';
import { lineSgdKernel, xoroNext, type KernelJob } from './kernel.ts';
import {
  LINE_WASM_MAX_PAGES,
  lineWasmModule,
  placeJob,
  readBack,
  runPlaced,
  type LineWasmMemory,
  type WasmJobLayout,
} from './wasm-kernel.ts';
import { initVertex, kernelJob, type LineCpuKernel, type SgdJob } from './sgd.ts';
import { buildLineTables, type LineGraph, type LineTables } from './tables.ts';
import { toShared, type LineThreadPool } from './threads.ts';

/** Samples per claim: small enough for an even split and a smooth ρ_t, large enough to amortise the claim. */
const SLICE = 4096;

interface RunMessage {
  /** The JavaScript kernel's job, or null when the threads run the wasm build on `wasm`. */
  job: KernelJob | null;
  wasm: { module: WebAssembly.Module; memory: WebAssembly.Memory; layout: WasmJobLayout; thread: number } | null;
  from: number;
  to: number;
  seed: number;
  slice: number;
  counter: Int32Array;
}

/** The worker's loop (runs from its source text: no outer references). */
function threadMain(
  port: { on(e: 'message', f: (m: RunMessage) => void): void; postMessage(m: unknown): void },
  kernel: typeof lineSgdKernel,
  placed: typeof runPlaced,
): void {
  let instance: { module: unknown; memory: unknown; sgd: (...a: number[]) => number } | null = null;
  port.on('message', (m: RunMessage) => {
    let lossSum = 0,
      weight = 0;
    const w = m.wasm;
    if (w && (instance?.module !== w.module || instance.memory !== w.memory)) {
      const i = new WebAssembly.Instance(w.module, { env: { memory: w.memory } });
      instance = { module: w.module, memory: w.memory, sgd: i.exports.line_sgd as (...a: number[]) => number };
    }
    for (;;) {
      const idx = Atomics.add(m.counter, 0, 1);
      const start = m.from + idx * m.slice;
      if (start >= m.to) break;
      const end = Math.min(start + m.slice, m.to);
      const seed = (m.seed ^ Math.imul(idx + 1, 0x9e3779b1)) | 0;
      let loss: number;
      if (w && instance) {
        loss = placed(instance.sgd, w.layout, start, end, seed, w.thread);
      } else loss = kernel(m.job as KernelJob, start, end, seed);
      lossSum += loss * (end - start);
      weight += end - start;
    }
    port.postMessage({ lossSum, weight });
  });
}

// `__name`: esbuild's keepNames (tsx) may wrap inner functions with it.
const WORKER_SOURCE = `"use strict";
var __name = (f) => f;
const { parentPort } = require('node:worker_threads');
${xoroNext.toString()}
const kernel = ${lineSgdKernel.toString()};
const placed = ${runPlaced.toString()};
(${threadMain.toString()})(parentPort, kernel, placed);
`;

type Reply = { lossSum: number; weight: number };

/** One worker with at most one request in flight. */
class KernelThread {
  private readonly worker = new Worker(WORKER_SOURCE, { eval: true });
  private pending: { resolve(r: Reply): void; reject(e: Error): void } | null = null;
  private failure: Error | null = null;

  constructor() {
    this.worker.on('message', (r: Reply) => this.settle(null, r));
    this.worker.on('error', (e: Error) => this.settle(new WorkerLostError(`line thread failed: ${e.message}`)));
    this.worker.on('exit', (code) => this.settle(new WorkerLostError(`line thread exited (code ${code})`)));
  }

  private settle(error: Error | null, reply?: Reply): void {
    const p = this.pending;
    this.pending = null;
    if (error) this.failure ??= error;
    if (p) error ? p.reject(error) : p.resolve(reply as Reply);
  }

  request(m: RunMessage): Promise<Reply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<Reply>((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(m);
    });
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}

/** The threads' mean loss, weighted by the samples each ran. */
function meanLoss(replies: Reply[]): number {
  const weight = replies.reduce((a, r) => a + r.weight, 0);
  return weight ? replies.reduce((a, r) => a + r.lossSum, 0) / weight : 0;
}

/** `__heap_base` of the shared build (where the layout may start), read from a throwaway instance. */
function wasmBase(module: WebAssembly.Module, memory: WebAssembly.Memory): number {
  const exports = new WebAssembly.Instance(module, { env: { memory } }).exports as { __heap_base: WebAssembly.Global };
  return Number(exports.__heap_base.value);
}

type SharedTables = Pick<KernelJob, 'arcSrc' | 'arcDst' | 'edgeProb' | 'edgeAlias' | 'nodeProb' | 'nodeAlias'>;

/**
 * A pool of Node worker threads for LINE's Hogwild training; pass the factory to the model as
 * `{ pool: nodeLineThreads }` (the model calls it with its `threads`). `options.kernel: 'js'` keeps
 * the JavaScript kernel (then `run` wants the vectors in SharedArrayBuffers); by default the threads
 * run the WebAssembly SIMD build, which copies any vectors into its shared memory.
 * @example
 * ```ts
 * import { LineModel } from 'linkrec/talent';
 * import { loadGraphFile, nodeLineThreads } from 'linkrec/node';
 * const graph = await loadGraphFile('public/data/graphs/karate.json');
 * const model = new LineModel({ samples: 200_000, threads: 4 }, { pool: nodeLineThreads });
 * await model.fit(graph);
 * ```
 */
export function nodeLineThreads(threads: number, options: { kernel?: LineCpuKernel } = {}): LineThreadPool {
  if (!Number.isInteger(threads) || threads < 1)
    throw new InvalidArgumentError(`line: threads must be a positive integer, got ${threads}`);
  const workers = Array.from({ length: threads }, () => new KernelThread());
  const shared = new WeakMap<LineTables, SharedTables>();
  const module = options.kernel === 'js' ? null : lineWasmModule('shared');
  let wasm: LineWasmMemory | null = null;
  return {
    threads,
    async run(job: SgdJob, from: number, to: number, seed: number): Promise<number> {
      const k = kernelJob(job);
      if (module) {
        wasm ??= {
          memory: new WebAssembly.Memory({ initial: 2, maximum: LINE_WASM_MAX_PAGES, shared: true }),
          base: 0,
        };
        if (!wasm.base) wasm.base = wasmBase(module, wasm.memory);
        const layout = placeJob(wasm, k, threads);
        if (layout) {
          const counter = new Int32Array(new SharedArrayBuffer(4));
          const replies = await Promise.all(
            workers.map((w, thread) =>
              w.request({
                job: null,
                wasm: { module, memory: (wasm as LineWasmMemory).memory, layout, thread },
                from,
                to,
                seed,
                slice: SLICE,
                counter,
              }),
            ),
          );
          readBack(wasm, layout, k);
          return meanLoss(replies);
        }
      }
      if (!(job.vertex.buffer instanceof SharedArrayBuffer && job.context.buffer instanceof SharedArrayBuffer)) {
        throw new InvalidArgumentError('line: threaded training needs the vectors in a SharedArrayBuffer (toShared)');
      }
      let tables = shared.get(job.tables);
      if (!tables) {
        tables = {
          arcSrc: toShared(k.arcSrc),
          arcDst: toShared(k.arcDst),
          edgeProb: toShared(k.edgeProb),
          edgeAlias: toShared(k.edgeAlias),
          nodeProb: toShared(k.nodeProb),
          nodeAlias: toShared(k.nodeAlias),
        };
        shared.set(job.tables, tables);
      }
      const counter = new Int32Array(new SharedArrayBuffer(4));
      const message: RunMessage = { job: { ...k, ...tables }, wasm: null, from, to, seed, slice: SLICE, counter };
      return meanLoss(await Promise.all(workers.map((w) => w.request(message))));
    },
    async close(): Promise<void> {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
