import { releaseProxy } from 'comlink';
import { initBackend, type InitOptions } from '../backend/index.ts';
import type { WasmPaths } from '../backend/loaders.ts';
import { InvalidArgumentError, LinkrecError } from '../errors.ts';
import { runBaselines, type BaselineProgress, type BaselineReport } from '../eval/baselines/index.ts';
import type { BackendPreference, BackendReport } from '../backend/types.ts';
import type { BaselineApi, BaselineRunOptions } from './baseline-protocol.ts';
import type { ServiceConfig } from './protocol.ts';
import { backendPreference, checkArgument, checkBaselineRun, checkServiceConfig } from './validate.ts';

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
}

/**
 * The baseline-evaluation service: a plain class with no `self`, exposed in a worker by
 * `workers/baselines.worker.ts` and in tests over a `MessageChannel`.
 *
 * @example
 * comlink.expose(new BaselineService());   // inside a dedicated module worker
 */
export class BaselineService implements BaselineApi {
  private readonly deps: Required<Omit<BaselineServiceDeps, 'origin'>> & { origin?: string };
  private wasmPaths: WasmPaths | undefined;

  constructor(deps: BaselineServiceDeps = {}) {
    this.deps = {
      fetch: deps.fetch ?? ((url) => fetch(url)),
      initBackend: deps.initBackend ?? initBackend,
      runBaselines: deps.runBaselines ?? runBaselines,
      origin: deps.origin ?? globalThis.location?.origin,
    };
  }

  /** Applies the client's settings (where tfjs finds its wasm); call before `init`. */
  async configure(config: ServiceConfig): Promise<void> {
    const { wasmPaths } = checkServiceConfig(config);
    if (wasmPaths !== undefined) this.wasmPaths = wasmPaths;
  }

  /** Starts tfjs here on `prefer` (or the best available) and reports the backend running. */
  async init(prefer: BackendPreference = 'auto'): Promise<BackendReport> {
    return this.deps.initBackend(checkArgument(backendPreference, prefer, 'prefer'), { wasmPaths: this.wasmPaths });
  }

  /** Fetches the ratings CSV (same origin only: user data never leaves the device) and evaluates. */
  async run(options: BaselineRunOptions, onProgress: (p: BaselineProgress) => void): Promise<BaselineReport> {
    try {
      return await this.evaluate(checkBaselineRun(options), throttleProgress(onProgress));
    } finally {
      releaseRemote(onProgress);
    }
  }

  private async evaluate(options: BaselineRunOptions, progress: ProgressForwarder): Promise<BaselineReport> {
    const url = this.sameOriginUrl(options.ratingsUrl);
    const response = await this.deps.fetch(url.href);
    if (!response.ok) throw new LinkrecError(`GET ${url.pathname}: HTTP ${response.status}`);
    const report = await this.deps.runBaselines(await response.blob(), {
      file: datasetName(url),
      seed: options.seed,
      onProgress: progress.report,
    });
    // Resolve only once the caller has seen every progress event: they travel on another channel.
    await progress.flush();
    return report;
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

/** `movielens-small/ratings.csv` for `/data/movielens-small/ratings.csv`: the folder names the dataset. */
function datasetName(url: URL): string {
  return url.pathname.split('/').filter(Boolean).slice(-2).join('/') || 'ratings.csv';
}

/** A throttled progress forwarder and a way to wait until the receiver has handled what was sent. */
export interface ProgressForwarder {
  report(p: BaselineProgress): void;
  flush(): Promise<void>;
}

/**
 * Forwards a progress event only when the stage changes, a stage ends, or at least 1 % more of it is
 * done: through comlink every call is a postMessage, and the inner loops report far more often.
 */
export function throttleProgress(onProgress: (p: BaselineProgress) => void): ProgressForwarder {
  let last: BaselineProgress | undefined;
  let delivered: Promise<unknown> = Promise.resolve();
  return {
    report(p) {
      const step = Math.max(1, p.total / 100);
      if (last && last.stage === p.stage && p.done < p.total && p.done - last.done < step) return;
      last = p;
      // A remote callback returns a promise; a closed page must not surface as an unhandled rejection.
      delivered = Promise.resolve(onProgress({ stage: p.stage, done: p.done, total: p.total })).catch(() => undefined);
    },
    // Calls on one channel are handled in order, so the last acknowledgement covers all before it.
    flush: () => delivered.then(() => undefined),
  };
}

/** Closes the port behind a comlink-proxied callback (a plain function has no such handle). */
function releaseRemote(callback: unknown): void {
  const release = (callback as { [releaseProxy]?: unknown })[releaseProxy];
  if (typeof release === 'function') release();
}
