/**
 * Why an item is in a person's list, from that item's own evidence in the data the model trained on:
 * which of the person's items are among its nearest co-watch neighbours (the course tower's input
 * of the seed NCF, so these are exactly the items that feed its vector), and how popular it is. Each
 * sentence is a fact that can be checked against the data; none is a guess about the model.
 */
import type { SparseRows } from '../../src/data.ts';

/** The data the sentences are read from. */
export interface ItemEvidence {
  /** Each person's distinct items (rows sorted ascending). */
  history: SparseRows;
  /** Each item's nearest co-watch neighbours and their cosine similarity (`coWatchRows`; the item itself last, weight 1). */
  coWatch: Required<SparseRows>;
  /** People who have each item. */
  popularity: Int32Array;
  /** Popularity rank of each item (1 = the most people have it; ties share the better rank). */
  popularityRank: Int32Array;
  /** "learners", "users"…, and what having an item is ("watched", "rated"). */
  people: string;
  verb: string;
  name(item: number): string;
}

/** Evidence from a user → items table and the co-watch rows built from it. */
export function itemEvidence(
  history: SparseRows,
  coWatch: Required<SparseRows>,
  words: Pick<ItemEvidence, 'people' | 'verb' | 'name'>,
): ItemEvidence {
  const popularity = new Int32Array(history.nCols);
  for (let p = 0; p < history.indices.length; p++) popularity[history.indices[p]]++;
  const sorted = Int32Array.from(popularity).sort().reverse();
  // rank = 1 + how many items more people have (binary search in the descending counts)
  const rankOf = (count: number) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] > count) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
  const popularityRank = Int32Array.from(popularity, rankOf);
  return { history, coWatch, popularity, popularityRank, ...words };
}

/** The person's items among `item`'s co-watch neighbours, most similar first. */
export function sharedNeighbours(e: ItemEvidence, user: number, item: number): { item: number; cosine: number }[] {
  const { history: h, coWatch: cw } = e;
  const mine = new Set(h.indices.subarray(h.indptr[user], h.indptr[user + 1]));
  const out: { item: number; cosine: number }[] = [];
  for (let p = cw.indptr[item]; p < cw.indptr[item + 1]; p++) {
    const j = cw.indices[p];
    if (j !== item && mine.has(j)) out.push({ item: j, cosine: cw.values[p] });
  }
  return out.sort((a, b) => b.cosine - a.cosine || a.item - b.item);
}

/**
 * One or two sentences for `item` in `user`'s list: the user's items among its nearest co-watch
 * neighbours (up to two named, with their similarity), then its popularity. Different items have
 * different neighbours and counts, so the sentences differ item by item.
 */
export function evidenceReason(e: ItemEvidence, user: number, item: number): string {
  const { coWatch: cw, people, verb } = e;
  const neighbours = cw.indptr[item + 1] - cw.indptr[item] - 1;
  const shared = sharedNeighbours(e, user, item);
  const named = shared
    .slice(0, 2)
    .map((s) => `“${e.name(s.item)}” (similarity ${s.cosine.toFixed(2)})`)
    .join(' and ');
  const first = shared.length
    ? `${shared.length} of its ${neighbours} nearest co-watch neighbours ${shared.length === 1 ? 'is' : 'are'} yours: ${named}${shared.length > 2 ? ` and ${shared.length - 2} more` : ''}.`
    : `None of its ${neighbours} nearest co-watch neighbours is among yours.`;
  const n = e.popularity[item];
  const total = e.history.nRows;
  return `${first} ${capital(verb)} by ${n} of ${total} ${people} (#${e.popularityRank[item]} of ${e.history.nCols}).`;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
