/**
 * Client side of a training in a worker: runs `train` on the current training worker and watches it.
 * No message on the progress channel for `heartbeatTimeoutMs` (heartbeats included), or the worker's
 * `error` event, means the worker is dead: the supervisor replaces it, and the new worker resumes from
 * the last checkpoint in the store — so at most `checkpointEvery` steps are lost. A worker whose script
 * never loaded is not replaced: `WorkerLoadError` at once.
 */
import { proxy } from 'comlink';
import { AbortError, TrainingLockedError, WorkerLostError } from '../errors.ts';
import type { TrainingApi, TrainProgress, TrainRequest, TrainResult, WireProgress } from './protocol.ts';
import type { WorkerHandle, WorkerSlot } from './worker-slot.ts';

/** Liveness settings of a supervised training. */
export interface SupervisionOptions {
  /** Heartbeat interval asked of the service (ms). */
  heartbeatMs: number;
  /** Silence after which a started worker counts as dead (ms). */
  heartbeatTimeoutMs: number;
  /** Silence allowed before the worker's first message: module load and start-up (ms). */
  bootTimeoutMs: number;
  /** Worker replacements before giving up with `WorkerLostError`. */
  maxRestarts: number;
}

type Outcome = { result: TrainResult } | { error: unknown } | { lost: string };

/** A training in progress, supervised. */
export class SupervisedTraining {
  private cancelled = false;
  private handle: WorkerHandle<TrainingApi> | null = null;

  constructor(
    private readonly slot: WorkerSlot<TrainingApi>,
    private readonly request: TrainRequest,
    private readonly emit: (p: TrainProgress) => void,
    private readonly options: SupervisionOptions,
  ) {}

  /** Trains to the end, replacing dead workers. */
  async run(): Promise<TrainResult> {
    let restarts = 0;
    for (let lockWaits = 0; ; ) {
      if (this.cancelled) throw new AbortError(`training of '${this.request.modelId}' cancelled`);
      const handle = (this.handle = this.slot.get());
      const outcome = await this.attempt(handle);
      if ('result' in outcome) return outcome.result;
      if ('error' in outcome) {
        // A dead worker's Web Lock is released by the browser a moment after it dies: wait for it.
        const lockAfterRestart = outcome.error instanceof TrainingLockedError && restarts > 0 && lockWaits++ < 40;
        if (!lockAfterRestart) throw outcome.error;
        await delay(250);
        continue;
      }
      this.slot.replace(handle.generation, outcome.lost);
      if (handle.loadError) throw handle.loadError; // its script did not load: a new worker would not either
      if (this.cancelled) throw new AbortError(`training of '${this.request.modelId}' cancelled`);
      if (++restarts > this.options.maxRestarts) {
        throw new WorkerLostError(`training worker lost ${restarts} times; last: ${outcome.lost}`);
      }
      this.emit({ status: 'restart', modelId: this.request.modelId, reason: outcome.lost, attempt: restarts });
    }
  }

  /** Asks the worker running this training to abort it. */
  async cancel(): Promise<void> {
    this.cancelled = true;
    const handle = this.handle;
    if (handle) await Promise.race([handle.remote.cancel(this.request.modelId), handle.died]);
  }

  private async attempt(handle: WorkerHandle<TrainingApi>): Promise<Outcome> {
    const { heartbeatMs, heartbeatTimeoutMs, bootTimeoutMs } = this.options;
    const watchdog = new Watchdog(bootTimeoutMs);
    const onWire = (p: WireProgress): void => {
      watchdog.kick(heartbeatTimeoutMs);
      if (p.status !== 'heartbeat') this.emit(p);
    };
    const call = handle.remote.train({ ...this.request, heartbeatMs }, proxy(onWire));
    try {
      return await Promise.race([
        call.then(
          (result) => ({ result }),
          (error: unknown) => ({ error }),
        ),
        watchdog.expired.then((ms) => ({ lost: `no message from the training worker for ${ms} ms` })),
        handle.died.then((lost) => ({ lost })),
      ]);
    } finally {
      watchdog.stop();
    }
  }
}

/** Resolves `expired` when `kick` has not been called for the current timeout. */
class Watchdog {
  readonly expired: Promise<number>;
  private fire: (ms: number) => void = () => undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(firstTimeoutMs: number) {
    this.expired = new Promise((resolve) => (this.fire = resolve));
    this.kick(firstTimeoutMs);
  }

  kick(timeoutMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.fire(timeoutMs), timeoutMs);
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
