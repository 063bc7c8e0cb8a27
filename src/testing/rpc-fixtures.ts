/**
 * Fixtures of the RPC tests: a small ratings file with a known structure, tiny MF configs sized for
 * Node (cpu) and for Chromium (WebGPU on SwiftShader, ~200 ms a step), and "workers" made of a
 * MessageChannel for running the client↔service path in one Node thread.
 */
import { expose } from 'comlink';
import type { Json } from '../models/recommender.ts';
import type { WorkerLike } from '../rpc/worker-slot.ts';

/**
 * `users` users; user u rates every item of its parity up to `items` (the checkerboard: even users
 * like even items), timestamps in file order. MovieLens header.
 */
export function checkerboardCsv(users = 24, items = 24): string {
  const lines = ['userId,movieId,rating,timestamp'];
  let t = 1_000_000;
  for (let u = 1; u <= users; u++) {
    for (let i = 1; i <= items; i++) if ((u + i) % 2 === 0) lines.push(`${u},${100 + i},4.0,${t++}`);
  }
  return `${lines.join('\n')}\n`;
}

/** 288 positives in 9 steps per epoch, 18 steps in all: milliseconds per step on cpu. */
export const NODE_MF: { [key: string]: Json } = {
  dim: 4,
  epochs: 2,
  batchSize: 32,
  negatives: 1,
  learningRate: 0.05,
  seed: 3,
};

/** 3 steps per epoch, 12 steps in all: a few seconds on SwiftShader. */
export const BROWSER_MF: { [key: string]: Json } = {
  dim: 4,
  epochs: 4,
  batchSize: 96,
  negatives: 1,
  learningRate: 0.05,
  seed: 3,
};

/** Global steps done at a cursor, with `stepsPerEpoch` steps in an epoch. */
export function globalStep(cursor: { epoch: number; step: number }, stepsPerEpoch: number): number {
  return cursor.epoch * stepsPerEpoch + cursor.step;
}

/** A "worker" in this thread: the service behind one port of a MessageChannel. */
export interface PortWorker {
  service: object;
  /** Dies without a word: the service stops (`dispose`) and its port closes. */
  kill(): void;
  /** Dies loudly: as `kill`, then an `error` event on the client's port, as a crashed Worker fires. */
  crash(): void;
}

/** Port-backed "workers" around `makeService()`. */
export interface PortWorkers {
  /** Pass as a `connectCourses` worker factory. */
  factory: () => WorkerLike;
  /** Workers made so far, oldest first. */
  readonly services: PortWorker[];
}

/** Makes port-backed workers around `makeService()`, so the client↔worker path runs in one Node thread. */
export function portWorkers(makeService: () => object & { dispose?(): void }): PortWorkers {
  const services: PortWorker[] = [];
  return {
    services,
    factory() {
      const { port1, port2 } = new MessageChannel();
      const service = makeService();
      expose(service, port1);
      const kill = (): void => {
        service.dispose?.();
        port1.close();
      };
      services.push({ service, kill, crash: () => (kill(), port2.dispatchEvent(new Event('error'))) });
      return Object.assign(port2, { terminate: () => (kill(), port2.close()) });
    },
  };
}
