/**
 * Candidate selection and top-k ranking shared by every model: the models only score, these helpers
 * decide which items may appear and in what order.
 */
import type { Ranked, RecommendOptions } from '../recommender.ts';
import { checkIndices } from './validate.ts';

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
 * The one ranking rule of linkrec's top-k (`topK`, {@link TopK}, every model and the feed's FPRs):
 * higher score first; equal scores go to the lower item index; NaN ranks after every number. So the
 * order never depends on the backend's summation order or on the order candidates arrive in.
 */
export function ranksBefore(scoreA: number, itemA: number, scoreB: number, itemB: number): boolean {
  const c = compare(scoreA, scoreB);
  return c < 0 || (c === 0 && itemA < itemB);
}

/** The `k` best of `items` by `scores` (parallel arrays), best first, by {@link ranksBefore}. */
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

/**
 * Streaming top-k (a bounded heap, O(log k) a candidate) for rankers that generate candidates one at
 * a time: `result()` equals {@link topK} over everything pushed, ties and NaN included.
 */
export class TopK {
  private readonly items: Int32Array;
  private readonly scores: Float32Array;
  private size = 0;

  constructor(private readonly k: number) {
    this.items = new Int32Array(Math.max(0, k));
    this.scores = new Float32Array(Math.max(0, k));
  }

  /** Offers one candidate. */
  push(item: number, score: number): void {
    if (this.k <= 0) return;
    const s = Math.fround(score); // compare what is stored, as topK compares Float32 scores
    if (this.size < this.k) this.siftUp(this.size++, item, s);
    else if (ranksBefore(s, item, this.scores[0], this.items[0])) this.siftDown(item, s);
  }

  /** The kept pairs, best first. */
  result(): Ranked {
    const order = Array.from({ length: this.size }, (_, i) => i);
    order.sort((x, y) => compare(this.scores[x], this.scores[y]) || this.items[x] - this.items[y]);
    return {
      items: Int32Array.from(order, (i) => this.items[i]),
      scores: Float32Array.from(order, (i) => this.scores[i]),
    };
  }

  // The root holds the worst kept pair; a parent never ranks before its children.
  private siftUp(i: number, item: number, score: number): void {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!ranksBefore(this.scores[p], this.items[p], score, item)) break;
      this.items[i] = this.items[p];
      this.scores[i] = this.scores[p];
      i = p;
    }
    this.items[i] = item;
    this.scores[i] = score;
  }

  private siftDown(item: number, score: number): void {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1,
        r = l + 1;
      if (l >= this.size) break;
      const worst = r < this.size && ranksBefore(this.scores[l], this.items[l], this.scores[r], this.items[r]) ? r : l;
      if (!ranksBefore(score, item, this.scores[worst], this.items[worst])) break;
      this.items[i] = this.items[worst];
      this.scores[i] = this.scores[worst];
      i = worst;
    }
    this.items[i] = item;
    this.scores[i] = score;
  }
}

/** Descending by score, NaN after everything; 0 for equal scores (infinities included). */
function compare(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
  if (Number.isNaN(b)) return -1;
  return a === b ? 0 : b > a ? 1 : -1;
}

/** `scores[item]` for each candidate (for models that score the whole catalogue at once). */
export function pick(all: Float32Array, items: Int32Array): Float32Array {
  const out = new Float32Array(items.length);
  for (let t = 0; t < items.length; t++) out[t] = all[items[t]];
  return out;
}
