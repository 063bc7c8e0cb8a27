/**
 * Co-occurrence graphs from bags of entities: an edge between two entities weighted by the number of
 * bags (members) holding both. Built from an inverted index with a dense scratch row per entity, so the
 * cost is Σ bag² with array access only (no hash of pairs): a 100k-member world takes well under a second.
 */
import { InvalidArgumentError } from '../../../errors.ts';

/** Bags as CSR rows: row `b` lists `values[offsets[b] .. offsets[b + 1])` (duplicates allowed). */
export interface Bags {
  offsets: ArrayLike<number>;
  values: ArrayLike<number>;
}

/** An undirected weighted edge list over `0 … n−1`, each pair once with `src < dst`. */
export interface WeightedEdges {
  n: number;
  src: Int32Array;
  dst: Int32Array;
  weight: Float32Array;
}

/** Each bag's distinct values, as a new CSR (rows sorted). */
export function distinctBags(bags: Bags, n: number): { offsets: Uint32Array; values: Uint32Array } {
  const rows = bags.offsets.length - 1;
  const offsets = new Uint32Array(rows + 1);
  const out: number[] = [];
  const mark = new Int32Array(n).fill(-1);
  for (let b = 0; b < rows; b++) {
    const start = out.length;
    for (let k = bags.offsets[b]; k < bags.offsets[b + 1]; k++) {
      const v = bags.values[k];
      if (!(v >= 0 && v < n)) throw new InvalidArgumentError(`bag ${b} names entity ${v}, outside 0…${n - 1}`);
      if (mark[v] !== b) {
        mark[v] = b;
        out.push(v);
      }
    }
    const row = out.slice(start).sort((x, y) => x - y);
    for (let i = 0; i < row.length; i++) out[start + i] = row[i];
    offsets[b + 1] = out.length;
  }
  return { offsets, values: Uint32Array.from(out) };
}

/** Inverted index: row `e` lists the bags that contain entity `e`. */
function invert(
  bags: { offsets: Uint32Array; values: Uint32Array },
  n: number,
): { offsets: Uint32Array; values: Uint32Array } {
  const offsets = new Uint32Array(n + 1);
  for (const v of bags.values) offsets[v + 1]++;
  for (let e = 0; e < n; e++) offsets[e + 1] += offsets[e];
  const fill = offsets.slice(0, n);
  const values = new Uint32Array(bags.values.length);
  for (let b = 0; b + 1 < bags.offsets.length; b++) {
    for (let k = bags.offsets[b]; k < bags.offsets[b + 1]; k++) values[fill[bags.values[k]]++] = b;
  }
  return { offsets, values };
}

/**
 * The co-occurrence graph of `n` entities over `bags`: weight(a, b) = number of bags containing both
 * a and b (a ≠ b; repeats inside a bag count once).
 * @example cooccurrenceGraph({ offsets: [0, 2, 4], values: [0, 1, 1, 2] }, 3) // edges 0–1 and 1–2, weight 1
 */
export function cooccurrenceGraph(bags: Bags, n: number): WeightedEdges {
  const distinct = distinctBags(bags, n);
  const byEntity = invert(distinct, n);
  const scratch = new Float64Array(n);
  const touched = new Int32Array(n);
  const src: number[] = [];
  const dst: number[] = [];
  const weight: number[] = [];
  for (let a = 0; a < n; a++) {
    let nTouched = 0;
    for (let k = byEntity.offsets[a]; k < byEntity.offsets[a + 1]; k++) {
      const b = byEntity.values[k];
      // Rows are sorted: only entities after `a` in this bag, so each pair is counted from its smaller end.
      for (let j = distinct.offsets[b + 1] - 1; j >= distinct.offsets[b]; j--) {
        const c = distinct.values[j];
        if (c <= a) break;
        if (scratch[c] === 0) touched[nTouched++] = c;
        scratch[c]++;
      }
    }
    const row = touched.subarray(0, nTouched).sort();
    for (const c of row) {
      src.push(a);
      dst.push(c);
      weight.push(scratch[c]);
      scratch[c] = 0;
    }
  }
  return { n, src: Int32Array.from(src), dst: Int32Array.from(dst), weight: Float32Array.from(weight) };
}
