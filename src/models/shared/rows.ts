import { cooToCsr, type InteractionLog } from '../../data';
import type { SparseRows } from '../../eval/baselines';

/**
 * The log as a binary user → items matrix: each user's distinct items, ascending. A repeated
 * (user, item) event is one positive, not several.
 */
export function userItemRows(log: InteractionLog): SparseRows {
  const nUsers = log.userIds.size;
  const csr = cooToCsr(log.users, log.items, log.values, nUsers, log.itemIds.size);
  const indptr = new Int32Array(nUsers + 1);
  const indices = new Int32Array(csr.indices.length);
  let o = 0;
  for (let u = 0; u < nUsers; u++) {
    for (let p = csr.indptr[u]; p < csr.indptr[u + 1]; p++) {
      if (p === csr.indptr[u] || csr.indices[p] !== csr.indices[p - 1]) indices[o++] = csr.indices[p];
    }
    indptr[u + 1] = o;
  }
  return { nRows: nUsers, nCols: log.itemIds.size, indptr, indices: indices.slice(0, o) };
}

/** Whether sorted row `r` of `m` holds column `c` (binary search). */
export function rowHas(m: SparseRows, r: number, c: number): boolean {
  return rowPosition(m, r, c) >= 0;
}

/** Where column `c` sits in sorted row `r` of `m` (an index into `m.indices`), or -1. */
export function rowPosition(m: SparseRows, r: number, c: number): number {
  let lo = m.indptr[r];
  let hi = m.indptr[r + 1];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (m.indices[mid] < c) lo = mid + 1;
    else hi = mid;
  }
  return lo < m.indptr[r + 1] && m.indices[lo] === c ? lo : -1;
}
