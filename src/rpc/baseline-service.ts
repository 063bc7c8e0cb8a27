import { releaseProxy } from 'comlink';
import { currentBackend, initBackend, type InitOptions } from '../backend/index.ts';
import type { WasmPaths } from '../backend/loaders.ts';
import { loadInteractions } from '../data/loaders/interactions.ts';
import { leaveOneOutLatest } from '../data/split.ts';
import { InvalidArgumentError, LinkrecError, StaleModelError } from '../errors.ts';
import { runBaselines } from '../eval/baselines/index.ts';
import type { BackendName, BackendPreference, BackendReport } from '../backend/types.ts';
import type { ModelState } from '../models/recommender.ts';
import { modelFromState, modelInput } from '../models/registry.ts';
import { modelIdMaps } from '../models/shared/state.ts';
import { list, record, int } from '../models/shared/schema.ts';
import type { ModelStore } from '../store/types.ts';
import { evaluateOnProtocol, looProtocol, trainingCsv, type LooProtocol } from './baseline-models.ts';
import type {
  BaselineApi,
  BaselineRunOptions,
  ProtocolProgress,
  ProtocolReport,
  ProtocolRunOptions,
  TrainedModelRow,
} from './baseline-protocol.ts';
import type { ModelRef, ServiceConfig } from './protocol.ts';
import { Provenance } from './baseline-provenance.ts';
import {
  backendPreference,
  checkArgument,
  checkBaselineRun,
  checkServiceConfig,
  modelId,
  REQUEST_BOUNDS,
} from './validate.ts';

/** Replaceable collaborators, so the service runs (and is tested) in Node as well as in a worker. */
export interface BaselineServiceDeps {
  /** Fetches the ratings file (default: the global `fetch`). */
  fetch?: (url: string) => Promise<Response>;
  /** Starts tfjs (default: `initBackend`). */
  initBackend?: (prefer: BackendPreference, options?: InitOptions) => Promise<BackendReport>;
  /** The evaluation itself (default: `runBaselines`). */
  runBaselines?: typeof runBaselines;
  /** The only origin `ratingsUrl` may point at; default: the worker's own (`location.origin`). */
  origin?: string;
  /** Where the models named in `run({ models })` are read from (none: such a run is refused). */
  store?: ModelStore;
  /**
   * Score models on wasm while the backend is WebGPU on a software adapter (SwiftShader), then switch
   * back (default true). Off where tfjs is shared with other services (in-thread), which a switch would disturb.
   */
  avoidSoftwareGpu?: boolean;
}

/** Negatives per held-out rating: the baselines' default, which the models' rows must share. */
const NEGATIVES = 99;

const modelRefs = list(record<ModelRef>({ modelId, version: int(0, Number.MAX_SAFE_INTEGER) }), 0, REQUEST_BOUNDS.ids);

/** `options` checked: the baselines' fields, and the model references (by id and version). */
function checkProtocolRun(options: unknown): { run: BaselineRunOptions; models: ModelRef[] } {
  if (options === null || typeof options !== 'object' || !('models' in options))
    return { run: checkBaselineRun(options), models: [] };
  const { models, ...rest } = options as ProtocolRunOptions;
  return { run: checkBaselineRun(rest), models: models === undefined ? [] : modelRefs(models, 'options.models') };
}

/**
 * The baseline-evaluation service: a plain class with no `self`, exposed in a worker by
 * `workers/baselines.worker.ts` and in tests over a `MessageChannel`. Besides most-popular and item-kNN
 * it evaluates stored models on the very same split and negatives, so their rows compare.
 *
 * @example
 * comlink.expose(new BaselineService({ store }));   // inside a dedicated module worker
 */
export class BaselineService implements BaselineApi {
  private readonly deps: Required<Omit<BaselineServiceDeps, 'origin' | 'store'>> & {
    origin?: string;
    store?: ModelStore;
  };
  private wasmPaths: WasmPaths | undefined;
  /** What the last `init` started. */
  private started: BackendReport | undefined;

  constructor(deps: BaselineServiceDeps = {}) {
    this.deps = {
      fetch: deps.fetch ?? ((url) => fetch(url)),
      initBackend: deps.initBackend ?? initBackend,
      runBaselines: deps.runBaselines ?? runBaselines,
      origin: deps.origin ?? globalThis.location?.origin,
      store: deps.store,
      avoidSoftwareGpu: deps.avoidSoftwareGpu ?? true,
    };
  }

