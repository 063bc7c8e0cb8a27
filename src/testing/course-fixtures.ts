/**
 * Course data around a contract fixture log, for the models that train on watches with features
 * (GLMix, the blender): every watch counts as relevant, members share one profile, and a course's
 * category is its parity — so the checkerboard's answer is learnable from features as well as ids.
 */
import type { InteractionLog } from '../data/index.ts';
import type { CourseData } from '../models/glmix/index.ts';

/** `log` with uniform member features and courses in two categories (even, odd). */
export function courseFixture(log: InteractionLog): CourseData {
  const nU = log.userIds.size;
  const nI = log.itemIds.size;
  const noSkills = (n: number) => ({ nRows: n, nCols: 0, indptr: new Int32Array(n + 1), indices: new Int32Array(0) });
  return {
    log,
    relevantSeconds: 1,
    members: { seniority: new Uint8Array(nU), industry: new Uint16Array(nU), skills: noSkills(nU) },
    courses: {
      difficulty: new Uint8Array(nI),
      category: Uint8Array.from({ length: nI }, (_, i) => i % 2),
      skills: noSkills(nI),
    },
    nSeniority: 1,
    nCategories: 2,
    skillFamily: new Uint8Array(0),
  };
}
