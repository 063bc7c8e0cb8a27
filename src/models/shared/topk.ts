/**
 * Candidate selection and top-k ranking shared by every model: the models only score, these helpers
 * decide which items may appear and in what order.
 */
import type { Ranked, RecommendOptions } from '../recommender';
import { checkIndices } from './validate';

/**
 * The items `recommend` may return: `options.candidates` (default every item), without
 * `options.exclude`, each once, in ascending order. Unknown items throw UnknownIdError.
 */
export function candidateItems(nItems: number, options: RecommendOptions = {}): Int32Array {
  const { candidates, exclude } = options;
  if (candidates) checkIndices(candidates, nItems, 'item');
  if (exclude) checkIndices(exclude, nItems, 'item');
  const allowed = new Uint8Array(nItems);
  if (candidates) for (const i of candidates) allowed[i] = 1;
  else allowed.fill(1);
  if (exclude) for (const i of exclude) allowed[i] = 0;
  let n = 0;
  for (let i = 0; i < nItems; i++) n += allowed[i];
  const out = new Int32Array(n);
  for (let i = 0, o = 0; i < nItems; i++) if (allowed[i]) out[o++] = i;
  return out;
}

/**
 * The `k` best of `items` by `scores` (parallel arrays), best first. Ties go to the lower item index
 * and NaN ranks last, so the order never depends on the backend's summation order of equal scores.
 */
export function topK(items: Int32Array, scores: Float32Array, k: number): Ranked {
  let keep = Array.from(items.keys());
  if (keep.length > 2 * k + 16) {
    // A native sort of a copy finds the k-th best value; only the survivors take the comparator sort.
    const sorted = scores.slice().sort(); // NaN sorts last
    let finite = sorted.length;
    while (finite > 0 && Number.isNaN(sorted[finite - 1])) finite--;
    if (finite >= k && k > 0) {
      const kth = sorted[finite - k];
      keep = keep.filter((t) => scores[t] >= kth);
    }
  }
  keep.sort((a, b) => compare(scores[a], scores[b]) || items[a] - items[b]);
  const top = keep.slice(0, k);
  return { items: Int32Array.from(top, (t) => items[t]), scores: Float32Array.from(top, (t) => scores[t]) };
}

/** Descending by score, NaN after everything. */
function compare(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
  if (Number.isNaN(b)) return -1;
  return b - a;
}

/** `scores[item]` for each candidate (for models that score the whole catalogue at once). */
export function pick(all: Float32Array, items: Int32Array): Float32Array {
  const out = new Float32Array(items.length);
  for (let t = 0; t < items.length; t++) out[t] = all[items[t]];
  return out;
}
