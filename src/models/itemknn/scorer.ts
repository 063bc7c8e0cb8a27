import { InvalidArgumentError } from '../../errors.ts';
import type { SparseRows } from '../../data/index.ts';

/**
 * Item-kNN with cosine similarity over the binary user×item matrix, in the form of
 * benfred/implicit's ItemItemRecommender: each item keeps its top-`k` neighbours (itself included),
 * and a user's score for item j sums S[i, j] over the items i in the user's history.
 * Built without ever materialising a dense items×items matrix: one sparse accumulator per item.
 */
export class ItemKnnScorer {
  /** Neighbour lists, CSR by source item: neighbours of i are nbr[ptr[i]..ptr[i+1]) with weights sim. */
  readonly ptr: Int32Array;
  readonly nbr: Int32Array;
  readonly sim: Float32Array;

  /** `onProgress(done, total)` reports items whose neighbour lists are built (the slow part). */
  constructor(
    private readonly userItems: SparseRows,
    readonly k = 200,
    onProgress?: (done: number, total: number) => void,
  ) {
    if (!(k >= 1)) throw new InvalidArgumentError(`item-kNN needs k >= 1, got ${k}`);
    const lists = topKNeighbours(userItems, k, onProgress);
    this.ptr = lists.ptr;
    this.nbr = lists.nbr;
    this.sim = lists.sim;
  }

  /** Scores of every item for `user`: the sum of the neighbour rows of the user's training items. */
  scoreAll(user: number): Float32Array {
    const out = new Float32Array(this.userItems.nCols);
    const { indptr, indices } = this.userItems;
    for (let p = indptr[user]; p < indptr[user + 1]; p++) {
      const i = indices[p];
      for (let q = this.ptr[i]; q < this.ptr[i + 1]; q++) out[this.nbr[q]] += this.sim[q];
    }
    return out;
  }

  /** Scores of `items` for `user`. */
  scoreItems(user: number, items: Int32Array): Float32Array {
    const all = this.scoreAll(user);
    const out = new Float32Array(items.length);
    for (let i = 0; i < items.length; i++) out[i] = all[items[i]];
    return out;
  }
}

/** Item → users (the transpose of a user → items CSR). */
function itemUsers(m: SparseRows): { ptr: Int32Array; users: Int32Array } {
  const ptr = new Int32Array(m.nCols + 1);
  const nnz = m.indptr[m.nRows];
  for (let p = 0; p < nnz; p++) ptr[m.indices[p] + 1]++;
  for (let i = 0; i < m.nCols; i++) ptr[i + 1] += ptr[i];
  const fill = ptr.slice(0, m.nCols);
  const users = new Int32Array(nnz);
  for (let u = 0; u < m.nRows; u++) {
    for (let p = m.indptr[u]; p < m.indptr[u + 1]; p++) users[fill[m.indices[p]]++] = u;
  }
  return { ptr, users };
}

/** For each item, co-occurrence counts with every other item via a sparse accumulator, keeping the top k cosines. */
function topKNeighbours(
  m: SparseRows,
  k: number,
  onProgress?: (done: number, total: number) => void,
): { ptr: Int32Array; nbr: Int32Array; sim: Float32Array } {
  const every = Math.max(1, Math.ceil(m.nCols / 50));
  const byItem = itemUsers(m);
  const norm = new Float64Array(m.nCols);
  for (let i = 0; i < m.nCols; i++) norm[i] = Math.sqrt(byItem.ptr[i + 1] - byItem.ptr[i]);
  const co = new Float64Array(m.nCols);
  const touched = new Int32Array(m.nCols);
  const ptr = new Int32Array(m.nCols + 1);
  const nbrs: Int32Array[] = [];
  const sims: Float32Array[] = [];
  for (let i = 0; i < m.nCols; i++) {
    let nTouched = 0;
    for (let p = byItem.ptr[i]; p < byItem.ptr[i + 1]; p++) {
      const u = byItem.users[p];
      for (let q = m.indptr[u]; q < m.indptr[u + 1]; q++) {
        const j = m.indices[q];
        if (co[j] === 0) touched[nTouched++] = j;
        co[j]++;
      }
    }
    const cand = touched.slice(0, nTouched);
    const cos = new Float64Array(nTouched);
    for (let t = 0; t < nTouched; t++) cos[t] = co[cand[t]] / (norm[i] * norm[cand[t]]);
    const keep = topIndices(cos, cand, k);
    nbrs.push(keep.map((t) => cand[t]));
    sims.push(Float32Array.from(keep, (t) => cos[t]));
    ptr[i + 1] = ptr[i] + keep.length;
    for (let t = 0; t < nTouched; t++) co[cand[t]] = 0;
    if (onProgress && ((i + 1) % every === 0 || i + 1 === m.nCols)) onProgress(i + 1, m.nCols);
  }
  return { ptr, nbr: concatInt(nbrs, ptr[m.nCols]), sim: concatFloat(sims, ptr[m.nCols]) };
}

/**
 * Positions of the k largest values, in descending order; ties go to the lower item id so results do
 * not depend on visit order. A native typed-array sort finds the k-th value first, so only the few
 * survivors go through the slower comparator sort.
 */
function topIndices(values: Float64Array, ids: Int32Array, k: number): Int32Array {
  let keep: number[] = Array.from(values.keys());
  if (values.length > k) {
    const kth = values.slice().sort()[values.length - k];
    keep = keep.filter((t) => values[t] >= kth);
  }
  keep.sort((a, b) => values[b] - values[a] || ids[a] - ids[b]);
  return Int32Array.from(keep.slice(0, k));
}

function concatInt(parts: Int32Array[], total: number): Int32Array {
  const out = new Int32Array(total);
  let o = 0;
  for (const p of parts) out.set(p, o), (o += p.length);
  return out;
}

function concatFloat(parts: Float32Array[], total: number): Float32Array {
  const out = new Float32Array(total);
  let o = 0;
  for (const p of parts) out.set(p, o), (o += p.length);
  return out;
}
