/**
 * Splitting the logged sessions into training and held-out parts, and views of the world whose log
 * holds only the held-out sessions (so the simulator's exact policy CTR is computed over them).
 */
import { Rng } from '../../data/rng.ts';
import type { World } from '../../world/types.ts';

/** Session ids of each part, and their impression ids. */
export interface LogSplit {
  trainSessions: Uint32Array;
  testSessions: Uint32Array;
  trainImpressions: Uint32Array;
  testImpressions: Uint32Array;
}

/** Random session-level split: `trainShare` of the sessions train, the rest are held out. */
export function splitLog(w: World, trainShare: number, seed: number): LogSplit {
  const s = w.feed.log.sessions,
    imp = w.feed.log.impressions,
    rng = new Rng(seed).fork('feed-split');
  const isTrain = Uint8Array.from({ length: s.count }, () => (rng.next() < trainShare ? 1 : 0));
  const pick = (n: number, keep: (i: number) => boolean): Uint32Array =>
    Uint32Array.from(Array.from({ length: n }, (_, i) => i).filter(keep));
  return {
    trainSessions: pick(s.count, (i) => isTrain[i] === 1),
    testSessions: pick(s.count, (i) => isTrain[i] === 0),
    trainImpressions: pick(imp.count, (i) => isTrain[imp.session[i]] === 1),
    testImpressions: pick(imp.count, (i) => isTrain[imp.session[i]] === 0),
  };
}

/** A shallow copy of `w` whose log sessions are only `sessions` (impressions renumbered to match). */
export function worldWithSessions(w: World, sessions: Uint32Array): World {
  const s = w.feed.log.sessions,
    imp = w.feed.log.impressions;
  const offsets = new Int32Array(sessions.length + 1);
  sessions.forEach((id, i) => (offsets[i + 1] = offsets[i] + s.candidates.indptr[id + 1] - s.candidates.indptr[id]));
  const values = new Uint32Array(offsets[sessions.length]);
  sessions.forEach((id, i) =>
    values.set(s.candidates.indices.subarray(s.candidates.indptr[id], s.candidates.indptr[id + 1]), offsets[i]),
  );
  const newId = new Int32Array(s.count).fill(-1);
  sessions.forEach((id, i) => (newId[id] = i));
  const keep = Array.from({ length: imp.count }, (_, i) => i).filter((i) => newId[imp.session[i]] >= 0);
  const log = {
    sessions: {
      count: sessions.length,
      member: Uint32Array.from(sessions, (id) => s.member[id]),
      time: Uint32Array.from(sessions, (id) => s.time[id]),
      candidates: { nRows: sessions.length, nCols: s.candidates.nCols, indptr: offsets, indices: values },
    },
    impressions: {
      count: keep.length,
      session: Uint32Array.from(keep, (i) => newId[imp.session[i]]),
      activity: Uint32Array.from(keep, (i) => imp.activity[i]),
      position: Uint8Array.from(keep, (i) => imp.position[i]),
      outcome: Uint8Array.from(keep, (i) => imp.outcome[i]),
    },
  };
  return { ...w, feed: { ...w.feed, log } };
}
