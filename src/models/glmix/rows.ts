/**
 * GLMix's training rows: every watch (a positive past the duration threshold, weighted by watch time;
 * a negative below it) plus sampled unwatched courses as negatives, and the three design blocks.
 */
import { csrHas, Rng, userItemRows } from '../../data/index.ts';
import type { CourseData, CourseSide } from './data.ts';
import { blockWidths, courseRow, fixedRow, memberRow } from './features.ts';
import type { BlockData } from './newton.ts';

/** The rows and their labels and importance weights. */
export interface GlmixRows {
  members: Int32Array;
  courses: Int32Array;
  y: Float32Array;
  w: Float32Array;
}

/** A watch's label and importance: positive past the threshold, weighted by watch time; else a plain negative. */
export function watchLabel(seconds: number, relevantSeconds: number): { y: number; w: number } {
  const pos = seconds >= relevantSeconds;
  // Watch time as importance: a long watch says more than a threshold-grazing one.
  return { y: pos ? 1 : 0, w: pos ? Math.log2(1 + seconds / relevantSeconds) : 1 };
}

/** One course drawn uniformly among those `seen` does not hold (the caller checks one exists). */
function unseenCourse(rng: Rng, nItems: number, seen: (i: number) => boolean): number {
  let i = rng.int(nItems);
  while (seen(i)) i = rng.int(nItems);
  return i;
}

/** Watches plus `negatives` sampled unwatched courses per watch. */
export function trainingRows(data: CourseData, negatives: number, seed: number): GlmixRows {
  const { log, relevantSeconds } = data;
  const seen = userItemRows(log);
  const rng = new Rng(seed).fork('glmix-negatives');
  const m: number[] = [];
  const c: number[] = [];
  const y: number[] = [];
  const w: number[] = [];
  const nItems = log.itemIds.size;
  for (let k = 0; k < log.length; k++) {
    const u = log.users[k];
    const label = watchLabel(log.values[k], relevantSeconds);
    m.push(u), c.push(log.items[k]), y.push(label.y), w.push(label.w);
    const unseen = nItems - (seen.indptr[u + 1] - seen.indptr[u]);
    for (let j = 0; j < negatives && unseen > 0; j++) {
      m.push(u), c.push(unseenCourse(rng, nItems, (i) => csrHas(seen, u, i))), y.push(0), w.push(1);
    }
  }
  return { members: Int32Array.from(m), courses: Int32Array.from(c), y: Float32Array.from(y), w: Float32Array.from(w) };
}

/**
 * One person's rows, as `trainingRows` builds a member's (member index 0): each watch labelled by
 * {@link watchLabel}, then `negatives` unwatched courses per watch from `rng`. The same history and
 * rng state give the same rows, so a fold-in is a pure function of the history.
 */
export function personRows(
  items: Int32Array,
  seconds: Float32Array,
  relevantSeconds: number,
  nItems: number,
  negatives: number,
  rng: Rng,
): GlmixRows {
  const watched = new Set(items);
  const unseen = nItems - watched.size;
  const c: number[] = [];
  const y: number[] = [];
  const w: number[] = [];
  for (let k = 0; k < items.length; k++) {
    const label = watchLabel(seconds[k], relevantSeconds);
    c.push(items[k]), y.push(label.y), w.push(label.w);
    for (let j = 0; j < negatives && unseen > 0; j++) {
      c.push(unseenCourse(rng, nItems, (i) => watched.has(i))), y.push(0), w.push(1);
    }
  }
  return {
    members: new Int32Array(c.length),
    courses: Int32Array.from(c),
    y: Float32Array.from(y),
    w: Float32Array.from(w),
  };
}

/** The three design blocks of rows (members[k], courses[k]). */
export function designBlocks(
  data: CourseSide,
  nUsers: number,
  nItems: number,
  members: Int32Array,
  courses: Int32Array,
): { fixed: BlockData; member: BlockData; course: BlockData } {
  const n = members.length;
  const d = blockWidths(data);
  const xf = new Float32Array(n * d.fixed);
  const xm = new Float32Array(n * d.member);
  const xc = new Float32Array(n * d.course);
  for (let k = 0; k < n; k++) {
    fixedRow(data, members[k], courses[k], xf, k * d.fixed);
    courseRow(data, courses[k], xm, k * d.member);
    memberRow(data, members[k], xc, k * d.course);
  }
  return {
    fixed: { x: xf, d: d.fixed, entity: new Int32Array(n), nEntities: 1 },
    member: { x: xm, d: d.member, entity: members, nEntities: nUsers },
    course: { x: xc, d: d.course, entity: courses, nEntities: nItems },
  };
}
