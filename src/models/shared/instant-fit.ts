/**
 * `fit` for models computed in one pass on the host (most-popular, item-kNN): the same progress
 * sequence as an iterative model (`start`, one `epoch`, `done`) and the same abort semantics.
 */
import { currentBackend, type BackendName } from '../../backend/index.ts';
import type { InteractionLog } from '../../data/index.ts';
import type { FitOptions, FitProgress, FitResult } from '../recommender.ts';
import { checkLog, throwIfAborted } from './validate.ts';

/**
 * Runs `build` on a checked log, then `commit`s its result unless `options.signal` was aborted
 * meanwhile, so an aborted fit leaves the previous model untouched. Closed-form models have no
 * training loss: they report `loss: NaN`.
 */
export async function instantFit<T>(
  kind: string,
  log: InteractionLog,
  options: FitOptions,
  build: () => T,
  commit: (built: T) => void,
): Promise<FitResult> {
  const { onProgress, signal } = options;
  // These models run on the host CPU whatever tfjs runs; report the tfjs backend when one is up.
  const backend: BackendName = currentBackend() ?? 'cpu';
  try {
    checkLog(log, kind);
    throwIfAborted(signal, `${kind} fit`);
    onProgress?.({ status: 'start', backend, epochs: 1, samples: log.length });
    const started = performance.now();
    const built = build();
    throwIfAborted(signal, `${kind} fit`);
    commit(built);
    const seconds = (performance.now() - started) / 1000;
    const samplesPerSec = log.length / Math.max(seconds, 1e-6);
    const metric = await options.validate?.();
    const epoch = { status: 'epoch', backend, epoch: 1, epochs: 1, loss: NaN, samplesPerSec } as const;
    onProgress?.(metric === undefined ? epoch : { ...epoch, metric });
    onProgress?.({ status: 'done', backend, epochs: 1, loss: NaN, seconds });
    return { epochs: 1, loss: NaN, seconds, backend };
  } catch (err) {
    reportError(onProgress, err);
    throw err;
  }
}

/** Sends the `error` progress event for `err` (then the caller rethrows it). */
export function reportError(onProgress: ((p: FitProgress) => void) | undefined, err: unknown): void {
  const e = err instanceof Error ? err : new Error(String(err));
  onProgress?.({ status: 'error', error: { name: e.name, message: e.message } });
}
