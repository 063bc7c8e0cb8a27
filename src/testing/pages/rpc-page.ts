/**
 * Test-only page: trains a model in the real training worker through `connectCourses` and, when
 * it loads and finds an unfinished checkpoint of that model in IndexedDB, resumes it — what a page
 * reloaded mid-training does. The e2e test drives it through `window.rpcPage`.
 */
import {
  connectCourses,
  TrainingLockedError,
  type CourseTrainRequest,
  type TrainProgress,
  type TrainResult,
} from '../../index.ts';
import type { RpcPage } from './rpc-pattern.ts';
import { RPC_MODEL_ID, rpcRequest } from './rpc-pattern.ts';

const rec = await connectCourses();

const events: TrainProgress[] = [];
const state: RpcPage = {
  events,
  result: null,
  error: null,
  resumedOnLoad: false,
  train,
  recommend: (r) => rec.rank(r),
};

/** Trains the page's one model, retrying while the previous page's worker still holds the lock. */
async function train(request: CourseTrainRequest = rpcRequest(location.origin)): Promise<TrainResult> {
  for (let tries = 0; ; tries++) {
    try {
      state.result = await rec.train(request, (p) => events.push(p)).done;
      return state.result;
    } catch (err) {
      // A reload terminates the old worker; the browser frees its Web Lock a moment later.
      if (!(err instanceof TrainingLockedError) || tries >= 20) {
        state.error = `${(err as Error).name}: ${(err as Error).message}`;
        throw err;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

const stored = (await rec.list()).find((m) => m.id === RPC_MODEL_ID && m.checkpoint);
if (stored?.checkpoint) {
  state.resumedOnLoad = true;
  void train().catch(() => undefined);
}
Object.assign(window, { rpcPage: state });
document.getElementById('status')!.textContent = 'ready';