  /** Applies the client's settings (where tfjs finds its wasm); call before `init`. */
  async configure(config: ServiceConfig): Promise<void> {
    const { wasmPaths } = checkServiceConfig(config);
    if (wasmPaths !== undefined) this.wasmPaths = wasmPaths;
  }

  /** Starts tfjs here on `prefer` (or the best available) and reports the backend running. */
  async init(prefer: BackendPreference = 'auto'): Promise<BackendReport> {
    this.started = await this.deps.initBackend(checkArgument(backendPreference, prefer, 'prefer'), {
      wasmPaths: this.wasmPaths,
    });
    return this.started;
  }

  /**
   * Fetches the ratings CSV (same origin only: user data never leaves the device), evaluates the
   * baselines, then each stored model of `options.models` on the same split and negatives.
   */
  async run(options: ProtocolRunOptions, onProgress: (p: ProtocolProgress) => void): Promise<ProtocolReport> {
    try {
      const { run, models } = checkProtocolRun(options);
      return await this.evaluate(run, models, throttleProgress(onProgress));
    } finally {
      releaseRemote(onProgress);
    }
  }

  /** The protocol's training split (each user's latest rating removed) as MovieLens CSV text. */
  async trainingSplitCsv(options: BaselineRunOptions): Promise<string> {
    const { ratingsUrl } = checkBaselineRun(options);
    const { log } = await this.load(ratingsUrl);
    return trainingCsv(leaveOneOutLatest(log).train);
  }

  private async evaluate(
    options: BaselineRunOptions,
    models: ModelRef[],
    progress: ProgressForwarder,
  ): Promise<ProtocolReport> {
    const url = this.sameOriginUrl(options.ratingsUrl);
    // A stale or unusable model fails the run at once, not after the baselines' minutes.
    for (const ref of models) await this.checkModel(ref);
    const blob = await this.fetchBlob(url);
    const report = await this.deps.runBaselines(blob, {
      file: datasetName(url),
      seed: options.seed,
      negatives: NEGATIVES,
      onProgress: progress.report,
    });
    const rows: TrainedModelRow[] = [];
    let scoring: ScoringBackend = { backend: null, reason: null, restore: async () => undefined };
    if (models.length > 0) {
      const started = performance.now();
      const [first] = models;
      progress.report({ stage: 'model', ...first, done: 0, total: 2 * report.users });
      const log = await loadInteractions(blob, { file: url.pathname });
      const protocol = looProtocol(log, report.seed, NEGATIVES);
      const provenance = new Provenance(url, protocol);
      scoring = await this.scoringBackend();
      try {
        for (const ref of models) rows.push(await this.evaluateModel(ref, protocol, provenance, progress));
      } finally {
        await scoring.restore();
      }
      report.seconds += (performance.now() - started) / 1000;
    }
    // Resolve only once the caller has seen every progress event: they travel on another channel.
    await progress.flush();
    return { ...report, models: rows, scoredOn: scoring.backend, scoredOnReason: scoring.reason };
  }

  /**
   * The backend to score models on: the worker's own, or wasm while that is WebGPU on a software
   * adapter (measured on ml-latest-small here: an 8-d MF row takes ~40 s on SwiftShader, ~3 s on wasm).
   */
  private async scoringBackend(): Promise<ScoringBackend> {
    const own = { backend: currentBackend(), reason: null, restore: async () => undefined };
    const started = this.started;
    if (!this.deps.avoidSoftwareGpu || started?.backend !== 'webgpu' || !started.adapterInfo?.isFallbackAdapter)
      return own;
    if (!started.available.includes('wasm')) return own;
    const options = { wasmPaths: this.wasmPaths };
    const wasm = await this.deps.initBackend('wasm', options).catch(() => null);
    if (!wasm) return own;
    return {
      backend: wasm.backend,
      reason: 'WebGPU here runs on a software adapter, where scoring is many times slower than on wasm',
      // Back to what `init` started, so what the page reports about this worker stays true.
      restore: () =>
        this.deps.initBackend('webgpu', options).then(
          () => undefined,
          () => undefined, // WebGPU started once here; should it not come back, the rows stand
        ),
    };
  }

  private async evaluateModel(
    ref: ModelRef,
    protocol: LooProtocol,
    provenance: Provenance,
    progress: ProgressForwarder,
  ): Promise<TrainedModelRow> {
    // Said at once: reading and uploading the weights and the first scoring take seconds on a slow backend.
    progress.report({
      stage: 'model',
      modelId: ref.modelId,
      version: ref.version,
      done: 0,
      total: 2 * protocol.users.length,
    });
    const { state } = await this.loadModel(ref);
    const { users, items } = modelIdMaps(state);
    const model = await modelFromState(state);
    try {
      const { modelId, version } = ref;
      const figures = await evaluateOnProtocol({ model, users, items }, protocol, {
        onProgress: (done, total) => progress.report({ stage: 'model', modelId, version, done, total }),
      });
      return { modelId, version, kind: state.kind, ...provenance.of(state), ...figures };
    } finally {
      model.dispose();
    }
  }

