/**
 * `linkrec/world`: the seeded professional-world simulator — members, companies, skills, courses,
 * jobs, recruiter and feed logs — with its ground truth.
 *
 * @module linkrec/world
 */
export {
  generateWorld,
  inmailAcceptProb,
  isRelevant,
  isRelevantWatch,
  simulatePolicyCtr,
  trueCourseAffinity,
  trueEngagementProb,
  uniformPolicyCtr,
  describeActivity,
  describeMember,
  Inventory,
  INVENTORY_NAMES,
  worldCounts,
} from './world/index.ts';
export type { FeedPolicy, PolicyContext, World, WorldOptions } from './world/index.ts';
