/**
 * The one way a worker entry exposes its service, and its client's way of reaching it: both install
 * the named-error transfer first, so what the service throws arrives on the page as the same class
 * (`DataFormatError`, not a plain `Error`). Every `workers/*.worker.ts` goes through `exposeService`
 * (a test checks it).
 */
import { expose, wrap, type Endpoint, type Remote } from 'comlink';
import { installErrorTransfer } from './errors.ts';

/**
 * Installs the error transfer, then exposes `service` on `endpoint` (default: the worker's global
 * scope): how an app's worker serves a service of its own, with linkrec's errors arriving by name.
 * @example
 * ```ts
 * // stats.worker.ts
 * import { exposeService } from 'linkrec/worker';
 * exposeService({ mean: (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length });
 * ```
 */
export function exposeService(service: object, endpoint?: Endpoint): void {
  installErrorTransfer();
  expose(service, endpoint);
}

/** Installs the error transfer, then wraps the service behind `endpoint`. */
export function wrapService<T>(endpoint: Endpoint): Remote<T> {
  installErrorTransfer();
  return wrap<T>(endpoint);
}
