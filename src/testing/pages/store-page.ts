/** Test page: the model store and the training lock, driven from Node by the e2e tests and the bench. */
import { IdbModelStore } from '../../store/idb-store.ts';
import { withTrainingLock } from '../../store/locks.ts';
import type { ModelState } from '../../models/recommender.ts';
import type { ModelInfo } from '../../store/types.ts';
import { sampleState, stateMismatches } from '../store-fixtures.ts';
import type { ErrorData, Outcome, StateSpec, StoreProbe } from './store-probe.ts';

const store = await IdbModelStore.open();
const states = new Map<string, ModelState>();
const finishers = new Map<string, (spec: StateSpec) => void>();
const outcomes = new Map<string, Promise<Outcome<ModelInfo>>>();

/** The spec's state, built once (so timed saves never include building it). */
function stateOf(spec: StateSpec): ModelState {
  const key = `${spec.rows}x${spec.dim}@${spec.seed}`;
  if (!states.has(key)) states.set(key, sampleState({ ...spec, extras: false }));
  return states.get(key)!;
}

function errorData(error: unknown): ErrorData {
  const e = error as Partial<ErrorData>;
  return { name: String(e?.name), message: String(e?.message), id: e?.id, bytes: e?.bytes };
}

async function settle<T>(work: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, error: errorData(error) };
  }
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await work();
  return { value, ms: performance.now() - t0 };
}

const probe: StoreProbe = {
  save: (id, spec, options) =>
    settle(async () => {
      const state = stateOf(spec);
      const { value: info, ms } = await timed(() => store.save(id, state, options));
      return { info, ms };
    }),
  load: (id, spec) =>
    settle(async () => {
      const { value, ms } = await timed(() => store.load(id));
      return { info: value.info, mismatches: stateMismatches(value.state, stateOf(spec)), ms };
    }),
  list: () => store.list(),
  estimate: () => store.estimate(),
  startTraining: (id) =>
    new Promise((resolve) => {
      const outcome = settle(() =>
        withTrainingLock(id, async () => {
          // Holds the lock until finishTraining hands over the "trained" state.
          const spec = await new Promise<StateSpec>((go) => {
            finishers.set(id, go);
            resolve({ ok: true, value: 'holding' });
          });
          return store.save(id, stateOf(spec));
        }),
      );
      outcomes.set(id, outcome);
      void outcome.then((o) => o.ok || resolve(o)); // refused: report it (a no-op once holding)
    }),
  finishTraining: async (id, spec) => {
    const go = finishers.get(id);
    if (!go) return { ok: false, error: { name: 'Error', message: `not training '${id}'` } };
    finishers.delete(id);
    go(spec);
    return outcomes.get(id)!;
  },
  train: (id, spec, wait) => settle(() => withTrainingLock(id, () => store.save(id, stateOf(spec)), { wait })),
};

Object.assign(window, { storeProbe: probe });
document.getElementById('status')!.textContent = 'ready';
