/** What `bench/suites/rpc.ts` and its page share. */
import type { BackendName } from '../../backend/types.ts';
import type { CourseTrainRequest } from '../../rpc/protocol.ts';
import type { ModelInfo } from '../../store/types.ts';

/** A ranking backend to ask for; `'default'` leaves it to `connectCourses`. */
export type BenchBackend = BackendName | 'auto' | 'default';

/** `window.firstRanking` after a `?first=` load. */
export interface FirstRanking {
  /** When the first ranking arrived, in ms since navigation start. */
  ms: number;
  /** When the page's module started running. */
  scriptStart: number;
  items: number;
  backend: BackendName | null;
}

/** `window.rpcBench`. */
export interface RpcBench {
  /** Trains and stores each model through the training worker; returns their infos. */
  store(requests: CourseTrainRequest[]): Promise<ModelInfo[]>;
  /** `calls` sequential `recommend` round trips (after one untimed warm-up), each in ms. */
  latency(
    modelId: string,
    version: number,
    calls: number,
    backend: BenchBackend,
  ): Promise<{ ms: number[]; backend: BackendName | null }>;
}
