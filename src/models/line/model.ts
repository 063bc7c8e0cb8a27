/**
 * LINE as a model: `fit(graph)` trains first- and/or second-order proximity in chunks, so progress
 * is reported and an abort lands between chunks — on WebGPU with the fused WGSL kernels of `gpu/`
 * (vectors stay on the device; read back at the end, on abort and for {@link LineModel.snapshot}),
 * or on the CPU with the reference's SGD loop (WebAssembly SIMD; JavaScript where that is missing).
 * The embedding is each order L2-normalised, then concatenated `[u, u′]`. On the CPU each chunk draws
 * from its own forked stream, so a run resumed from a checkpoint's state continues exactly (with
 * `threads: 1`, the default; `threads > 1` runs the chunks Hogwild on a thread pool, fast but not
 * bit-reproducible, and so is the GPU).
 */
import type { Graph } from '../../data/graph.ts';
import { Rng } from '../../data/rng.ts';
import {
  AbortError,
  BackendUnavailableError,
  InvalidArgumentError,
  StateVersionError,
  UnknownIdError,
} from '../../errors.ts';
import type { FitOptions, FitResult, ModelState, Ranked, RecommendOptions, Recommender } from '../recommender.ts';
import { readFloat } from '../shared/state.ts';
import { checkInteger, checkStateEnvelope, stateError } from '../shared/state-checks.ts';
import { checkK } from '../shared/validate.ts';
import {
  checkLineBackend,
  defaultLineBackend,
  LineGpuTrainer,
  openLineGpu,
  type ChunkReport,
  type LineBackendPreference,
  type LineWeights,
} from './backend.ts';
import { ordersOf, resolveLineConfig, type LineConfig, type LineSettings } from './config.ts';
import { GpuDeviceLost } from './gpu/session.ts';
import { initVertex, runSamples } from './sgd.ts';
import { loadLineWasm } from './wasm-kernel.ts';
import { buildLineTables, type LineGraph } from './tables.ts';
import { toShared, type LineRuntime, type LineThreadPool } from './threads.ts';
import { concatRows, normalizeRows, rowCosine } from './vectors.ts';

/** What {@link LineModel.fit} returns: the path that ran, and why it left WebGPU when it did. */
export interface LineFitResult extends FitResult {
  /** Set when `'auto'` could not use WebGPU or lost its device mid-run (then `backend` is `'cpu'`). */
  fallback?: string;
}

/** Version of LINE's state layout. */
export const LINE_STATE_VERSION = 1;

const yieldToLoop = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

/** LINE node embeddings (Tang et al., WWW 2015) with the {@link Recommender} shape over nodes. */
export class LineModel implements Recommender<LineGraph | Graph> {
  readonly kind = 'line';
  private s: LineSettings;
  private w: LineWeights | null = null;
  private cache: Float32Array | null = null;
  private cacheAt = '';
  private readonly runtime: LineRuntime;
  /** Where `fit` trains (the runtime's choice, or the default here). */
  readonly backend: LineBackendPreference;
  /** The WebGPU run of the fit in progress, if any. */
  private gpu: LineGpuTrainer | null = null;

  /**
   * `runtime.pool` is required when `config.threads > 1`, `runtime.backend` must be `'auto'`,
   * `'webgpu'` or `'cpu'`, and `runtime.cpuKernel` `'auto'` or `'js'` (InvalidArgumentError otherwise).
   */
  constructor(config: LineConfig = {}, runtime: LineRuntime = {}) {
    this.s = resolveLineConfig(config);
    this.runtime = runtime;
    this.backend = runtime.backend === undefined ? defaultLineBackend() : checkLineBackend(runtime.backend);
    if (runtime.cpuKernel !== undefined && runtime.cpuKernel !== 'auto' && runtime.cpuKernel !== 'js')
      throw new InvalidArgumentError(`line: cpuKernel must be 'auto' or 'js', got ${String(runtime.cpuKernel)}`);
    this.startPool(false);
  }

