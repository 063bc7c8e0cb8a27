/**
 * LINE's SGD loop as WebAssembly SIMD (`wasm/kernel.c`, built by `wasm/build.sh`, committed as
 * `wasm/kernel-wasm.ts`): the same draws as the JavaScript kernel of `kernel.ts`, the vector maths on
 * f32x4 lanes. Node 20's V8 does not vectorise JavaScript, and typed-array JS stayed at ~0.7× the
 * reference C++ per CPU-second (see BENCHMARKS.md); this loop is the one that reaches it.
 *
 * The kernel works on offsets into one linear memory: {@link placeJob} copies a job's tables (once per
 * table set) and vectors into it, the kernel runs, {@link readBack} copies the vectors out — a copy of
 * `n × dim` floats per chunk, noise beside a chunk's samples. The `'shared'` build imports a shared
 * memory, so several threads run one module Hogwild on the same vectors (`node-threads.ts`).
 */
import type { KernelJob } from './kernel.ts';
import { LINE_WASM_BASE64, LINE_WASM_SHARED_BASE64 } from './wasm/kernel-wasm.ts';

/** Which build: `'plain'` imports an ordinary memory, `'shared'` a shared one (for threads). */
export type LineWasmBuild = 'plain' | 'shared';

/** The `line_sgd` export (argument order of `wasm/kernel.c`). */
type LineSgd = (...args: number[]) => number;

/** Pages of 64 KiB the shared build may grow to (its declared maximum: 2 GiB). */
export const LINE_WASM_MAX_PAGES = 32768;

const modules: Partial<Record<LineWasmBuild, WebAssembly.Module | null>> = {};

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(base64);
  const out = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The build's bytes, or null where this engine lacks WebAssembly SIMD. */
function buildBytes(build: LineWasmBuild): Uint8Array<ArrayBuffer> | null {
  if (typeof WebAssembly !== 'object') return null;
  const bytes = decode(build === 'plain' ? LINE_WASM_BASE64 : LINE_WASM_SHARED_BASE64);
  return WebAssembly.validate(bytes) ? bytes : null;
}

/**
 * The compiled build, or null where WebAssembly SIMD is missing (then LINE runs the JavaScript
 * kernel). Compiles synchronously: fine in Node and in workers; a browser's main thread refuses
 * synchronous compiles of modules over 4 KB, so there {@link loadLineWasm} must have run first.
 */
export function lineWasmModule(build: LineWasmBuild = 'plain'): WebAssembly.Module | null {
  if (build in modules) return modules[build] ?? null;
  const bytes = buildBytes(build);
  if (!bytes) return (modules[build] = null);
  try {
    return (modules[build] = new WebAssembly.Module(bytes));
  } catch {
    return null; // a main thread's size limit: not cached, loadLineWasm may still compile it
  }
}

/** Byte offsets of one job inside a kernel memory, plus the scalars `line_sgd` takes. */
export interface WasmJobLayout {
  arcSrc: number;
  arcDst: number;
  edgeProb: number;
  edgeAlias: number;
  nArcs: number;
  nodeProb: number;
  nodeAlias: number;
  nNodes: number;
  vertex: number;
  context: number;
  sigmoid: number;
  /** One `dim`-float scratch row per thread. */
  err: number[];
  dim: number;
  negatives: number;
  total: number;
  learningRate: number;
  /** Bytes of the vectors (each). */
  vectorBytes: number;
}

/** A memory with the job last placed in it (tables are copied again only when they change). */
export interface LineWasmMemory {
  memory: WebAssembly.Memory;
  /** Offset where the kernel's own data ends (`__heap_base`). */
  base: number;
  placed?: { tables: unknown[]; layout: WasmJobLayout };
}

const align = (x: number) => (x + 63) & ~63;

/**
 * Lays `job` out in `mem` (growing it), copying the tables when they differ from the last job's and
 * the vectors always; `threads` scratch rows. Returns null when the job would pass the memory's limit.
 */
export function placeJob(mem: LineWasmMemory, job: KernelJob, threads = 1): WasmJobLayout | null {
  const tables = [job.arcSrc, job.arcDst, job.edgeProb, job.edgeAlias, job.nodeProb, job.nodeAlias, job.sigmoid];
  const vectorBytes = job.vertex.length * 4;
  const sameTables = mem.placed?.tables.every((t, i) => t === tables[i]) ?? false;
  let at = align(mem.base);
  const next = (bytes: number) => {
    const o = at;
    at = align(at + bytes);
    return o;
  };
  const offsets = tables.map((t) => next(t.byteLength));
  const err = Array.from({ length: threads }, () => next(job.dim * 4));
  const vertex = next(vectorBytes);
  const context = job.context === job.vertex ? vertex : next(vectorBytes);
  const pages = Math.ceil(at / 65536);
  const have = mem.memory.buffer.byteLength / 65536;
  if (pages > LINE_WASM_MAX_PAGES) return null;
  if (pages > have) mem.memory.grow(pages - have);
  const layout: WasmJobLayout = {
    arcSrc: offsets[0],
    arcDst: offsets[1],
    edgeProb: offsets[2],
    edgeAlias: offsets[3],
    nArcs: job.edgeProb.length,
    nodeProb: offsets[4],
    nodeAlias: offsets[5],
    nNodes: job.nodeProb.length,
    sigmoid: offsets[6],
    err,
    vertex,
    context,
    dim: job.dim,
    negatives: job.negatives,
    total: job.total,
    learningRate: job.learningRate,
    vectorBytes,
  };
  const bytes = new Uint8Array(mem.memory.buffer);
  const put = (a: ArrayBufferView, o: number) => bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), o);
  if (!sameTables || mem.placed?.layout.err.length !== threads) tables.forEach((t, i) => put(t, offsets[i]));
  put(job.vertex, vertex);
  if (context !== vertex) put(job.context, context);
  mem.placed = { tables, layout };
  return layout;
}

