/**
 * {@link CourseData} as plain structured-clone data, so a course-model training request can cross a
 * worker boundary: the log's id maps become their JSON form (an `IdMap` instance would lose its
 * class on the way); every other field already is typed arrays, numbers and strings.
 */
import { IdMap, type IdMapJSON, makeInteractionLog, type SparseRows } from '../../data/index.ts';
import { DataFormatError } from '../../errors.ts';
import { checkNames, isJsonObject } from '../shared/state-checks.ts';
import { checkCourseSide, describeFailure, WIRE_FIELDS } from './check.ts';
import type { CourseData } from './data.ts';

/** The watch log of {@link WireCourseData}: columns plus the id maps' JSON. */
export interface WireWatchLog {
  users: Int32Array;
  items: Int32Array;
  /** Seconds watched. */
  values: Float32Array;
  times: Float64Array;
  userIds: IdMapJSON;
  itemIds: IdMapJSON;
}

/** {@link CourseData} with its log in wire form; what a `{ courses }` training request carries. */
export interface WireCourseData extends Omit<CourseData, 'log'> {
  log: WireWatchLog;
}

/** The wire form of `data` (arrays are shared, not copied: postMessage copies them anyway). */
export function courseDataToWire(data: CourseData): WireCourseData {
  const { log, ...side } = data;
  const { users, items, values, times } = log;
  return {
    ...side,
    log: { users, items, values, times, userIds: log.userIds.toJSON(), itemIds: log.itemIds.toJSON() },
  };
}

/**
 * Rebuilds {@link CourseData} from its wire form, checking every column's type and length, the skill
 * rows' offsets (from 0, non-decreasing, ending at the index count) and indices, and every seniority,
 * difficulty and category against its block — as GLMix's `fit` and state decoder do.
 * @throws DataFormatError naming the field (`courses.members.skills.indptr: decreases at 3 …`).
 */
export function courseDataFromWire(wire: WireCourseData, file = 'course data'): CourseData {
  const bad = (what: string): never => {
    throw new DataFormatError(file, 0, `courses.${what}`);
  };
  const object = (v: unknown, what: string) => (isJsonObject(v) ? v : bad(`${what} must be an object`));
  object(wire, 'data');
  const w = object(wire.log, 'log') as unknown as WireWatchLog;
  const members = object(wire.members, 'members') as unknown as WireCourseData['members'];
  const courses = object(wire.courses, 'courses') as unknown as WireCourseData['courses'];
  const is = (v: unknown, ctor: new (n: number) => ArrayLike<number>, what: string) =>
    v instanceof ctor || bad(`${what} must be a ${ctor.name}`);
  is(w.users, Int32Array, 'log.users'),
    is(w.items, Int32Array, 'log.items'),
    is(w.values, Float32Array, 'log.values'),
    is(w.times, Float64Array, 'log.times');
  is(members.seniority, Uint8Array, 'members.seniority'), is(members.industry, Uint16Array, 'members.industry');
  is(courses.difficulty, Uint8Array, 'courses.difficulty'),
    is(courses.category, Uint8Array, 'courses.category'),
    is(wire.skillFamily, Uint8Array, 'skillFamily');
  rowsOk(members.skills) || bad('members.skills must be sparse rows (nRows, indptr, indices: Int32Array)');
  rowsOk(courses.skills) || bad('courses.skills must be sparse rows (nRows, indptr, indices: Int32Array)');
  let log: CourseData['log'];
  try {
    log = makeInteractionLog({
      users: w.users,
      items: w.items,
      values: w.values,
      times: w.times,
      userIds: IdMap.fromJSON(w.userIds),
      itemIds: IdMap.fromJSON(w.itemIds),
    });
  } catch (err) {
    return bad(`log: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    checkCourseSide('glmix', wire, log.userIds.size, log.itemIds.size, WIRE_FIELDS);
    checkNames('glmix', 'courseNames', wire.courseNames);
  } catch (err) {
    const problem = describeFailure(err);
    if (problem === null) throw err;
    return bad(problem);
  }
  return { ...wire, log };
}

function rowsOk(r: SparseRows | undefined): boolean {
  if (!isJsonObject(r)) return false;
  const rows = r as unknown as SparseRows;
  return Number.isInteger(rows.nRows) && rows.indptr instanceof Int32Array && rows.indices instanceof Int32Array;
}
