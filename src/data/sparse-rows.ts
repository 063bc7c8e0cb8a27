import { InvalidArgumentError } from '../errors.ts';

/**
 * Typed arrays that hold column ids: Int32Array unless said otherwise; the simulated world keeps its
 * id lists (member skills, connections, …) in the narrowest unsigned type, so a million members cost
 * a few flat buffers.
 */
export type IndexArray = Int32Array | Uint32Array | Uint16Array | Uint8Array;

/**
 * The one sparse-matrix type of linkrec: compressed sparse rows. Row `r` holds columns
 * `indices[indptr[r] .. indptr[r+1])`; builders here sort each row ascending (repeated columns, if the
 * source had any, stay adjacent in source order). `values`, when present, go with `indices` entry for
 * entry (ratings, weights); a 0/1 matrix (who watched what, who knows whom) leaves them out.
 */
export interface SparseRows<I extends IndexArray = Int32Array> {
  readonly nRows: number;
  readonly nCols: number;
  readonly indptr: Int32Array;
  readonly indices: I;
  readonly values?: Float32Array;
}

/** One row of a {@link SparseRows}: views into its arrays, not copies. */
export interface SparseRow<I extends IndexArray = Int32Array> {
  indices: I;
  values?: Float32Array;
}

/**
 * The stable order that sorts COO entries by (row, col): `perm[k]` is the source entry at CSR
 * position k. Two counting-sort passes (by col, then by row), so O(nnz + nRows + nCols), no compares.
 */
export function csrOrder(
  rows: Int32Array,
  cols: Int32Array,
  nRows: number,
  nCols: number,
): { indptr: Int32Array; perm: Int32Array } {
  const n = rows.length;
  const byCol = countingSort(cols, nCols, identity(n));
  const perm = countingSort(rows, nRows, byCol);
  const indptr = new Int32Array(nRows + 1);
  for (let k = 0; k < n; k++) indptr[rows[k] + 1]++;
  for (let r = 0; r < nRows; r++) indptr[r + 1] += indptr[r];
  return { indptr, perm };
}

/** Builds {@link SparseRows} with values from coordinate arrays (entries outside the shape are rejected). */
export function cooToCsr(
  rows: Int32Array,
  cols: Int32Array,
  values: Float32Array,
  nRows: number,
  nCols: number,
): Required<SparseRows> {
  if (rows.length !== cols.length || rows.length !== values.length) {
    throw new InvalidArgumentError('rows, cols and values must have the same length');
  }
  checkRange(rows, nRows, 'row');
  checkRange(cols, nCols, 'column');
  const { indptr, perm } = csrOrder(rows, cols, nRows, nCols);
  const indices = new Int32Array(perm.length);
  const sortedValues = new Float32Array(perm.length);
  for (let k = 0; k < perm.length; k++) {
    indices[k] = cols[perm[k]];
    sortedValues[k] = values[perm[k]];
  }
  return { nRows, nCols, indptr, indices, values: sortedValues };
}

/** Row `r` as subarray views (no copy); `values` only where the matrix has them. */
export function csrRow(m: Required<SparseRows>, r: number): Required<SparseRow>;
export function csrRow<I extends IndexArray>(m: SparseRows<I>, r: number): SparseRow<I>;
export function csrRow(m: SparseRows<IndexArray>, r: number): SparseRow<IndexArray> {
  checkRow(m, r);
  const start = m.indptr[r];
  const end = m.indptr[r + 1];
  const indices = m.indices.subarray(start, end);
  return m.values ? { indices, values: m.values.subarray(start, end) } : { indices };
}

/** The column ids of row `r`: a view, no copy (the world's id lists read this way). */
export function csrIndices<I extends IndexArray>(m: SparseRows<I>, r: number): I {
  checkRow(m, r);
  return m.indices.subarray(m.indptr[r], m.indptr[r + 1]) as I;
}

/** The number of entries in row `r`. */
export function csrLength(m: SparseRows<IndexArray>, r: number): number {
  checkRow(m, r);
  return m.indptr[r + 1] - m.indptr[r];
}

/** Whether sorted row `r` holds column `c` (binary search). */
export function csrHas(m: SparseRows<IndexArray>, r: number, c: number): boolean {
  return csrPosition(m, r, c) >= 0;
}

/** Where column `c` first sits in sorted row `r` (an index into `indices` and `values`), or -1. */
export function csrPosition(m: SparseRows<IndexArray>, r: number, c: number): number {
  checkRow(m, r);
  let lo = m.indptr[r];
  const end = m.indptr[r + 1];
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (m.indices[mid] < c) lo = mid + 1;
    else hi = mid;
  }
  return lo < end && m.indices[lo] === c ? lo : -1;
}

/**
 * The same rows with repeated columns merged into one 0/1 entry (no values): e.g. a user's distinct
 * items when the source log repeats (user, item) events. Rows must be sorted, as every builder here leaves them.
 */