/** Copies the vectors the kernel trained in `mem` back into `job`'s arrays. */
export function readBack(mem: LineWasmMemory, layout: WasmJobLayout, job: KernelJob): void {
  const f = (o: number) => new Float32Array(mem.memory.buffer, o, layout.vectorBytes / 4);
  job.vertex.set(f(layout.vertex));
  if (layout.context !== layout.vertex) job.context.set(f(layout.context));
}

/** Runs samples `from … to − 1` of a placed job on `thread`'s scratch row; the mean tracked loss. */
export function runPlaced(sgd: LineSgd, l: WasmJobLayout, from: number, to: number, seed: number, thread = 0): number {
  return sgd(
    l.arcSrc,
    l.arcDst,
    l.edgeProb,
    l.edgeAlias,
    l.nArcs,
    l.nodeProb,
    l.nodeAlias,
    l.nNodes,
    l.vertex,
    l.context,
    l.sigmoid,
    l.err[thread],
    l.dim,
    l.negatives,
    l.total,
    l.learningRate,
    from,
    to,
    seed | 0,
  );
}

/** An instance of a build on its memory. */
export interface LineWasmInstance extends LineWasmMemory {
  sgd: LineSgd;
}

/** Instantiates `module` on `memory` (a fresh ordinary one by default). */
export function instantiateLineWasm(module: WebAssembly.Module, memory?: WebAssembly.Memory): LineWasmInstance {
  const mem = memory ?? new WebAssembly.Memory({ initial: 2, maximum: LINE_WASM_MAX_PAGES });
  return fromInstance(new WebAssembly.Instance(module, { env: { memory: mem } }), mem);
}

let single: LineWasmInstance | null | undefined;

/**
 * Compiles and instantiates the single-thread build asynchronously (what a browser's main thread
 * needs before {@link lineWasmKernel} can run there; elsewhere the kernel does it synchronously).
 * Resolves whether the WebAssembly kernel is available. `LineModel.fit` calls it.
 */
export async function loadLineWasm(): Promise<boolean> {
  if (single !== undefined) return single !== null;
  let m = modules.plain;
  if (m === undefined) {
    const bytes = buildBytes('plain');
    m = modules.plain = bytes && (await WebAssembly.compile(bytes).catch(() => null));
  }
  if (!m) return (single = null) !== null;
  if (single !== undefined) return single !== null; // a concurrent call got there first
  const mem = new WebAssembly.Memory({ initial: 2, maximum: LINE_WASM_MAX_PAGES });
  const instance = await WebAssembly.instantiate(m, { env: { memory: mem } });
  single ??= fromInstance(instance, mem);
  return true;
}

function fromInstance(instance: WebAssembly.Instance, memory: WebAssembly.Memory): LineWasmInstance {
  const exports = instance.exports as { line_sgd: LineSgd; __heap_base: WebAssembly.Global };
  return { memory, base: Number(exports.__heap_base.value), sgd: exports.line_sgd };
}

/** The single-thread instance, made synchronously when this thread allows it; null if it cannot be. */
function singleInstance(): LineWasmInstance | null {
  if (single !== undefined) return single;
  const m = lineWasmModule('plain');
  if (!m) return modules.plain === null ? (single = null) : null;
  try {
    single = instantiateLineWasm(m);
  } catch {
    return null; // a main thread's limit on synchronous instantiation: loadLineWasm first
  }
  return single;
}

/**
 * Runs samples `from … to − 1` of `job` in place with the WebAssembly kernel on this thread (one
 * instance per realm); returns the mean tracked loss, or null where WebAssembly SIMD is missing, the
 * job does not fit its memory, or (a browser's main thread) {@link loadLineWasm} has not run:
 * callers then run the JavaScript kernel, which draws the same samples.
 */
export function lineWasmKernel(job: KernelJob, from: number, to: number, seed: number): number | null {
  const inst = singleInstance();
  if (!inst) return null;
  const layout = placeJob(inst, job);
  if (!layout) return null;
  const loss = runPlaced(inst.sgd, layout, from, to, seed);
  readBack(inst, layout, job);
  return loss;
}
