/**
 * GLMix's three feature blocks for a (member, course) pair: the global model's member × course
 * crosses, the per-member random effect's course features, the per-course random effect's member
 * features. All are small dense vectors, so a block is a dense [rows, d] matrix.
 */
import type { CourseSide as CourseData } from './data.ts';
import { csrHas } from '../../data/index.ts';

const DIFFICULTIES = 3;

/** Widths of the three blocks. */
export function blockWidths(data: Pick<CourseData, 'nSeniority' | 'nCategories'>): {
  fixed: number;
  member: number;
  course: number;
} {
  return {
    fixed: 1 + DIFFICULTIES + data.nCategories + data.nSeniority * DIFFICULTIES + 3,
    member: 1 + DIFFICULTIES + data.nCategories,
    course: 1 + data.nSeniority,
  };
}

/** Writes the global crosses of (m, c) at `out[at..]`. */
export function fixedRow(data: CourseData, m: number, c: number, out: Float32Array, at: number): void {
  const { members, courses, nCategories, nSeniority } = data;
  const diff = courses.difficulty[c];
  const cat = courses.category[c];
  const sen = members.seniority[m];
  out[at] = 1;
  out[at + 1 + diff] = 1;
  out[at + 1 + DIFFICULTIES + cat] = 1;
  out[at + 1 + DIFFICULTIES + nCategories + sen * DIFFICULTIES + diff] = 1;
  const base = at + 1 + DIFFICULTIES + nCategories + nSeniority * DIFFICULTIES;
  const { overlap, familyShare } = skillMatch(data, m, c);
  out[base] = overlap;
  out[base + 1] = familyShare;
  out[base + 2] = familyShare * (1 - overlap);
}

/** Writes the per-member block's features of course `c` at `out[at..]`. */
export function courseRow(data: CourseData, c: number, out: Float32Array, at: number): void {
  out[at] = 1;
  out[at + 1 + data.courses.difficulty[c]] = 1;
  out[at + 1 + DIFFICULTIES + data.courses.category[c]] = 1;
}

/** Writes the per-course block's features of member `m` at `out[at..]`. */
export function memberRow(data: CourseData, m: number, out: Float32Array, at: number): void {
  out[at] = 1;
  out[at + 1 + data.members.seniority[m]] = 1;
}

/**
 * Share of the course's skills the member lists (`overlap`), and share of the member's skills in the
 * course's category (`familyShare`, how much the course is "their field").
 */
export function skillMatch(
  data: CourseData,
  m: number,
  c: number,
): { overlap: number; familyShare: number; shared: number[] } {
  const ms = data.members.skills;
  const cs = data.courses.skills;
  const shared: number[] = [];
  for (let p = cs.indptr[c]; p < cs.indptr[c + 1]; p++) if (csrHas(ms, m, cs.indices[p])) shared.push(cs.indices[p]);
  const taught = cs.indptr[c + 1] - cs.indptr[c];
  const own = ms.indptr[m + 1] - ms.indptr[m];
  let inFamily = 0;
  for (let p = ms.indptr[m]; p < ms.indptr[m + 1]; p++)
    if (data.skillFamily[ms.indices[p]] === data.courses.category[c]) inFamily++;
  return { overlap: taught ? shared.length / taught : 0, familyShare: own ? inFamily / own : 0, shared };
}
