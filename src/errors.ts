/**
 * Named error classes. Every error linkrec throws on purpose is one of these, so callers (and the
 * worker RPC layer, which re-creates them by `name`) can branch on `instanceof` or `err.name`.
 */

/** Base class of every linkrec error. */
export class LinkrecError extends Error {
  override name = 'LinkrecError';
}

/** Malformed input file: names the file, the 1-based line (0 when the whole file is at fault) and the problem. */
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

/** An id the model or dataset has never seen. */
export class UnknownIdError extends LinkrecError {
  override name = 'UnknownIdError';
  constructor(
    readonly kind: string,
    readonly id: string | number,
  ) {
    super(`unknown ${kind} id ${JSON.stringify(id)}`);
  }
}

/** A caller passed an argument outside its documented domain (NaN, negative k, empty list…). */
export class InvalidArgumentError extends LinkrecError {
  override name = 'InvalidArgumentError';
}

/** An explicitly requested backend cannot run here. */
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

/** The chosen backend lacks kernels (forward or gradient) that a model needs. */
export class MissingKernelError extends LinkrecError {
  override name = 'MissingKernelError';
  constructor(
    readonly backend: string,
    readonly kernels: readonly string[],
  ) {
    super(`backend '${backend}' lacks kernel(s): ${kernels.join(', ')}`);
  }
}

/** An operation was cancelled through its AbortSignal. */
export class AbortError extends LinkrecError {
  override name = 'AbortError';
  constructor(message = 'operation aborted') {
    super(message);
  }
}

/** No model is stored under this id. */
export class ModelNotFoundError extends LinkrecError {
  override name = 'ModelNotFoundError';
  constructor(readonly id: string) {
    super(`no stored model '${id}'`);
  }
}

/** A save did not fit in the origin's storage quota; the previously stored model is intact. */
export class StorageQuotaError extends LinkrecError {
  override name = 'StorageQuotaError';
  constructor(
    readonly id: string,
    readonly bytes: number,
    detail = '',
  ) {
    super(`saving model '${id}' (${bytes} bytes) exceeded the storage quota${detail ? `: ${detail}` : ''}; the previous copy is intact`);
  }
}

/** A stored state was written by a state-format version this build cannot read. */
export class StateVersionError extends LinkrecError {
  override name = 'StateVersionError';
  constructor(
    readonly kind: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(`model kind '${kind}': stored state version ${found} cannot be read by this build (state version ${supported})`);
  }
}

/** Another tab (or worker) is already training this model. */
export class TrainingLockedError extends LinkrecError {
  override name = 'TrainingLockedError';
  constructor(readonly id: string) {
    super(`model '${id}' is already being trained in another tab or worker`);
  }
}

/** A request named a model version the answering side does not hold (and could not load). */
export class StaleModelError extends LinkrecError {
  override name = 'StaleModelError';
  constructor(
    readonly id: string,
    readonly expected: number,
    readonly found: number | null,
  ) {
    super(`model '${id}': request expects version ${expected}, ${found === null ? 'none is stored' : `found version ${found}`}`);
  }
}

/** The worker behind a client died (terminated, crashed, or its device was lost) before answering. */
export class WorkerLostError extends LinkrecError {
  override name = 'WorkerLostError';
}

/** The model database was upgraded to a schema this build cannot open (a newer build runs in another tab). */
export class StoreVersionError extends LinkrecError {
  override name = 'StoreVersionError';
  constructor(
    readonly database: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(`model database '${database}' has schema version ${found}; this build reads up to ${supported} (reload the page)`);
  }
}

/** A GPU buffer a kernel needs is larger than the device allows (its binding or buffer-size limit). */
export class GpuLimitError extends LinkrecError {
  override name = 'GpuLimitError';
  constructor(
    readonly buffer: string,
    readonly bytes: number,
    readonly limit: number,
    readonly limitName: string,
  ) {
    super(`GPU buffer '${buffer}' needs ${bytes} bytes (${(bytes / 2 ** 20).toFixed(1)} MiB) but the device's ${limitName} is ${limit} bytes (${(limit / 2 ** 20).toFixed(1)} MiB)`);
  }
}

/**
 * A stored or transferred model state (or its record) is malformed: a tensor of the wrong size, an
 * offset array that is not monotone, an index out of range, a non-finite weight. A `DataFormatError`
 * whose `file` names the state (`state of model kind "glmix"`) and whose `field` names what is wrong.
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
