/**
 * MF fold-in speed in one realm (for `npm run bench -- foldin`): Node calls {@link foldInSpeed}
 * directly; a page calls {@link workerFoldInSpeed}, which runs it in a dedicated module worker
 * (`bench/workers/foldin-bench.worker.ts`). Both load the same trained MF state, on wasm, into
 *  - the model itself (`createModel` + `fromState`): the solver's own time, as `eval -- foldin` reports it;
 *  - a {@link RankingService} over a memory store: what a ranking worker does for a `foldIn` request
 *    (external ids mapped, model cache, the result copied), without the message round trip;
 * and time, per history, a fresh fold-in and an `add`-like warm update (the history without its last
 * item folded in first, untimed; then the whole history warm-started from that, one Newton step).
 */
import { wrap } from 'comlink';
import { currentBackend, initBackend } from '../../src/backend/index.ts';
import type { ExternalId } from '../../src/data/idmap.ts';
import { createModel } from '../../src/models/registry.ts';
import type { FoldedUser, ModelState, Recommender } from '../../src/models/recommender.ts';
import { RankingService } from '../../src/rpc/ranking-service.ts';
import { MemoryModelStore } from '../../src/store/memory-store.ts';

/** A {@link ModelState} as JSON (page.evaluate carries JSON): each tensor's bytes in base64. */
export interface WireState extends Omit<ModelState, 'tensors'> {
  tensors: Record<string, { shape: number[]; dtype: 'float32' | 'int32'; base64: string }>;
}

/** What to time. */
export interface FoldInSpeedRequest {
  state: WireState;
  /** Each person's items (external ids, time order, ≥ 2 each). */
  histories: ExternalId[][];
  /** Untimed fold-ins first, to let the JIT compile the solver (default 10). */
  warmup?: number;
}

/** Milliseconds per history, in request order. */
export interface FoldInSpeed {
  /** `navigator.userAgent` (Chromium) or `node vX`. */
  realm: string;
  backend: string;
  /** Fresh `model.foldIn(history)`. */
  modelMs: number[];
  /** Warm `model.foldIn(history, solutionWithoutLast)`. */
  updateMs: number[];
  /** `RankingService.foldIn` fresh, and warm-started as an `add`. */
  serviceMs: number[];
  serviceUpdateMs: number[];
  /** Newton steps of the fresh fold-ins. */
  iterations: number[];
}

/** The API of `workers/foldin-bench.worker.ts`. */
export interface FoldInSpeedWorker {
  foldInSpeed(request: FoldInSpeedRequest): Promise<FoldInSpeed>;
}

/** Measures `r` in this realm. */
export async function foldInSpeed(r: FoldInSpeedRequest): Promise<FoldInSpeed> {
  await initBackend('wasm');
  const state = fromWire(r.state);
  const model = createModel(state.kind as 'mf', state.config as never) as Recommender<unknown>;
  await model.fromState(state);
  const foldIn = model.foldIn?.bind(model);
  if (!foldIn) throw new Error(`${state.kind} has no fold-in`);
  const store = new MemoryModelStore();
  const { version } = await store.save('foldin-bench', state);
  const service = new RankingService(store, { backend: 'wasm' });
  const ref = { modelId: 'foldin-bench', version };
  const items = state.meta.itemIds as { ids: ExternalId[] } | ExternalId[];
  const dense = denseOf(Array.isArray(items) ? items : items.ids);
  const out: FoldInSpeed = {
    realm: typeof navigator !== 'undefined' ? navigator.userAgent : `node ${globalThis.process?.version}`,
    backend: currentBackend() ?? 'none',
    modelMs: [],
    updateMs: [],
    serviceMs: [],
    serviceUpdateMs: [],
    iterations: [],
  };
  for (const h of r.histories.slice(0, r.warmup ?? 10)) {
    await foldIn({ items: dense(h) });
    await service.foldIn({ ...ref, history: { items: h } });
  }
  for (const h of r.histories) {
    const all = { items: dense(h) };
    const before = { items: all.items.subarray(0, all.items.length - 1) };
    let t = performance.now();
    const fresh = await foldIn(all);
    out.modelMs.push(performance.now() - t);
    out.iterations.push(fresh.iterations);
    const earlier: FoldedUser = await foldIn(before);
    t = performance.now();
    await foldIn(all, earlier);
    out.updateMs.push(performance.now() - t);
    t = performance.now();
    await service.foldIn({ ...ref, history: { items: h } });
    out.serviceMs.push(performance.now() - t);
    t = performance.now();
    await service.foldIn({ ...ref, history: { items: h }, warm: earlier });
    out.serviceUpdateMs.push(performance.now() - t);
  }
  model.dispose();
  return out;
}

/** Runs {@link foldInSpeed} in a fresh dedicated module worker (call from a page). */
export async function workerFoldInSpeed(request: FoldInSpeedRequest): Promise<FoldInSpeed> {
  const worker = new Worker(new URL('../workers/foldin-bench.worker.ts', import.meta.url), { type: 'module' });
  try {
    return await wrap<FoldInSpeedWorker>(worker).foldInSpeed(request);
  } finally {
    worker.terminate();
  }
}

/** `state` with its tensors' bytes in base64 (Node side). */
export function toWire(state: ModelState): WireState {
  const tensors: WireState['tensors'] = {};
  for (const [name, t] of Object.entries(state.tensors)) {
    const bytes = new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
    tensors[name] = { shape: t.shape, dtype: t.dtype, base64: bytesToBase64(bytes) };
  }
  return { ...state, tensors };
}

function fromWire(wire: WireState): ModelState {
  const tensors: ModelState['tensors'] = {};
  for (const [name, t] of Object.entries(wire.tensors)) {
    const bytes = base64ToBytes(t.base64);
    const data = t.dtype === 'int32' ? new Int32Array(bytes.buffer) : new Float32Array(bytes.buffer);
    tensors[name] = { shape: t.shape, dtype: t.dtype, data };
  }
  return { ...wire, tensors };
}

function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    s += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + 0x8000)));
  return btoa(s);
}

function base64ToBytes(b64: string): Uint8Array {
  const s = atob(b64);
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return bytes;
}

/** External ids → the model's dense item indices. */
function denseOf(ids: readonly ExternalId[]): (h: ExternalId[]) => Int32Array {
  const index = new Map<ExternalId, number>();
  ids.forEach((id, i) => index.set(id, i));
  return (h) =>
    Int32Array.from(h, (id) => {
      const i = index.get(id);
      if (i === undefined) throw new Error(`foldin bench: item ${id} not in the model`);
      return i;
    });
}
