/**
 * Compressed sparse rows: the world's one-to-many lists (member skills, careers, connections…) as two
 * typed arrays, so a million members cost a few flat buffers instead of a million small arrays.
 */

/** Unsigned integer typed arrays the world stores ids in. */
export type IdArray = Uint8Array | Uint16Array | Uint32Array;

/** Row `i` holds `values[offsets[i] .. offsets[i + 1])`; `offsets.length` is rows + 1. */
export interface Csr<V extends IdArray = Uint32Array> {
  readonly offsets: Uint32Array;
  readonly values: V;
}

/** A view (no copy) of row `i`. */
export function csrRow<V extends IdArray>(csr: Csr<V>, i: number): V {
  return csr.values.subarray(csr.offsets[i], csr.offsets[i + 1]) as V;
}

/** Length of row `i`. */
export function csrLength(csr: Csr<IdArray>, i: number): number {
  return csr.offsets[i + 1] - csr.offsets[i];
}

/** Whether sorted `values[lo, hi)` contains `x` (binary search). */
export function sortedHas(values: ArrayLike<number>, lo: number, hi: number, x: number): boolean {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = values[mid];
    if (v === x) return true;
    if (v < x) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

/** Whether row `i` of a CSR with sorted rows contains `x`. */
export function csrHas(csr: Csr<IdArray>, i: number, x: number): boolean {
  return sortedHas(csr.values, csr.offsets[i], csr.offsets[i + 1], x);
}

/** Items grouped by key (counting sort, stable): row `g` lists every item `i` with `keys[i] === g`. */
export function groupBy(keys: ArrayLike<number>, groups: number, count = keys.length): Csr {
  const offsets = new Uint32Array(groups + 1);
  for (let i = 0; i < count; i++) offsets[keys[i] + 1]++;
  for (let g = 0; g < groups; g++) offsets[g + 1] += offsets[g];
  const fill = offsets.slice(0, groups);
  const values = new Uint32Array(count);
  for (let i = 0; i < count; i++) values[fill[keys[i]]++] = i;
  return { offsets, values };
}

/**
 * Rows built from (src, dst) pairs, each row sorted with duplicates removed. With `symmetric`, every
 * pair is stored in both directions (an undirected graph) and self-loops are dropped.
 */
export function pairsToCsr(rows: number, src: Uint32Array, dst: Uint32Array, pairs: number, symmetric: boolean): Csr {
  const counts = new Uint32Array(rows + 1);
  for (let e = 0; e < pairs; e++) {
    counts[src[e] + 1]++;
    if (symmetric) counts[dst[e] + 1]++;
  }
  for (let r = 0; r < rows; r++) counts[r + 1] += counts[r];
  const fill = counts.slice(0, rows);
  const raw = new Uint32Array(counts[rows]);
  for (let e = 0; e < pairs; e++) {
    raw[fill[src[e]]++] = dst[e];
    if (symmetric) raw[fill[dst[e]]++] = src[e];
  }
  // Sort each row and squeeze out duplicates and self-pairs in place.
  const offsets = new Uint32Array(rows + 1);
  let out = 0;
  for (let r = 0; r < rows; r++) {
    const row = raw.subarray(counts[r], counts[r + 1]).sort();
    let prev = -1;
    for (let k = 0; k < row.length; k++) {
      const v = row[k];
      if (v !== prev && !(symmetric && v === r)) raw[out++] = v;
      prev = v;
    }
    offsets[r + 1] = out;
  }
  return { offsets, values: raw.slice(0, out) };
}

/** An append-only typed array that doubles when full; `toArray()` returns a trimmed copy. */
export class Growable<T extends IdArray | Float32Array> {
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
