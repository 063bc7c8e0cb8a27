/**
 * Older MF state layouts and the steps that bring them to the current one. Each step takes a state
 * of version n and returns version n + 1, touching only what changed.
 */
import type { ModelState, StateTensor } from '../recommender.ts';
import { floatTensor, readFloat } from '../shared/state.ts';
import { stateError } from '../shared/state-checks.ts';

/**
 * v1 → v2. Version 1 stored each bias as the last column of its embedding matrix: `user` [nUsers,
 * dim + 1] and `item` [nItems, dim + 1], and had no optimiser slots. Version 2 splits them into
 * `userEmb`/`userBias` and `itemEmb`/`itemBias`.
 */
export function mfV1ToV2(state: ModelState): ModelState {
  const tensors: Record<string, StateTensor> = seenTensors(state);
  for (const [name, bias] of [
    ['user', 'userBias'],
    ['item', 'itemBias'],
  ] as const) {
    const shape = state.tensors[name]?.shape;
    if (!shape || shape.length !== 2 || shape[1] < 2) {
      throw stateError('mf', `tensors.${name}`, 'must be [n, dim + 1] with dim >= 1 (a version-1 state)');
    }
    const [n, cols] = shape;
    const joined = readFloat(state, name, shape);
    const emb = new Float32Array(n * (cols - 1));
    const b = new Float32Array(n);
    for (let r = 0; r < n; r++) {
      emb.set(joined.subarray(r * cols, r * cols + cols - 1), r * (cols - 1));
      b[r] = joined[r * cols + cols - 1];
    }
    tensors[`${name}Emb`] = floatTensor(emb, [n, cols - 1]);
    tensors[bias] = floatTensor(b, [n]);
  }
  return { ...state, stateVersion: 2, tensors };
}

/** The inverse of {@link mfV1ToV2} for a finished v2 state (tests build v1 states with it). */
export function mfV2ToV1(state: ModelState): ModelState {
  const tensors: Record<string, StateTensor> = seenTensors(state);
  for (const name of ['user', 'item'] as const) {
    const embT = state.tensors[`${name}Emb`];
    const [n, dim] = embT.shape;
    const emb = readFloat(state, `${name}Emb`, [n, dim]);
    const b = readFloat(state, `${name}Bias`, [n]);
    const joined = new Float32Array(n * (dim + 1));
    for (let r = 0; r < n; r++) {
      joined.set(emb.subarray(r * dim, (r + 1) * dim), r * (dim + 1));
      joined[r * (dim + 1) + dim] = b[r];
    }
    tensors[name] = floatTensor(joined, [n, dim + 1]);
  }
  const { cursor: _dropped, ...meta } = state.meta;
  return { ...state, stateVersion: 1, tensors, meta };
}

/** The training history (`seen.*`, optional in every version) is independent of the weight layout. */
function seenTensors(state: ModelState): Record<string, StateTensor> {
  return Object.fromEntries(Object.entries(state.tensors).filter(([name]) => name.startsWith('seen.')));
}
