/**
 * What every model's `foldIn` / `recommendFor` does with a {@link History} before its own work: check
 * it (dense item indices in range, parallel arrays as long as `items`), reduce it to the distinct
 * items the models train on, and pick the candidates (`excludeSeen` leaving out the history's items).
 */
import { InvalidArgumentError } from '../../errors.ts';
import type { FoldedUser, History, Ranked, RecommendForOptions } from '../recommender.ts';
import { candidateItems, pick, topK } from './topk.ts';
import { checkIndices, checkK } from './validate.ts';

/**
 * Throws unless `history` is usable against a catalogue of `nItems`: an out-of-range item is an
 * `UnknownIdError` naming the index; `times` / `durations` of another length or a non-finite time an
 * `InvalidArgumentError`. An empty history is valid (a new person).
 */
export function checkHistory(history: History, nItems: number, kind: string): void {
  if (!history || !(history.items instanceof Int32Array))
    throw new InvalidArgumentError(`${kind}: history.items must be an Int32Array of dense item indices`);
  checkIndices(history.items, nItems, 'item');
  const n = history.items.length;
  for (const field of ['times', 'durations'] as const) {
    const a = history[field];
    if (a !== undefined && a.length !== n)
      throw new InvalidArgumentError(`${kind}: history.${field} has ${a.length} entries for ${n} items`);
  }
  const times = history.times;
  if (times)
    for (let k = 0; k < n; k++)
      if (!Number.isFinite(times[k])) throw new InvalidArgumentError(`${kind}: history.times[${k}] is ${times[k]}`);
}

/**
 * The history's distinct items, ascending: what a model trained on distinct (user, item) positives
 * sees of a person. Order and repeats do not matter, so a fold-in is a function of this set alone.
 */
export function distinctItems(history: History): Int32Array {
  const sorted = history.items.slice().sort();
  let n = 0;
  for (let k = 0; k < sorted.length; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) sorted[n++] = sorted[k];
  return sorted.slice(0, n);
}

/** The items `recommendFor` may return: `recommend`'s rule, `excludeSeen` leaving out the history's items. */
export function historyCandidates(nItems: number, history: History, options: RecommendForOptions): Int32Array {
  if (!options.excludeSeen) return candidateItems(nItems, options);
  const seen = history.items;
  const base = options.exclude;
  const exclude = new Int32Array((base?.length ?? 0) + seen.length);
  if (base) exclude.set(base);
  exclude.set(seen, base?.length ?? 0);
  return candidateItems(nItems, { ...options, exclude });
}

/** Throws unless `folded` was solved by `kind` and has `length` parameters. */
export function checkFolded(folded: FoldedUser, kind: string, length: number): void {
  if (folded.kind !== kind)
    throw new InvalidArgumentError(`${kind}: options.folded was solved by '${folded.kind}', not '${kind}'`);
  if (!(folded.vector instanceof Float32Array) || folded.vector.length !== length)
    throw new InvalidArgumentError(
      `${kind}: options.folded.vector must hold ${length} floats, got ${folded.vector?.length ?? 'none'}`,
    );
}

/** The fold-in of a model with no user-side parameters (its `recommendFor` reads the history itself). */
export function nothingToFold(kind: string): FoldedUser {
  return { kind, vector: new Float32Array(0), method: 'none', iterations: 0, loss: Number.NaN };
}

/** A model's fold-in on the host: solves a person, scores every item for a solution. */
export interface HostFoldIn {
  /** Length of a solution's vector. */
  readonly width: number;
  foldIn(history: History, warm?: FoldedUser): FoldedUser;
  /** Every item's score for the person (`history` for models whose scores read it, e.g. seed-NCF). */
  scores(history: History, vector: Float32Array): Float32Array;
}

/**
 * `recommendFor` of a model that folds in on the host: checks, candidates, `options.folded` reused
 * (checked to be `kind`'s) or solved now, ranked by the shared top-k. `side` null: an untrained model
 * (every score 0).
 */
export async function rankFolded(
  kind: string,
  nItems: number,
  history: History,
  options: RecommendForOptions,
  side: (() => Promise<HostFoldIn>) | null,
): Promise<Ranked> {
  const k = checkK(options.k);
  checkHistory(history, nItems, kind);
  const items = historyCandidates(nItems, history, options);
  if (!side) return topK(items, new Float32Array(items.length), k);
  const solver = await side();
  const folded = options.folded ?? solver.foldIn(history);
  checkFolded(folded, kind, solver.width);
  return topK(items, pick(solver.scores(history, folded.vector), items), k);
}
