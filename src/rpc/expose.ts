/**
 * The one way a worker entry exposes its service, and its client's way of reaching it: both install
 * the named-error transfer first, so what the service throws arrives on the page as the same class
 * (`DataFormatError`, not a plain `Error`). Every `workers/*.worker.ts` goes through `exposeService`
 * (a test checks it).
 */
import { expose, wrap, type Endpoint, type Remote } from 'comlink';
import { installErrorTransfer } from './errors';

/** Installs the error transfer, then exposes `service` on `endpoint` (default: the worker's global scope). */
export function exposeService(service: object, endpoint?: Endpoint): void {
  installErrorTransfer();
  expose(service, endpoint);
}

/** Installs the error transfer, then wraps the service behind `endpoint`. */
export function wrapService<T>(endpoint: Endpoint): Remote<T> {
  installErrorTransfer();
  return wrap<T>(endpoint);
}
