/** Bounded top-k selection (a min-heap), shared by the first-pass rankers. */
import type { FprResult } from './types';

/** Keeps the k best (item, score) pairs seen by `push`. */
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
    if (this.size < this.k) {
      let i = this.size++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (this.scores[p] <= score) break;
        this.items[i] = this.items[p];
        this.scores[i] = this.scores[p];
        i = p;
      }
      this.items[i] = item;
      this.scores[i] = score;
    } else if (score > this.scores[0]) this.siftDown(item, score);
  }

  private siftDown(item: number, score: number): void {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i, ms = score;
      if (l < this.size && this.scores[l] < ms) [m, ms] = [l, this.scores[l]];
      if (r < this.size && this.scores[r] < ms) [m, ms] = [r, this.scores[r]];
      if (m === i) break;
      this.items[i] = this.items[m];
      this.scores[i] = this.scores[m];
      i = m;
    }
    this.items[i] = item;
    this.scores[i] = score;
  }

  /** The kept pairs, best first. */
  result(): FprResult {
    const order = Array.from({ length: this.size }, (_, i) => i).sort((x, y) => this.scores[y] - this.scores[x] || this.items[x] - this.items[y]);
    return { items: Int32Array.from(order, (i) => this.items[i]), scores: Float32Array.from(order, (i) => this.scores[i]) };
  }
}

/** Recency in (0, 1]: halves every `halfLifeDays`. */
export const recency = (ageDays: number, halfLifeDays: number): number => Math.pow(0.5, ageDays / halfLifeDays);