  /** The options in force (defaults filled in). */
  get settings(): LineSettings {
    return this.s;
  }

  /** Output dimensions: dim per order trained. */
  get outputDim(): number {
    return this.settings.dim * ordersOf(this.settings.order).length;
  }

  /**
   * Trains (or resumes) on `graph`, on WebGPU or the CPU loop as the runtime's `backend` says (the
   * result and every event name the path: `backend` `'webgpu'` with its `kernel`, or `'cpu'`); rejects
   * with AbortError between chunks when `signal` aborts. When the WebGPU device is lost mid-run
   * (`'auto'`), training continues on the CPU from the vectors last read back — the end of the chunk
   * where a {@link snapshot} or the previous order last read them, else the order's start: nothing
   * the host holds is lost, and no readback is paid per chunk to insure against a rare loss.
   * With `threads > 1` the CPU chunks run Hogwild on the runtime's thread pool (shared memory).
   */
  async fit(graph: LineGraph | Graph, options: FitOptions = {}): Promise<LineFitResult> {
    const { onProgress, signal } = options;
    const s = this.settings;
    const t0 = performance.now();
    const tables = buildLineTables(graph);
    if (this.w && this.w.n !== graph.n)
      throw new InvalidArgumentError(`line: state has ${this.w.n} nodes, graph has ${graph.n}`);
    const w = (this.w ??= this.initWeights(graph.n));
    const orders = ordersOf(s.order);
    const chunks = Math.ceil(s.samples / s.chunk);
    const opened = await openLineGpu(this.backend, this.runtime.gpu ?? {}, tables, s);
    // A browser's main thread compiles the CPU loop's WebAssembly only asynchronously (cached; the
    // WebGPU path may fall back to the CPU mid-run, so always).
    if (this.runtime.cpuKernel !== 'js') await loadLineWasm();
    let gpu = (this.gpu = opened instanceof LineGpuTrainer ? opened : null);
    let fallback = opened && 'why' in opened ? `WebGPU unavailable (${opened.why}); trained on the CPU` : undefined;
    let pool: LineThreadPool | null = null;
    const at = () => (gpu ? { backend: 'webgpu' as const, kernel: gpu.kernel } : { backend: 'cpu' as const });
    onProgress?.({ status: 'start', ...at(), epochs: chunks * orders.length, samples: s.samples * orders.length });
    let loss = 0;
    try {
      for (const [oi, order] of orders.entries()) {
        const report: ChunkReport = (from, to, c0, l) =>
          onProgress?.({
            status: 'epoch',
            ...at(),
            epoch: oi * chunks + Math.ceil(to / s.chunk),
            epochs: chunks * orders.length,
            loss: l,
            samplesPerSec: (to - from) / ((performance.now() - c0) / 1000),
          });
        if (gpu && w.done[order - 1] < s.samples) {
          try {
            await gpu.trainOrder(order, w, s, report, signal);
            loss = Number.NaN;
          } catch (e) {
            if (!(e instanceof GpuDeviceLost)) throw e;
            if (this.backend === 'webgpu') throw new BackendUnavailableError('webgpu', ['cpu'], e.message);
            fallback = `${e.message}; continued on the CPU from sample ${w.done[order - 1]} of order ${order}`;
            gpu.close();
            gpu = this.gpu = null;
          }
        }
        if (w.done[order - 1] < s.samples && !pool && (pool = this.startPool()) && pool.sharedVectors !== false) {
          for (const name of ['first', 'second', 'context'] as const) w[name] &&= toShared(w[name]);
        }
        const vertex = (order === 1 ? w.first : w.second) as Float32Array;
        const job = {
          tables,
          dim: s.dim,
          vertex,
          context: order === 1 ? vertex : (w.context as Float32Array),
          negatives: s.negatives,
          total: s.samples,
          learningRate: s.learningRate,
        };
        while (w.done[order - 1] < s.samples) {
          if (signal?.aborted) throw new AbortError('line fit aborted');
          const from = w.done[order - 1];
          const to = Math.min(from + s.chunk, s.samples);
          const c0 = performance.now();
          const rng = new Rng(s.seed).fork(`order${order}-chunk${Math.floor(from / s.chunk)}`);
          loss = pool
            ? await pool.run(job, from, to, Math.floor(rng.next() * 4294967296) | 0)
            : runSamples(job, from, to, rng, this.runtime.cpuKernel);
          w.done[order - 1] = to;
          this.cache = null;
          report(from, to, c0, loss);
          await yieldToLoop();
        }
      }
    } finally {
      gpu?.close();
      this.gpu = null;
      await pool?.close();
    }
    const seconds = (performance.now() - t0) / 1000;
    onProgress?.({ status: 'done', ...at(), epochs: chunks * orders.length, loss, seconds });
    return { epochs: chunks * orders.length, loss, seconds, ...at(), ...(fallback ? { fallback } : {}) };
  }

