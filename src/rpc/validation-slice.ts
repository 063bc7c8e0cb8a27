/**
 * The validation slice a training request may ask for (`TrainRequest.validation`): a seeded sample
 * of users, each with their latest interaction held out of the training log (every row of that
 * user–item pair, so a repeat cannot leak it back) and ranked after every epoch against 99 sampled
 * items the user never touched — HR@10 of the NCF protocol (He et al., WWW 2017) on a few hundred
 * users, one batched `score` call per epoch.
 */
import { Rng, sampleNegatives, selectRows, toCsr, type InteractionLog } from '../data/index.ts';
import type { Recommender } from '../models/recommender.ts';

/** Items each held-out interaction is ranked against. */
export const VALIDATION_NEGATIVES = 99;
/** Users sampled when a request does not say (`validation: {}`). */
export const VALIDATION_USERS = 200;
/** A user needs this many interactions to lend one to validation (and keep the rest to train on). */
const MIN_INTERACTIONS = 3;

/** The training log less the held-out rows, and the rows to rank (`items`: target, then 99 negatives). */
export interface ValidationSlice {
  train: InteractionLog;
  /** Dense user of each ranked row, repeated for its 100 items (ready for `score`). */
  users: Int32Array;
  items: Int32Array;
  /** Held-out interactions (users sampled). */
  rows: number;
}

/**
 * Carves the slice: up to `users` users with ≥ 3 interactions and ≥ 99 unseen items, chosen by a
 * shuffle seeded with `seed`, lend their latest interaction (file order breaks ties). The id maps
 * stay the log's own, so ids keep their dense indices.
 */
export function carveValidation(log: InteractionLog, users: number, seed: number): ValidationSlice {
  const nItems = log.itemIds.size;
  const seen = toCsr(log, 'user');
  const latest = new Int32Array(log.userIds.size).fill(-1);
  const counts = new Int32Array(log.userIds.size);
  for (let k = 0; k < log.length; k++) {
    const u = log.users[k];
    counts[u]++;
    if (latest[u] < 0 || log.times[k] >= log.times[latest[u]]) latest[u] = k;
  }
  const distinct = (u: number) => new Set(seen.indices.subarray(seen.indptr[u], seen.indptr[u + 1])).size;
  const eligible = Int32Array.from(latest.keys()).filter(
    (u) => counts[u] >= MIN_INTERACTIONS && nItems - distinct(u) >= VALIDATION_NEGATIVES,
  );
  const rng = new Rng(seed).fork('validation');
  const chosen = rng.shuffle(eligible).subarray(0, Math.min(users, eligible.length)).sort();
  const width = VALIDATION_NEGATIVES + 1;
  const target = new Int32Array(log.userIds.size).fill(-1);
  const rowUsers = new Int32Array(chosen.length * width);
  const rowItems = new Int32Array(chosen.length * width);
  chosen.forEach((u, r) => {
    target[u] = log.items[latest[u]];
    rowUsers.fill(u, r * width, (r + 1) * width);
    rowItems[r * width] = target[u];
    rowItems.set(sampleNegatives(seen, u, VALIDATION_NEGATIVES, nItems, rng), r * width + 1);
  });
  const keep: number[] = [];
  for (let k = 0; k < log.length; k++) if (target[log.users[k]] !== log.items[k]) keep.push(k);
  return { train: selectRows(log, Int32Array.from(keep)), users: rowUsers, items: rowItems, rows: chosen.length };
}

/** HR@10 of `model` on the slice (a tie counts against the held-out item); NaN for an empty slice. */
export async function validationHr10(model: Recommender<unknown>, slice: ValidationSlice): Promise<number> {
  if (slice.rows === 0) return NaN;
  const scores = await model.score(slice.users, slice.items);
  const width = VALIDATION_NEGATIVES + 1;
  let hits = 0;
  for (let r = 0; r < slice.rows; r++) {
    const row = scores.subarray(r * width, (r + 1) * width);
    // Pessimistic ties (as `rankOfTarget`); a NaN score (a diverged run) is a miss, not an error.
    let above = 0;
    for (let j = 1; j < width; j++) if (row[j] >= row[0]) above++;
    if (!Number.isNaN(row[0]) && above < 10) hits++;
  }
  return hits / slice.rows;
}
