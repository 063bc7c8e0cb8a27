/**
 * What GLMix and the blender train on: a watch log plus the member and course features the response
 * model reads (learner skills, industry, seniority; course difficulty, category, skills).
 */
import type { InteractionLog, SparseRows } from '../../data/index.ts';

/** Side features of the members, by dense user index of the log. */
export interface MemberFeatures {
  /** 0 entry … `nSeniority − 1`. */
  seniority: Uint8Array;
  industry: Uint16Array;
  /** Sorted skill ids per member. */
  skills: SparseRows;
}

/** Side features of the courses, by dense item index of the log. */
export interface CourseFeatures {
  /** 0 beginner … 2 advanced. */
  difficulty: Uint8Array;
  /** Category (a skill family), 0 … `nCategories − 1`. */
  category: Uint8Array;
  /** Sorted skill ids taught. */
  skills: SparseRows;
}

/** The features alone (what a fitted model keeps). */
export type CourseSide = Omit<CourseData, 'log'>;

/** A watch log with features. `log.values` are seconds watched. */
export interface CourseData {
  log: InteractionLog;
  /** A watch of at least this many seconds is a positive (engagement); shorter ones are negatives. */
  relevantSeconds: number;
  members: MemberFeatures;
  courses: CourseFeatures;
  nSeniority: number;
  nCategories: number;
  /** Family (category) of each skill id. */
  skillFamily: Uint8Array;
  /** Skill names, for reasons (optional). */
  skillNames?: readonly string[];
  /** Category names, for reasons (optional). */
  categoryNames?: readonly string[];
  /** Course titles by dense item index, for the blender's reasons (optional; GLMix ignores them). */
  courseNames?: readonly string[];
}
