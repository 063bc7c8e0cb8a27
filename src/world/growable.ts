/** The buffer the world's builders grow (its id lists are `SparseRows` from `src/data`). */
import type { IndexArray } from '../data/index.ts';

/** An append-only typed array that doubles when full; `toArray()` returns a trimmed copy. */
export class Growable<T extends IndexArray | Float32Array> {
  private buf: T;
  length = 0;

  constructor(
    private readonly make: (n: number) => T,
    capacity = 1024,
  ) {
    this.buf = make(Math.max(16, capacity));
  }

  push(x: number): void {
    if (this.length === this.buf.length) {
      const next = this.make(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = x;
  }

  toArray(): T {
    return this.buf.slice(0, this.length) as T;
  }
}
