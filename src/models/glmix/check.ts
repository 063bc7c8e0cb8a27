/**
 * The one check of GLMix's features, run wherever they enter: `fit`, a stored state, a training request
 * from another worker. A seniority past `nSeniority` would write a feature into the next member's
 * block, an offset past the skill list would make `fit` loop for seconds: every index that scoring
 * uses as an offset is checked here, once, in linear time.
 */
import { StateFormatError } from '../../errors.ts';
import {
  checkInteger,
  checkLength,
  checkNames,
  checkNumber,
  checkRange,
  checkRows,
  stateError,
} from '../shared/state-checks.ts';
import type { CourseSide } from './data.ts';

/** Most seniority levels (member seniorities are bytes; the global block grows with 3 × this). */
export const MAX_SENIORITY = 100;
/** Most course categories (categories are bytes). */
export const MAX_CATEGORIES = 256;
/** Difficulty levels: 0 beginner … 2 advanced. */
export const DIFFICULTIES = 3;

/** How the fields are named where the features come from (state tensors or request fields). */
export interface CourseFieldNames {
  seniority: string;
  industry: string;
  memberSkills: { ptr: string; idx: string };
  difficulty: string;
  category: string;
  courseSkills: { ptr: string; idx: string };
  skillFamily: string;
  nSeniority: string;
  nCategories: string;
  relevantSeconds: string;
  skillNames: string;
  categoryNames: string;
}

/** Field names of a wire (request) course data. */
export const WIRE_FIELDS: CourseFieldNames = {
  seniority: 'members.seniority',
  industry: 'members.industry',
  memberSkills: { ptr: 'members.skills.indptr', idx: 'members.skills.indices' },
  difficulty: 'courses.difficulty',
  category: 'courses.category',
  courseSkills: { ptr: 'courses.skills.indptr', idx: 'courses.skills.indices' },
  skillFamily: 'skillFamily',
  nSeniority: 'nSeniority',
  nCategories: 'nCategories',
  relevantSeconds: 'relevantSeconds',
  skillNames: 'skillNames',
  categoryNames: 'categoryNames',
};

/** Field names of a GLMix state. */
export const STATE_FIELDS: CourseFieldNames = {
  seniority: 'tensors.m.seniority',
  industry: 'tensors.m.industry',
  memberSkills: { ptr: 'tensors.m.skills.ptr', idx: 'tensors.m.skills.idx' },
  difficulty: 'tensors.c.difficulty',
  category: 'tensors.c.category',
  courseSkills: { ptr: 'tensors.c.skills.ptr', idx: 'tensors.c.skills.idx' },
  skillFamily: 'tensors.skillFamily',
  nSeniority: 'meta.nSeniority',
  nCategories: 'meta.nCategories',
  relevantSeconds: 'meta.relevantSeconds',
  skillNames: 'meta.skillNames',
  categoryNames: 'meta.categoryNames',
};

/**
 * Throws `StateFormatError` (kind `kind`, the field as `names` calls it) unless `side` fits `nUsers`
 * members and `nItems` courses: sizes and bounds, column lengths, every seniority, difficulty and
 * category inside its block, skill lists as sorted rows over the skill vocabulary.
 */
export function checkCourseSide(
  kind: string,
  side: CourseSide,
  nUsers: number,
  nItems: number,
  names: CourseFieldNames,
): void {
  const nSeniority = checkInteger(kind, names.nSeniority, side.nSeniority, 1, MAX_SENIORITY);
  const nCategories = checkInteger(kind, names.nCategories, side.nCategories, 1, MAX_CATEGORIES);
  // A watch's weight divides by the threshold: 0 would make it infinite.
  checkNumber(kind, names.relevantSeconds, side.relevantSeconds, 1e-3); // a smaller threshold overflows the watch weights
  const { members, courses, skillFamily } = side;
  checkLength(kind, names.seniority, members.seniority, nUsers);
  checkRange(kind, names.seniority, members.seniority, 0, nSeniority - 1);
  checkLength(kind, names.industry, members.industry, nUsers);
  checkLength(kind, names.difficulty, courses.difficulty, nItems);
  checkRange(kind, names.difficulty, courses.difficulty, 0, DIFFICULTIES - 1);
  checkLength(kind, names.category, courses.category, nItems);
  checkRange(kind, names.category, courses.category, 0, nCategories - 1);
  if (members.skills.nRows !== nUsers)
    throw stateError(kind, names.memberSkills.ptr, `has ${members.skills.nRows} rows for ${nUsers} members`);
  if (courses.skills.nRows !== nItems)
    throw stateError(kind, names.courseSkills.ptr, `has ${courses.skills.nRows} rows for ${nItems} courses`);
  checkRows(kind, names.memberSkills, members.skills, skillFamily.length, true);
  checkRows(kind, names.courseSkills, courses.skills, skillFamily.length, true);
  const skillNames = checkNames(kind, names.skillNames, side.skillNames);
  if (skillNames && skillNames.length !== skillFamily.length)
    throw stateError(
      kind,
      names.skillNames,
      `names ${skillNames.length} skills, the vocabulary has ${skillFamily.length}`,
    );
  const categoryNames = checkNames(kind, names.categoryNames, side.categoryNames);
  if (categoryNames && categoryNames.length < nCategories)
    throw stateError(kind, names.categoryNames, `names ${categoryNames.length} categories, there are ${nCategories}`);
}

/** The field and problem of a {@link checkCourseSide} failure, for callers that raise another type. */
export function describeFailure(err: unknown): string | null {
  return err instanceof StateFormatError ? err.problem : null;
}
