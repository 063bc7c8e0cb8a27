import { describe, expect, it } from 'vitest';
import { csrPosition, IdMap, makeInteractionLog, userItemRows } from '../../data/index.ts';
import { positiveWindows } from './windows.ts';
import { windowOf } from './windows.ts';
import { causalSeedBatch } from './seed-batch.ts';
import { batchFeature, buildTimeline, learnerFeatures, recentWatches } from './timeline.ts';

const DAY = 86_400;
// u0 watches 2, 0, 1 on days 1, 2, 3 (and 0 again on day 9); u1 watches 0 on day 100; u2 watches 1, 3 on days 2, 40.
const log = makeInteractionLog({
  users: Int32Array.of(0, 0, 0, 0, 1, 2, 2),
  items: Int32Array.of(2, 0, 1, 0, 0, 1, 3),
  times: Float64Array.of(1, 2, 3, 9, 100, 2, 40).map((d) => d * DAY),
  userIds: new IdMap([0, 1, 2]),
  itemIds: new IdMap([0, 1, 2, 3]),
});
const rows = userItemRows(log);
const window = (w: ReturnType<typeof positiveWindows>, u: number, item: number) => {
  return Array.from(windowOf(w, csrPosition(rows, u, item)));
};

describe('NCF time context', () => {
  it('each course keeps one sorted day per learner (their latest watch); learners sit at their latest day', () => {
    const { timeline, positiveDay } = buildTimeline(log, rows);
    expect(Array.from(timeline.days.subarray(timeline.ptr[0], timeline.ptr[1]))).toEqual([9, 100]);
    expect(Array.from(timeline.days.subarray(timeline.ptr[1], timeline.ptr[2]))).toEqual([2, 3]);
    expect(Array.from(timeline.learnerDay)).toEqual([9, 100, 40]);
    expect(positiveDay[csrPosition(rows, 0, 0)]).toBe(9);
  });

  it('counts watches within ±W days, leaving the row’s own watch out', () => {
    const { timeline } = buildTimeline(log, rows);
    expect(recentWatches(timeline, 1, 2, 1, 0)).toBeCloseTo(Math.log1p(2), 6); // days 2 and 3 both within ±1 of day 2
    expect(recentWatches(timeline, 1, 2, 0.5, 0)).toBeCloseTo(Math.log1p(1), 6);
    expect(recentWatches(timeline, 0, 50, 10, 0)).toBe(0);
    // A positive's own watch is not evidence for itself; a negative keeps the count.
    const f = batchFeature(timeline, Int32Array.of(1, 1), Float32Array.of(3, 3), Float32Array.of(1, 0), 1);
    expect(f[0]).toBeCloseTo(Math.log1p(1), 6);
    expect(f[1]).toBeCloseTo(Math.log1p(2), 6);
    // Serving: learner 2 (day 40) against every course with a 60-day window.
    const all = learnerFeatures(timeline, Int32Array.of(2), 60);
    expect(Array.from(all).map((x) => Math.round(Math.expm1(x)))).toEqual([2, 2, 1, 1]);
  });

  it('causal windows hold only earlier courses, the latest `window` of them', () => {
    const all = positiveWindows(log, rows, 0);
    expect(window(all, 0, 2)).toEqual([]);
    expect(window(all, 0, 1)).toEqual([0, 2]);
    // The re-watch of course 0 (day 9) takes the pair's latest watch: everything else came before it.
    expect(window(all, 0, 0)).toEqual([1, 2]);
    expect(window(positiveWindows(log, rows, 1), 0, 0)).toEqual([1]);
    expect(window(all, 2, 3)).toEqual([1]);
  });

  it('a causal batch reads each row’s positive window and never flags the row’s own course', () => {
    const w = positiveWindows(log, rows, 0);
    const p = csrPosition(rows, 0, 1);
    const courses = {
      ...rows,
      nRows: 4,
      nCols: 4,
      indptr: Int32Array.of(0, 1, 2, 3, 4),
      indices: Int32Array.of(0, 1, 2, 3),
      values: new Float32Array(4).fill(1),
    };
    const b = causalSeedBatch(Int32Array.of(p, p), Int32Array.of(1, 3), w, courses);
    expect(b.learners.n).toBe(1);
    expect(Array.from(b.learners.idx)).toEqual([0, 2]);
    expect(Array.from(b.inHist)).toEqual([0, 0]);
  });
});