  /** The finished model `ref` names, of a kind that ranks an interaction log's items. */
  private async loadModel(ref: ModelRef): Promise<{ state: ModelState }> {
    const store = await this.checkModel(ref);
    const loaded = await store.load(ref.modelId);
    if (loaded.info.version !== ref.version) throw new StaleModelError(ref.modelId, ref.version, loaded.info.version);
    return loaded;
  }

  /** `StaleModelError` unless `ref` is the stored version; `InvalidArgumentError` for a checkpoint or a course kind. */
  private async checkModel(ref: ModelRef): Promise<ModelStore> {
    const { store } = this.deps;
    if (!store) throw new InvalidArgumentError('run: this baseline service has no model store to read models from');
    const info = await store.info(ref.modelId);
    if (!info) throw new StaleModelError(ref.modelId, ref.version, null);
    if (info.version !== ref.version) throw new StaleModelError(ref.modelId, ref.version, info.version);
    if (info.checkpoint)
      throw new InvalidArgumentError(`run: model '${ref.modelId}' is a training checkpoint, not a finished model`);
    if (modelInput(info.kind) !== 'interactions')
      throw new InvalidArgumentError(
        `run: model '${ref.modelId}' (kind '${info.kind}') does not rank a ratings file's items`,
      );
    return store;
  }

  private async load(ratingsUrl: string) {
    const url = this.sameOriginUrl(ratingsUrl);
    const blob = await this.fetchBlob(url);
    return { url, log: await loadInteractions(blob, { file: url.pathname }) };
  }

  private async fetchBlob(url: URL): Promise<Blob> {
    const response = await this.deps.fetch(url.href);
    if (!response.ok) throw new LinkrecError(`GET ${url.pathname}: HTTP ${response.status}`);
    return response.blob();
  }

  private sameOriginUrl(raw: string): URL {
    const { origin } = this.deps;
    const url = new URL(raw, origin);
    if (origin !== undefined && url.origin !== origin) {
      throw new InvalidArgumentError(`ratingsUrl must be same-origin (${origin}), got ${url.origin}`);
    }
    return url;
  }
}

/** Where models are scored during a run, why (when not the worker's own backend), and how to switch back. */
interface ScoringBackend {
  backend: BackendName | null;
  reason: string | null;
  restore(): Promise<void>;
}

/** `movielens-small/ratings.csv` for `/data/movielens-small/ratings.csv`: the folder names the dataset. */
function datasetName(url: URL): string {
  return url.pathname.split('/').filter(Boolean).slice(-2).join('/') || 'ratings.csv';
}

/** A throttled progress forwarder and a way to wait until the receiver has handled what was sent. */
export interface ProgressForwarder {
  report(p: ProtocolProgress): void;
  flush(): Promise<void>;
}

/**
 * Forwards a progress event only when the stage changes, a stage ends, or at least 1 % more of it is
 * done: through comlink every call is a postMessage, and the inner loops report far more often.
 */
export function throttleProgress(onProgress: (p: ProtocolProgress) => void): ProgressForwarder {
  let last: ProtocolProgress | undefined;
  let delivered: Promise<unknown> = Promise.resolve();
  return {
    report(p) {
      const step = Math.max(1, p.total / 100);
      if (last && sameStage(last, p) && p.done < p.total && p.done - last.done < step) return;
      last = p;
      // A remote callback returns a promise; a closed page must not surface as an unhandled rejection.
      delivered = Promise.resolve(onProgress({ ...p })).catch(() => undefined);
    },
    // Calls on one channel are handled in order, so the last acknowledgement covers all before it.
    flush: () => delivered.then(() => undefined),
  };
}

/** The same stage of the same model (each stored model is a stage of its own). */
function sameStage(a: ProtocolProgress, b: ProtocolProgress): boolean {
  if (a.stage !== 'model' || b.stage !== 'model') return a.stage === b.stage;
  return a.modelId === b.modelId && a.version === b.version;
}

/** Closes the port behind a comlink-proxied callback (a plain function has no such handle). */
function releaseRemote(callback: unknown): void {
  const release = (callback as { [releaseProxy]?: unknown })[releaseProxy];
  if (typeof release === 'function') release();
}