  /**
   * The current embeddings ({@link embeddings}). During a WebGPU fit the host copy is only as fresh as
   * the last readback, so this waits for the next chunk boundary and reads the vectors back: each
   * call costs one GPU→CPU copy, so call it at a bounded rate (a live map: a few per second at most).
   */
  async snapshot(): Promise<Float32Array> {
    await this.gpu?.nextRead();
    return this.embeddings();
  }

  /** The runtime's pool for `threads > 1`; InvalidArgumentError when there is none (`start: false` only checks). */
  private startPool(start = true): LineThreadPool | null {
    const { threads } = this.settings;
    if (threads === 1) return null;
    if (!this.runtime.pool)
      throw new InvalidArgumentError(
        `line: threads: ${threads} needs a thread pool (Node: new LineModel(config, { pool: nodeLineThreads }) from models/line/node-threads; browser: { pool: browserLineThreads(makeWorker) } from models/line/browser-threads)`,
      );
    return start ? this.runtime.pool(threads) : null;
  }

  private initWeights(n: number): LineWeights {
    const { dim, order, seed } = this.settings;
    const root = new Rng(seed);
    const w: LineWeights = { n, done: [0, 0] };
    if (order !== 'second') w.first = initVertex(n, dim, root.fork('init1'));
    if (order !== 'first') {
      w.second = initVertex(n, dim, root.fork('init2'));
      w.context = new Float32Array(n * dim);
    }
    return w;
  }

  private weights(): LineWeights {
    if (!this.w) throw new InvalidArgumentError('line: the model is not trained');
    return this.w;
  }

  /** `n × outputDim` embeddings: each order L2-normalised, concatenated `[u, u′]` for `'both'`. */
  embeddings(): Float32Array {
    const w = this.weights();
    // A GPU readback moves `done` without touching the model: the cache is keyed by it.
    if (this.cache && this.cacheAt === `${w.done}`) return this.cache;
    this.cacheAt = `${w.done}`;
    const d = this.settings.dim;
    const first = w.first && normalizeRows(w.first, d);
    const second = w.second && normalizeRows(w.second, d);
    this.cache = first && second ? concatRows(first, second, d) : ((first ?? second) as Float32Array);
    return this.cache;
  }

  /** One order's normalised vectors (for link prediction with first order alone, say). */
  orderEmbeddings(order: 1 | 2): Float32Array {
    const w = this.weights();
    const m = order === 1 ? w.first : w.second;
    if (!m) throw new InvalidArgumentError(`line: order ${order} was not trained`);
    return normalizeRows(m, this.settings.dim);
  }

  private checkNode(v: number): void {
    if (!(Number.isInteger(v) && v >= 0 && v < this.weights().n)) throw new UnknownIdError('node', v);
  }

