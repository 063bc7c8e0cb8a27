/**
 * The profile match behind a GLMix score, in words a learner understands ("teaches skill Y, which
 * your profile lists"). GLMix explains with it alone; the blender weighs it against co-watch evidence.
 */
import type { CourseSide } from './data.ts';
import { skillMatch } from './features.ts';

/** A reason drawn from member and course features. */
export interface ProfileReason {
  source: 'glmix';
  text: string;
}

/** Why the features recommend course `item` to member `user`: a shared skill, else the category. */
export function profileReason(side: CourseSide, user: number, item: number): ProfileReason {
  const { shared, familyShare } = skillMatch(side, user, item);
  if (shared.length > 0) {
    const skill = side.skillNames?.[shared[0]] ?? `skill ${shared[0]}`;
    return { source: 'glmix', text: `Teaches ${skill}, which your profile lists` };
  }
  const category = side.categoryNames?.[side.courses.category[item]] ?? `category ${side.courses.category[item]}`;
  if (familyShare > 0) return { source: 'glmix', text: `In ${category}, where your skills are` };
  return { source: 'glmix', text: `Popular with learners at your level in ${category}` };
}
