/**
 * Named error classes. Every error linkrec throws on purpose is one of these, so callers (and the
 * worker RPC layer, which re-creates them by `name`) can branch on `instanceof` or `err.name`.
 */

/**
 * Base class of every linkrec error: `instanceof LinkrecError` tells linkrec's own failures from bugs.
 * @example
 * ```ts
 * import { connectCourses, LinkrecError } from 'linkrec';
 * const courses = await connectCourses();
 * const list = await courses.list().catch((err) => {
 *   if (err instanceof LinkrecError) return []; // e.g. StoreVersionError: shown, not rethrown
 *   throw err;
 * });
 * ```
 */
export class LinkrecError extends Error {
  override name = 'LinkrecError';
}

/**
 * Malformed input file: names the file, the 1-based line (0 when the whole file is at fault) and the problem.
 * @example
 * ```ts
 * import { DataFormatError } from 'linkrec';
 * import { loadInteractions } from 'linkrec/data';
 * await loadInteractions('1,2,five\n', { file: 'ratings.csv' }).catch((err) => {
 *   if (err instanceof DataFormatError) console.warn(`${err.file}:${err.line}: ${err.problem}`);
 * });
 * ```
 */
export class DataFormatError extends LinkrecError {
  override name = 'DataFormatError';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(`${file}${line > 0 ? `:${line}` : ''}: ${problem}`);
  }
}

/**
 * An id the model or dataset has never seen (`kind` says whether a user, an item…).
 * @example
 * ```ts
 * import { connectCourses, UnknownIdError } from 'linkrec';
 * const courses = await connectCourses();
 * await courses.rank({ modelId: 'movies', version: 1, user: 'new-user' }).catch((err) => {
 *   if (err instanceof UnknownIdError && err.kind === 'user') return { items: [] }; // cold start
 *   throw err;
 * });
 * ```
 */
export class UnknownIdError extends LinkrecError {
  override name = 'UnknownIdError';
  constructor(
    readonly kind: string,
    readonly id: string | number,
  ) {
    super(`unknown ${kind} id ${JSON.stringify(id)}`);
  }
}

/**
 * A caller passed an argument outside its documented domain (NaN, negative k, empty list…).
 * @example
 * ```ts
 * import { InvalidArgumentError } from 'linkrec';
 * import { hitRateAt } from 'linkrec/eval';
 * try {
 *   hitRateAt(0, 0);
 * } catch (err) {
 *   if (err instanceof InvalidArgumentError) console.warn(err.message); // k must be a positive integer
 * }
 * ```
 */
export class InvalidArgumentError extends LinkrecError {
  override name = 'InvalidArgumentError';
}

/**
 * An explicitly requested backend cannot run here; `available` lists what can.
 * @example
 * ```ts
 * import { connectCourses, BackendUnavailableError } from 'linkrec';
 * const courses = await connectCourses();
 * await courses.train({ modelId: 'movies', kind: 'mf', data: { ratingsUrl: '/ratings.csv' }, backend: 'webgpu' }).done.catch((err) => {
 *   if (err instanceof BackendUnavailableError) console.warn(`no ${err.requested}; available: ${err.available.join(', ')}`);
 * });
 * ```
 */
export class BackendUnavailableError extends LinkrecError {
  override name = 'BackendUnavailableError';
  constructor(
    readonly requested: string,
    readonly available: readonly string[],
    readonly reason = '',
  ) {
    super(
      `backend '${requested}' is not available${reason ? ` (${reason})` : ''}; available: ${
        available.length ? available.join(', ') : 'none'
      }`,
    );
  }
}

/**
 * The chosen backend lacks kernels (forward or gradient) that a model needs.
 * @example
 * ```ts
 * import { MissingKernelError } from 'linkrec';
 * import { assertKernels } from 'linkrec/models';
 * try {
 *   assertKernels('wasm', ['UnsortedSegmentSum']);
 * } catch (err) {
 *   if (err instanceof MissingKernelError) console.warn(err.backend, 'lacks', err.kernels);
 * }
 * ```
 */
export class MissingKernelError extends LinkrecError {
  override name = 'MissingKernelError';
  constructor(
    readonly backend: string,
    readonly kernels: readonly string[],
  ) {
    super(`backend '${backend}' lacks kernel(s): ${kernels.join(', ')}`);
  }
}

/**
 * An operation was cancelled through its AbortSignal (or a training handle's `cancel`).
 * @example
 * ```ts
 * import { connectCourses, AbortError } from 'linkrec';
 * const courses = await connectCourses();
 * const training = courses.train({ modelId: 'movies', kind: 'mf', data: { ratingsUrl: '/ratings.csv' } });
 * await training.cancel();
 * await training.done.catch((err) => {
 *   if (!(err instanceof AbortError)) throw err;
 * });
 * ```
 */