  /**
   * Nodes nearest to `node` by cosine of the embeddings (the node itself excluded).
   * @throws InvalidArgumentError for a `k` that is not an integer >= 0; UnknownIdError for an unknown
   * node, candidate or excluded node.
   */
  async recommend(node: number, options: RecommendOptions = {}): Promise<Ranked> {
    const k = checkK(options.k);
    this.checkNode(node);
    const { exclude, candidates } = options;
    const skip = new Set<number>([node]);
    for (const v of exclude ?? []) this.checkNode(v), skip.add(v);
    if (candidates) for (const v of candidates) this.checkNode(v);
    const e = this.embeddings(),
      dim = this.outputDim;
    // Each candidate once, as the registry models rank them.
    const pool = candidates ? Array.from(new Set(candidates)) : Array.from({ length: this.weights().n }, (_, i) => i);
    const scored = pool.filter((v) => !skip.has(v)).map((v) => [v, rowCosine(e, dim, node, v)] as const);
    scored.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const top = scored.slice(0, k);
    return { items: Int32Array.from(top, (x) => x[0]), scores: Float32Array.from(top, (x) => x[1]) };
  }

  /** Cosine similarity of each (a[i], b[i]) node pair. */
  async score(a: Int32Array, b: Int32Array): Promise<Float32Array> {
    if (a.length !== b.length) throw new InvalidArgumentError(`line: score got ${a.length} nodes against ${b.length}`);
    const e = this.embeddings(),
      dim = this.outputDim;
    return Float32Array.from(a, (u, i) => (this.checkNode(u), this.checkNode(b[i]), rowCosine(e, dim, u, b[i])));
  }

  /** Same as {@link recommend}: nodes are both "users" and "items" here. */
  similarItems(node: number, k: number): Promise<Ranked> {
    return this.recommend(node, { k });
  }

  async toState(): Promise<ModelState> {
    const w = this.weights();
    const d = this.settings.dim;
    const tensors: ModelState['tensors'] = {};
    for (const name of ['first', 'second', 'context'] as const) {
      const m = w[name];
      if (m) tensors[name] = { shape: [w.n, d], dtype: 'float32', data: m.slice() };
    }
    return {
      kind: this.kind,
      stateVersion: LINE_STATE_VERSION,
      config: { ...this.settings },
      tensors,
      meta: { n: w.n, done: [...w.done] },
    };
  }

  /**
   * Loads a state of {@link toState}: its version, config, node count, progress and exactly the
   * tensors its `order` trains, each `[n, dim]` and finite (a state of another order would silently
   * change every neighbour list).
   * @throws StateVersionError for another state version; StateFormatError naming a malformed field;
   * InvalidArgumentError for another kind or an invalid config.
   */
  async fromState(state: ModelState): Promise<void> {
    checkStateEnvelope(state);
    if (state.kind !== this.kind) throw new InvalidArgumentError(`line: cannot load a ${state.kind} state`);
    if (state.stateVersion !== LINE_STATE_VERSION)
      throw new StateVersionError(this.kind, state.stateVersion, LINE_STATE_VERSION);
    const settings = resolveLineConfig(state.config as LineConfig);
    const n = checkInteger(this.kind, 'meta.n', state.meta.n, 0, 2 ** 30);
    const done = state.meta.done;
    if (!Array.isArray(done) || done.length !== 2)
      throw stateError(this.kind, 'meta.done', 'must be an array of 2 sample counts');
    const progress: [number, number] = [0, 1].map((o) =>
      checkInteger(this.kind, `meta.done[${o}]`, done[o], 0, settings.samples),
    ) as [number, number];
    const trained = {
      first: settings.order !== 'second',
      second: settings.order !== 'first',
      context: settings.order !== 'first',
    };
    const w: LineWeights = { n, done: progress };
    for (const name of ['first', 'second', 'context'] as const) {
      const present = Object.hasOwn(state.tensors, name);
      if (present !== trained[name])
        throw stateError(
          this.kind,
          `tensors.${name}`,
          `is ${present ? 'present' : 'missing'}, but config.order is '${settings.order}'`,
        );
      if (present) w[name] = readFloat(state, name, [n, settings.dim]).slice();
    }
    this.s = settings;
    this.w = w;
    this.cache = null;
  }

  dispose(): void {
    this.w = null;
    this.cache = null;
  }
}
