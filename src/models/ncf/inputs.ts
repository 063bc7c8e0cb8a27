/**
 * The seed variant's sparse inputs (LinkedIn Learning's NCF): a learner is the multi-hot vector of the
 * courses they watched (their latest `window` by time), a course its co-watch similarity vector — its
 * top-N cosine neighbours by co-watching, plus itself — computed one row at a time, so the dense
 * items × items matrix never exists.
 */
import type { InteractionLog, SparseRows } from '../../data/index.ts';

/**
 * Each user's distinct items, only the latest `window` of them by time (0 = all; ties broken by
 * file order), sorted ascending so membership is a binary search.
 */
export function learnerRows(log: InteractionLog, window: number): SparseRows {
  const nUsers = log.userIds.size;
  const byUser: number[][] = Array.from({ length: nUsers }, () => []);
  for (let k = 0; k < log.length; k++) byUser[log.users[k]].push(k);
  const indptr = new Int32Array(nUsers + 1);
  const out: number[] = [];
  for (let u = 0; u < nUsers; u++) {
    // Latest first (stable on file order), then keep first occurrences of the latest `window` items.
    const rows = byUser[u].sort((a, b) => log.times[b] - log.times[a] || b - a);
    const kept = new Set<number>();
    for (const k of rows) {
      if (window > 0 && kept.size >= window) break;
      kept.add(log.items[k]);
    }
    for (const item of Int32Array.from(kept).sort()) out.push(item); // no spread: a learner may hold 100k+ courses
    indptr[u + 1] = out.length;
  }
  return { nRows: nUsers, nCols: log.itemIds.size, indptr, indices: Int32Array.from(out) };
}

/**
 * Each item's `topN` neighbours by cosine similarity of co-watching (|U_i ∩ U_j| / √(|U_i||U_j|)) over
 * the user → items rows, then the item itself with weight 1. Ties go to the lower item index.
 */
export function coWatchRows(rows: SparseRows, topN: number): Required<SparseRows> {
  const { nRows, nCols } = rows;
  const itemPtr = new Int32Array(nCols + 1);
  for (let p = 0; p < rows.indices.length; p++) itemPtr[rows.indices[p] + 1]++;
  for (let i = 0; i < nCols; i++) itemPtr[i + 1] += itemPtr[i];
  const itemUsers = new Int32Array(rows.indices.length);
  const fillAt = itemPtr.slice(0, nCols);
  for (let u = 0; u < nRows; u++)
    for (let p = rows.indptr[u]; p < rows.indptr[u + 1]; p++) itemUsers[fillAt[rows.indices[p]]++] = u;
  const deg = (i: number) => itemPtr[i + 1] - itemPtr[i];
  const counts = new Float32Array(nCols);
  const touched: number[] = [];
  const indptr = new Int32Array(nCols + 1);
  const indices: number[] = [];
  const weights: number[] = [];
  for (let i = 0; i < nCols; i++) {
    for (let p = itemPtr[i]; p < itemPtr[i + 1]; p++) {
      const u = itemUsers[p];
      for (let q = rows.indptr[u]; q < rows.indptr[u + 1]; q++) {
        const j = rows.indices[q];
        if (j === i) continue;
        if (counts[j] === 0) touched.push(j);
        counts[j]++;
      }
    }
    const scored = touched.map((j) => ({ j, s: counts[j] / Math.sqrt(deg(i) * deg(j)) }));
    scored.sort((a, b) => b.s - a.s || a.j - b.j);
    for (const { j, s } of scored.slice(0, topN)) indices.push(j), weights.push(s);
    indices.push(i);
    weights.push(1);
    indptr[i + 1] = indices.length;
    for (const j of touched) counts[j] = 0;
    touched.length = 0;
  }
  return { nRows: nCols, nCols, indptr, indices: Int32Array.from(indices), values: Float32Array.from(weights) };
}
