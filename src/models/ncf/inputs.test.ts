import { describe, expect, it } from 'vitest';
import { IdMap, makeInteractionLog, userItemRows } from '../../data/index.ts';
import { coWatchRows, learnerRows } from './inputs.ts';
import { flatRows } from './flat-rows.ts';
import { seedBatch } from './seed-batch.ts';

// u0 watched 0,1,2 (times 3,2,1); u1 watched 0,1; u2 watched 2,3.
const log = makeInteractionLog({
  users: Int32Array.of(0, 0, 0, 1, 1, 2, 2),
  items: Int32Array.of(0, 1, 2, 0, 1, 2, 3),
  times: Float64Array.of(3, 2, 1, 5, 6, 1, 2),
  userIds: new IdMap([0, 1, 2]),
  itemIds: new IdMap([0, 1, 2, 3]),
});

describe('seed-NCF inputs', () => {
  it('co-watch rows hold the top-N cosine neighbours, then the item itself', () => {
    const cw = coWatchRows(userItemRows(log), 2);
    const row = (i: number) => Array.from(cw.indices.subarray(cw.indptr[i], cw.indptr[i + 1]));
    const w = (i: number) => Array.from(cw.values.subarray(cw.indptr[i], cw.indptr[i + 1]));
    // Item 0 (u0, u1) and item 1 (u0, u1): cosine 2/√(2·2) = 1; item 2 (u0, u2): 1/√(2·2) = 0.5.
    expect(row(0)).toEqual([1, 2, 0]);
    expect(w(0)).toEqual([1, 0.5, 1]);
    // Item 3 was co-watched only with item 2 (u2): 1/√(1·2).
    expect(row(3)).toEqual([2, 3]);
    expect(w(3)[0]).toBeCloseTo(Math.SQRT1_2, 6);
  });

  it('the learner input keeps the latest `window` items by time, sorted', () => {
    const all = learnerRows(log, 0);
    expect(Array.from(all.indices.subarray(all.indptr[0], all.indptr[1]))).toEqual([0, 1, 2]);
    const latest2 = learnerRows(log, 2);
    expect(Array.from(latest2.indices.subarray(latest2.indptr[0], latest2.indptr[1]))).toEqual([0, 1]);
    expect(Array.from(latest2.indices.subarray(latest2.indptr[2], latest2.indptr[3]))).toEqual([2, 3]);
  });

  it('a batch flattens its distinct learners and courses and flags items in the learner input', () => {
    const learners = learnerRows(log, 0);
    const courses = coWatchRows(userItemRows(log), 1);
    const b = seedBatch(Int32Array.of(0, 0, 2), Int32Array.of(1, 3, 3), learners, courses);
    expect(b.learners.n).toBe(2);
    expect(Array.from(b.rowUser)).toEqual([0, 0, 1]);
    expect(Array.from(b.rowItem)).toEqual([0, 1, 1]);
    expect(Array.from(b.inHist)).toEqual([1, 0, 1]);
    expect(Array.from(b.learners.count)).toEqual([3, 2]);
    expect(flatRows(courses, [3]).w.length).toBe(2);
  });
});
