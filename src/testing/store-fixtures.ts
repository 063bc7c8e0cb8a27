/**
 * Model states with known bytes for the store tests, pages and bench. Float weights are random 32-bit
 * patterns (NaN payloads, subnormals, ±0, ±Infinity), so "bit-exact" means every bit survived.
 */
import type { ModelState } from '../models/recommender.ts';
import { weightPattern } from './pages/idb-pattern.ts';

/** Options of {@link sampleState}. */
export interface SampleStateOptions {
  /** Rows of each embedding table (default 8). */
  rows?: number;
  /** Columns of each embedding table (default 4). */
  dim?: number;
  seed?: number;
  /** Adds an int32 tensor and a float scalar (default true); without them params = 2·rows·dim. */
  extras?: boolean;
}

/** A two-table embedding model (`users`, `items`), plus an int32 `counts` and a scalar `bias`. */
export function sampleState(options: SampleStateOptions = {}): ModelState {
  const { rows = 8, dim = 4, seed = 1, extras = true } = options;
  const n = rows * dim;
  const state: ModelState = {
    kind: 'mf',
    stateVersion: 3,
    config: { dim, lr: 0.01, loss: 'bpr', layers: [64, 32], nested: { a: null, b: true } },
    meta: { dataset: 'fixture', users: rows, note: 'ünïcødé ✓', idMap: ['u1', 'u2'], cursor: { epoch: 1, step: 2 } },
    tensors: {
      users: { shape: [rows, dim], dtype: 'float32', data: weightPattern(n, seed) },
      items: { shape: [rows, dim], dtype: 'float32', data: weightPattern(n, seed + 1) },
    },
  };
  if (extras) {
    const counts = Int32Array.from({ length: rows }, (_, i) => (i % 2 ? -i : i * 1_000_003));
    state.tensors.counts = { shape: [rows], dtype: 'int32', data: counts };
    state.tensors.bias = { shape: [], dtype: 'float32', data: new Float32Array([-0]) };
  }
  return state;
}

/** Elements whose bit patterns differ (length differences count too). */
export function bitMismatches(a: Float32Array | Int32Array, b: Float32Array | Int32Array): number {
  const x = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const y = new Uint32Array(b.buffer, b.byteOffset, b.length);
  let diff = Math.abs(x.length - y.length);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) diff++;
  return diff;
}

/** Total bit mismatches between two states' tensors (missing or extra tensors count as mismatches). */
export function stateMismatches(a: ModelState, b: ModelState): number {
  const names = new Set([...Object.keys(a.tensors), ...Object.keys(b.tensors)]);
  let diff = 0;
  for (const name of names) {
    const x = a.tensors[name];
    const y = b.tensors[name];
    if (!x || !y || x.dtype !== y.dtype || x.shape.join() !== y.shape.join()) diff += 1 + (x ?? y).data.length;
    else diff += bitMismatches(x.data, y.data);
  }
  return diff;
}
