import { InvalidArgumentError } from '../errors';

/**
 * Compressed sparse rows: row `r` holds columns `indices[indptr[r] .. indptr[r+1])`, sorted ascending
 * (repeated columns, if the source had any, stay adjacent in source order), with matching `values`.
 */
export interface Csr {
  nRows: number;
  nCols: number;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

/** One row of a {@link Csr}: views into its arrays, not copies. */
export interface CsrRow {
  indices: Int32Array;
  values: Float32Array;
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

/** Builds a {@link Csr} from coordinate arrays (entries outside the shape are rejected). */
export function cooToCsr(
  rows: Int32Array,
  cols: Int32Array,
  values: Float32Array,
  nRows: number,
  nCols: number,
): Csr {
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

/** Row `r` as subarray views (no copy). */
export function csrRow(csr: Csr, r: number): CsrRow {
  checkRow(csr, r);
  const start = csr.indptr[r];
  const end = csr.indptr[r + 1];
  return { indices: csr.indices.subarray(start, end), values: csr.values.subarray(start, end) };
}

/** Whether row `r` holds column `c` (binary search over the sorted row). */
export function csrHas(csr: Csr, r: number, c: number): boolean {
  checkRow(csr, r);
  let lo = csr.indptr[r];
  let hi = csr.indptr[r + 1];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = csr.indices[mid];
    if (v === c) return true;
    if (v < c) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

/** The transpose (columns become rows); rows of the result come out sorted without a sort. */
export function transpose(csr: Csr): Csr {
  const nnz = csr.indices.length;
  const indptr = new Int32Array(csr.nCols + 1);
  for (let k = 0; k < nnz; k++) indptr[csr.indices[k] + 1]++;
  for (let c = 0; c < csr.nCols; c++) indptr[c + 1] += indptr[c];
  const next = indptr.slice(0, csr.nCols);
  const indices = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  for (let r = 0; r < csr.nRows; r++) {
    for (let k = csr.indptr[r]; k < csr.indptr[r + 1]; k++) {
      const at = next[csr.indices[k]]++;
      indices[at] = r;
      values[at] = csr.values[k];
    }
  }
  return { nRows: csr.nCols, nCols: csr.nRows, indptr, indices, values };
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

function checkRow(csr: Csr, r: number): void {
  if (!(r >= 0 && r < csr.nRows && Number.isInteger(r))) {
    throw new InvalidArgumentError(`row ${r} outside 0..${csr.nRows - 1}`);
  }
}
