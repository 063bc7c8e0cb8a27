/** Small helpers of the model contract suite (`contract.ts`). */
import { expect } from 'vitest';
import type { FitProgress, ModelState, Recommender } from '../models/recommender.ts';
import type { ModelData } from '../models/registry.ts';

/** Fits `m`, recording every progress event and checkpoint state. */
export async function fitRecording(m: Recommender<ModelData>, data: ModelData, opts: { checkpointEvery?: number }) {
  const events: FitProgress[] = [];
  const states: ModelState[] = [];
  const result = await m.fit(data, {
    ...opts,
    onProgress: (e) => events.push(e),
    onCheckpoint: (s) => void states.push(s),
  });
  return { events, states, result };
}

/** Every (user, item) pair of a state's catalogue. */
export function allPairs(state: ModelState): [Int32Array, Int32Array] {
  const { nUsers, nItems } = state.meta as { nUsers: number; nItems: number };
  const users = Int32Array.from({ length: nUsers * nItems }, (_, k) => Math.floor(k / nItems));
  return [users, Int32Array.from(users, (_, k) => k % nItems)];
}

/** A state's tensors as shape + bit patterns, for exact comparison. */
export function tensorsOf(state: ModelState): Record<string, number[]> {
  return Object.fromEntries(Object.entries(state.tensors).map(([k, t]) => [k, [...t.shape, ...bits(t.data)]]));
}

/** The IEEE bit patterns of float data (so -0, NaN and last-bit differences all count). */
export function bits(a: Float32Array | Int32Array): number[] {
  return a instanceof Float32Array ? Array.from(new Uint32Array(Float32Array.from(a).buffer)) : Array.from(a);
}

/** `n` copies of `user`. */
export function fill(user: number, n: number): Int32Array {
  return new Int32Array(n).fill(user);
}

/** Asserts scores never increase. */
export function expectDescending(scores: Float32Array): void {
  for (let k = 1; k < scores.length; k++) expect(scores[k]).toBeLessThanOrEqual(scores[k - 1]);
}
