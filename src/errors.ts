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
