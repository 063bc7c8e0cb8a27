import { describe, expect, it } from 'vitest';
import {
  csrPosition,
  IdMap,
  type InteractionLog,
  makeInteractionLog,
  type SparseRows,
  userItemRows,
} from '../../data/index.ts';
import { Rng } from '../../data/rng.ts';
import { learnerRows } from './inputs.ts';
import { causalSeedBatch } from './seed-batch.ts';
import { flatWindows, positiveWindows, windowOf } from './windows.ts';

/** The windows as the first implementation built them (quadratic, spread-based): the reference. */
function referenceWindows(log: InteractionLog, rows: SparseRows, window: number): Int32Array[] {
  const byUser: number[][] = Array.from({ length: rows.nRows }, () => []);
  for (let k = 0; k < log.length; k++) byUser[log.users[k]].push(k);
  const windows: Int32Array[] = new Array(rows.indices.length).fill(new Int32Array(0));
  for (let u = 0; u < rows.nRows; u++) {
    const seq = byUser[u].sort((a, b) => log.times[a] - log.times[b] || a - b).map((k) => log.items[k]);
    let recent: number[] = [];
    for (const item of seq) {
      const p = csrPosition(rows, u, item);
      const before = recent.filter((j) => j !== item);
      if (p >= 0) windows[p] = Int32Array.from(window > 0 ? before.slice(-window) : before).sort();
      before.push(item);
      recent = before.slice(-(window > 0 ? window + 1 : before.length));
    }
  }
  return windows;
}

/** A log of `n` events over few users and items, with tied times and re-watches. */
function randomLog(seed: number, n: number, nUsers: number, nItems: number): InteractionLog {
  const rng = new Rng(seed);
  const users = Int32Array.from({ length: n }, () => rng.int(nUsers));
  users.set(Int32Array.from({ length: nUsers }, (_, u) => u)); // every user present
  return makeInteractionLog({
    users,
    items: Int32Array.from({ length: n }, () => rng.int(nItems)),
    times: Float64Array.from({ length: n }, () => rng.int(20)),
    userIds: new IdMap(Array.from({ length: nUsers }, (_, u) => u)),
    itemIds: new IdMap(Array.from({ length: nItems }, (_, i) => i)),
  });
}

/** One learner who watched `n` distinct courses in order (course i at time i). */
function bingeLog(n: number): InteractionLog {
  return makeInteractionLog({
    users: new Int32Array(n),
    items: Int32Array.from({ length: n }, (_, i) => i),
    times: Float64Array.from({ length: n }, (_, i) => i),
    userIds: new IdMap([0]),
    itemIds: new IdMap(Array.from({ length: n }, (_, i) => i)),
  });
}

describe('causal windows', () => {
  it.each([0, 1, 3, 8, 100])('equal the reference implementation with window %i', (window) => {
    for (const seed of [1, 2, 3]) {
      const log = randomLog(seed, 600, 7, 40);
      const rows = userItemRows(log);
      const want = referenceWindows(log, rows, window);
      const got = positiveWindows(log, rows, window);
      for (let p = 0; p < rows.indices.length; p++) expect(Array.from(windowOf(got, p))).toEqual(Array.from(want[p]));
    }
  });

  it('a batch flattens the same windows, with segments and counts', () => {
    const log = randomLog(5, 300, 4, 25);
    const rows = userItemRows(log);
    const want = referenceWindows(log, rows, 0);
    const ids = [3, 0, 17, 3];
    const flat = flatWindows(positiveWindows(log, rows, 0), ids);
    expect(Array.from(flat.idx)).toEqual(ids.flatMap((p) => Array.from(want[p])));
    expect(Array.from(flat.count)).toEqual(ids.map((p) => want[p].length));
    expect(Array.from(flat.seg)).toEqual(ids.flatMap((p, r) => Array.from(want[p], () => r)));
    const noCourses = {
      nRows: 25,
      nCols: 25,
      indptr: new Int32Array(26),
      indices: new Int32Array(0),
      values: new Float32Array(0),
    };
    const batch = causalSeedBatch(Int32Array.of(3, 17), Int32Array.of(0, 1), positiveWindows(log, rows, 2), noCourses);
    const want2 = referenceWindows(log, rows, 2);
    expect(Array.from(batch.learners.idx)).toEqual(Array.from(want2[3]).concat(Array.from(want2[17])));
  });

  // Before: `recent.push(...before.slice())` overflowed the stack past ~124k courses, and causal windows
  // were rebuilt by copying the whole history per watch (16k courses: 7.9 s).
  it('a 150k-course learner with window 0 builds without overflowing, linearly', () => {
    const n = 150_000;
    const log = bingeLog(n);
    const rows = userItemRows(log);
    const w = positiveWindows(log, rows, 0);
    expect(w.kind).toBe('prefix');
    expect(Array.from(windowOf(w, 0))).toEqual([]);
    expect(Array.from(windowOf(w, 3))).toEqual([0, 1, 2]);
    expect(windowOf(w, n - 1).length).toBe(n - 1);
    const learners = learnerRows(log, 0);
    expect(learners.indptr[1]).toBe(n);
    expect(learners.indices[n - 1]).toBe(n - 1);
  });

  it('a 16k-course causal learner builds in linear time, and windows of 50 are the latest 50', () => {
    const n = 16_000;
    const log = bingeLog(n);
    const rows = userItemRows(log);
    const t0 = performance.now();
    const all = positiveWindows(log, rows, 0);
    const latest = positiveWindows(log, rows, 50);
    const ms = performance.now() - t0;
    expect(windowOf(all, 9_000).length).toBe(9_000);
    expect(Array.from(windowOf(latest, 9_000))).toEqual(Array.from({ length: 50 }, (_, i) => 8_950 + i));
    expect(ms).toBeLessThan(2_000); // was 7.9 s; linear is a few tens of ms
  });
});