export class AbortError extends LinkrecError {
  override name = 'AbortError';
  constructor(message = 'operation aborted') {
    super(message);
  }
}

/**
 * No model is stored under this id.
 * @example
 * ```ts
 * import { MemoryModelStore, ModelNotFoundError } from 'linkrec';
 * const store = new MemoryModelStore();
 * const stored = await store.load('movies').catch((err) => {
 *   if (err instanceof ModelNotFoundError) return null; // train it first
 *   throw err;
 * });
 * ```
 */
export class ModelNotFoundError extends LinkrecError {
  override name = 'ModelNotFoundError';
  constructor(readonly id: string) {
    super(`no stored model '${id}'`);
  }
}

/**
 * A save did not fit in the origin's storage quota; the previously stored model is intact.
 * @example
 * ```ts
 * import { connectCourses, StorageQuotaError } from 'linkrec';
 * const courses = await connectCourses();
 * const training = courses.train({ modelId: 'movies', kind: 'mf', data: { ratingsUrl: '/ratings.csv' } });
 * await training.done.catch((err) => {
 *   if (err instanceof StorageQuotaError) console.warn(`model ${err.id} needs ${err.bytes} bytes: delete another model`);
 * });
 * ```
 */
export class StorageQuotaError extends LinkrecError {
  override name = 'StorageQuotaError';
  constructor(
    readonly id: string,
    readonly bytes: number,
    detail = '',
  ) {
    super(
      `saving model '${id}' (${bytes} bytes) exceeded the storage quota${detail ? `: ${detail}` : ''}; the previous copy is intact`,
    );
  }
}

/**
 * A stored state was written by a state-format version this build cannot read.
 * @example
 * ```ts
 * import { IdbModelStore, StateVersionError } from 'linkrec';
 * import { modelFromState } from 'linkrec/courses';
 * const { state } = await (await IdbModelStore.open()).load('movies');
 * const model = await modelFromState(state).catch((err) => {
 *   if (err instanceof StateVersionError) return null; // written by a newer build: retrain or update
 *   throw err;
 * });
 * ```
 */
export class StateVersionError extends LinkrecError {
  override name = 'StateVersionError';
  constructor(
    readonly kind: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `model kind '${kind}': stored state version ${found} cannot be read by this build (state version ${supported})`,
    );
  }
}

/**
 * Another tab (or worker) is already training this model.
 * @example
 * ```ts
 * import { connectCourses, TrainingLockedError } from 'linkrec';
 * const courses = await connectCourses();
 * const training = courses.train({ modelId: 'movies', kind: 'mf', data: { ratingsUrl: '/ratings.csv' } });
 * await training.done.catch((err) => {
 *   if (err instanceof TrainingLockedError) console.info(`${err.id} is training in another tab`);
 * });
 * ```
 */
export class TrainingLockedError extends LinkrecError {
  override name = 'TrainingLockedError';
  constructor(readonly id: string) {
    super(`model '${id}' is already being trained in another tab or worker`);
  }
}

/**
 * A request named a model version the answering side does not hold (and could not load).
 * @example
 * ```ts
 * import { connectCourses, StaleModelError } from 'linkrec';
 * const courses = await connectCourses();
 * const rank = (version: number) => courses.rank({ modelId: 'movies', version, user: 42 });
 * await rank(3).catch(async (err) => {
 *   if (!(err instanceof StaleModelError) || err.found === null) throw err;
 *   return rank(err.found); // another tab saved a newer version
 * });
 * ```
 */
export class StaleModelError extends LinkrecError {
  override name = 'StaleModelError';
  constructor(
    readonly id: string,
    readonly expected: number,
    readonly found: number | null,
  ) {
    super(
      `model '${id}': request expects version ${expected}, ${found === null ? 'none is stored' : `found version ${found}`}`,
    );
  }
}

/**
 * The worker behind a client died (terminated, crashed, or its device was lost) before answering.
 * @example
 * ```ts
 * import { connectCourses, WorkerLostError } from 'linkrec';
 * const courses = await connectCourses();
 * const training = courses.train({ modelId: 'movies', kind: 'mf', data: { ratingsUrl: '/ratings.csv' } });
 * await training.done.catch((err) => {
 *   if (err instanceof WorkerLostError) console.warn('the training worker kept dying:', err.message);
 * });
 * ```
 */
export class WorkerLostError extends LinkrecError {
  override name = 'WorkerLostError';
}

/**
 * A worker's script failed to load (404, a syntax or import error, a top-level throw): it fired `error`
 * before answering anything. Not retried — a new worker would fail the same way.
 * @example
 * ```ts
 * import { connectCourses, WorkerLoadError } from 'linkrec';
 * const courses = await connectCourses({ workers: { ranking: () => new Worker('/missing.js', { type: 'module' }) } });
 * await courses.rank({ modelId: 'movies', version: 1, user: 42 }).catch((err) => {
 *   if (err instanceof WorkerLoadError) console.error(`the ${err.worker} worker did not load: ${err.detail}`);
 * });
 * ```
 */
