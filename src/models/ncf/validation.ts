/**
 * The early-stopping split: each user's latest training positive is held out of the fit and ranked
 * against 50 sampled unseen items after every epoch (HR@10, pessimistic ties), the test protocol in
 * miniature, on data the test never sees.
 */
import { leaveOneOutLatest, Rng, sampleNegatives, toCsr, type InteractionLog } from '../../data/index.ts';

const NEGATIVES = 50;

/** The training part and the validation rows (`items` row-major: target, then its negatives). */
export interface ValidationSplit {
  train: InteractionLog;
  users: Int32Array;
  items: Int32Array;
}

/** Carves the validation split from `log` with a seeded negative sampler. */
export function carveValidation(log: InteractionLog, seed: number): ValidationSplit {
  const split = leaveOneOutLatest(log);
  const everything = toCsr(log, 'user');
  const rng = new Rng(seed).fork('validation');
  // Users who have not seen enough of the catalogue to draw the negatives from are left out.
  const unseen = (u: number) =>
    log.itemIds.size - new Set(everything.indices.subarray(everything.indptr[u], everything.indptr[u + 1])).size;
  const held = Int32Array.from(split.testItem.keys()).filter((u) => split.testItem[u] >= 0 && unseen(u) >= NEGATIVES);
  const users = new Int32Array(held.length * (NEGATIVES + 1));
  const items = new Int32Array(held.length * (NEGATIVES + 1));
  held.forEach((u, r) => {
    users.fill(u, r * (NEGATIVES + 1), (r + 1) * (NEGATIVES + 1));
    items[r * (NEGATIVES + 1)] = split.testItem[u];
    items.set(sampleNegatives(everything, u, NEGATIVES, log.itemIds.size, rng), r * (NEGATIVES + 1) + 1);
  });
  return { train: split.train, users, items };
}

/** HR@10 of the rows' targets from their scores (a tie counts against the target). */
export function validationHr(scores: Float32Array): number {
  const rows = scores.length / (NEGATIVES + 1);
  let hits = 0;
  for (let r = 0; r < rows; r++) {
    const base = r * (NEGATIVES + 1);
    let above = 0;
    for (let j = 1; j <= NEGATIVES; j++) if (scores[base + j] >= scores[base]) above++;
    if (above < 10) hits++;
  }
  return rows > 0 ? hits / rows : 0;
}
