/**
 * The simulated learning world as training data for the course models: the watch log (values are
 * seconds watched), member features (skills, industry of the current company, seniority) and course
 * features (difficulty, category, skills), with members and courses indexed as in the world.
 */
import { IdMap, makeInteractionLog, type IndexArray, type SparseRows } from '../../data/index.ts';
import type { CourseData } from '../../models/glmix/index.ts';
export { relevantWatches } from '../../models/glmix/relevant.ts';
import type { World } from '../../world/index.ts';

/** The world's watches and features as {@link CourseData} (dense user = member id, item = course id). */
export function courseDataFromWorld(w: World): CourseData {
  const log = makeInteractionLog({
    users: Int32Array.from(w.watches.member),
    items: Int32Array.from(w.watches.course),
    values: Float32Array.from(w.watches.seconds),
    times: Float64Array.from(w.watches.time),
    userIds: new IdMap(
      Array.from({ length: w.members.count }, (_, m) => `m${m}`),
      'member',
    ),
    itemIds: new IdMap(
      Array.from({ length: w.courses.count }, (_, c) => `c${c}`),
      'course',
    ),
  });
  return {
    log,
    relevantSeconds: w.watches.relevantSeconds,
    members: {
      seniority: w.members.seniority,
      industry: Uint16Array.from(w.members.company, (c) => w.companies.industry[c]),
      skills: rows(w.members.skills, w.catalog.skillName.length),
    },
    courses: {
      difficulty: w.courses.difficulty,
      category: w.courses.category,
      skills: rows(w.courses.skills, w.catalog.skillName.length),
    },
    nSeniority: 5,
    nCategories: w.k,
    skillFamily: w.catalog.skillFamily,
    skillNames: w.catalog.skillName,
    categoryNames: w.catalog.families,
  };
}

/** The world's compact id lists widened to Int32 ids (copies: the course data may be posted to a worker). */
function rows(c: SparseRows<IndexArray>, nCols: number): SparseRows {
  return { nRows: c.nRows, nCols, indptr: c.indptr.slice(), indices: Int32Array.from(c.indices) };
}