export class WorkerLoadError extends LinkrecError {
  override name = 'WorkerLoadError';
  constructor(
    /** Which worker, e.g. `'training'`. */
    readonly worker: string,
    /** The script's URL when the factory's worker carries one (`defaultWorker` does), else null. */
    readonly url: string | null,
    /** What the `error` event said (often nothing for a missing script). */
    readonly detail = '',
  ) {
    super(`the ${worker} worker failed to load${url ? ` ${url}` : ''}${detail ? `: ${detail}` : ''}`);
  }
}

/**
 * The model database was upgraded to a schema this build cannot open (a newer build runs in another tab).
 * @example
 * ```ts
 * import { IdbModelStore, StoreVersionError } from 'linkrec';
 * const store = await IdbModelStore.open().catch((err) => {
 *   if (err instanceof StoreVersionError) location.reload(); // load the newer build
 *   throw err;
 * });
 * ```
 */
export class StoreVersionError extends LinkrecError {
  override name = 'StoreVersionError';
  constructor(
    readonly database: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `model database '${database}' has schema version ${found}; this build reads up to ${supported} (reload the page)`,
    );
  }
}

/**
 * A GPU buffer a kernel needs is larger than the device allows (its binding or buffer-size limit).
 * @example
 * ```ts
 * import { connectCourses, GpuLimitError } from 'linkrec';
 * const courses = await connectCourses();
 * const training = courses.train({ modelId: 'movies', kind: 'mf', data: { ratingsUrl: '/ratings.csv' }, backend: 'webgpu' });
 * await training.done.catch((err) => {
 *   if (err instanceof GpuLimitError) console.warn(`${err.buffer}: ${err.bytes} > ${err.limitName} ${err.limit}`);
 * });
 * ```
 */
export class GpuLimitError extends LinkrecError {
  override name = 'GpuLimitError';
  constructor(
    readonly buffer: string,
    readonly bytes: number,
    readonly limit: number,
    readonly limitName: string,
  ) {
    super(
      `GPU buffer '${buffer}' needs ${bytes} bytes (${(bytes / 2 ** 20).toFixed(1)} MiB) but the device's ${limitName} is ${limit} bytes (${(limit / 2 ** 20).toFixed(1)} MiB)`,
    );
  }
}

/**
 * A stored or transferred model state (or its record) is malformed: a tensor of the wrong size, an
 * offset array that is not monotone, an index out of range, a non-finite weight. A `DataFormatError`
 * whose `file` names the state (`state of model kind "glmix"`) and whose `field` names what is wrong.
 * @example
 * ```ts
 * import { MemoryModelStore, StateFormatError } from 'linkrec';
 * import { modelFromState } from 'linkrec/courses';
 * const { state } = await new MemoryModelStore().load('movies');
 * const model = await modelFromState(state).catch((err) => {
 *   if (err instanceof StateFormatError) console.error(`corrupt ${err.kind} state: ${err.field}`);
 *   throw err;
 * });
 * ```
 */
export class StateFormatError extends DataFormatError {
  override name = 'StateFormatError';
  constructor(
    readonly kind: string,
    readonly field: string,
    problem: string,
  ) {
    super(`state of model kind ${JSON.stringify(kind)}`, 0, `${field}: ${problem}`);
  }
}

/**
 * A binary or text model file (safetensors, word2vec, PBG TSV, Avro…) or a shipped download is malformed:
 * names the file (or URL), and where known the byte offset or 1-based line, and what is wrong.
 * @example
 * ```ts
 * import { FormatError, readSafetensors } from 'linkrec/interop';
 * try {
 *   readSafetensors(new Uint8Array(4), 'model.safetensors');
 * } catch (err) {
 *   if (err instanceof FormatError) console.warn(`${err.file} @${err.offset}: ${err.problem}`);
 * }
 * ```
 */
export class FormatError extends LinkrecError {
  override name = 'FormatError';
  /** The file or URL at fault, when known. */
  readonly file?: string;
  /** The byte offset at fault, when known. */
  readonly offset?: number;
  /** The 1-based line at fault (text formats), when known. */
  readonly line?: number;
  constructor(
    readonly problem: string,
    where: { file?: string; offset?: number; line?: number } = {},
  ) {
    const place = [
      where.file ?? '',
      where.line !== undefined ? `:${where.line}` : '',
      where.offset !== undefined ? ` @byte ${where.offset}` : '',
    ].join('');
    super(place ? `${place}: ${problem}` : problem);
    if (where.file !== undefined) this.file = where.file;
    if (where.offset !== undefined) this.offset = where.offset;
    if (where.line !== undefined) this.line = where.line;
  }
}