export function distinctRows(m: SparseRows): SparseRows {
  const indptr = new Int32Array(m.nRows + 1);
  const indices = new Int32Array(m.indices.length);
  let o = 0;
  for (let r = 0; r < m.nRows; r++) {
    for (let p = m.indptr[r]; p < m.indptr[r + 1]; p++) {
      if (p === m.indptr[r] || m.indices[p] !== m.indices[p - 1]) indices[o++] = m.indices[p];
    }
    indptr[r + 1] = o;
  }
  return { nRows: m.nRows, nCols: m.nCols, indptr, indices: indices.slice(0, o) };
}

/** The transpose (columns become rows, values follow); rows of the result come out sorted without a sort. */
export function transpose(m: Required<SparseRows>): Required<SparseRows>;
export function transpose(m: SparseRows): SparseRows;
export function transpose(m: SparseRows): SparseRows {
  const nnz = m.indices.length;
  const indptr = new Int32Array(m.nCols + 1);
  for (let k = 0; k < nnz; k++) indptr[m.indices[k] + 1]++;
  for (let c = 0; c < m.nCols; c++) indptr[c + 1] += indptr[c];
  const next = indptr.slice(0, m.nCols);
  const indices = new Int32Array(nnz);
  const from = m.values;
  const values = from ? new Float32Array(nnz) : undefined;
  for (let r = 0; r < m.nRows; r++) {
    for (let k = m.indptr[r]; k < m.indptr[r + 1]; k++) {
      const at = next[m.indices[k]]++;
      indices[at] = r;
      if (values && from) values[at] = from[k];
    }
  }
  const t = { nRows: m.nCols, nCols: m.nRows, indptr, indices };
  return values ? { ...t, values } : t;
}

/**
 * Items grouped by key (a counting sort, stable): row `g` lists every item `i < count` with
 * `keys[i] === g`, ascending. Columns are item ids, so the shape is groups × count.
 */
export function groupBy(keys: ArrayLike<number>, groups: number, count = keys.length): SparseRows<Uint32Array> {
  const indptr = new Int32Array(groups + 1);
  for (let i = 0; i < count; i++) indptr[keys[i] + 1]++;
  for (let g = 0; g < groups; g++) indptr[g + 1] += indptr[g];
  const fill = indptr.slice(0, groups);
  const indices = new Uint32Array(count);
  for (let i = 0; i < count; i++) indices[fill[keys[i]]++] = i;
  return { nRows: groups, nCols: count, indptr, indices };
}

/**
 * 0/1 rows from the first `pairs` (src, dst) pairs, each row sorted with repeats removed. With
 * `symmetric`, every pair is stored in both directions (an undirected graph, nCols = nRows) and
 * self-loops are dropped.
 */
export function pairsToCsr(
  nRows: number,
  src: Uint32Array,
  dst: Uint32Array,
  pairs: number,
  symmetric: boolean,
  nCols = nRows,
): SparseRows<Uint32Array> {
  const counts = new Int32Array(nRows + 1);
  for (let e = 0; e < pairs; e++) {
    counts[src[e] + 1]++;
    if (symmetric) counts[dst[e] + 1]++;
  }
  for (let r = 0; r < nRows; r++) counts[r + 1] += counts[r];
  const fill = counts.slice(0, nRows);
  const raw = new Uint32Array(counts[nRows]);
  for (let e = 0; e < pairs; e++) {
    raw[fill[src[e]]++] = dst[e];
    if (symmetric) raw[fill[dst[e]]++] = src[e];
  }
  // Sort each row and squeeze out repeats and self-pairs in place.
  const indptr = new Int32Array(nRows + 1);
  let out = 0;
  for (let r = 0; r < nRows; r++) {
    const row = raw.subarray(counts[r], counts[r + 1]).sort();
    let prev = -1;
    for (let k = 0; k < row.length; k++) {
      const v = row[k];
      if (v !== prev && !(symmetric && v === r)) raw[out++] = v;
      prev = v;
    }
    indptr[r + 1] = out;
  }
  return { nRows, nCols: symmetric ? nRows : nCols, indptr, indices: raw.slice(0, out) };
}

/** Stable counting sort of `order` (a permutation of entry ids) by `keys[entry]` in 0..nKeys-1. */
function countingSort(keys: Int32Array, nKeys: number, order: Int32Array): Int32Array {
  const start = new Int32Array(nKeys + 1);
  for (let k = 0; k < keys.length; k++) start[keys[k] + 1]++;
  for (let i = 0; i < nKeys; i++) start[i + 1] += start[i];
  const out = new Int32Array(order.length);
  for (let k = 0; k < order.length; k++) out[start[keys[order[k]]]++] = order[k];
  return out;
}

function identity(n: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

function checkRange(a: Int32Array, n: number, what: string): void {
  for (let k = 0; k < a.length; k++) {
    if (a[k] < 0 || a[k] >= n) throw new InvalidArgumentError(`${what} index ${a[k]} outside 0..${n - 1}`);
  }
}

function checkRow(m: SparseRows<IndexArray>, r: number): void {
  if (!(r >= 0 && r < m.nRows && Number.isInteger(r))) {
    throw new InvalidArgumentError(`row ${r} outside 0..${m.nRows - 1}`);
  }
}
