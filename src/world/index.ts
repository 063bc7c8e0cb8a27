/**
 * The seeded professional-world simulator: members, companies, skills, titles, careers, courses and
 * watch logs, jobs and recruiter logs, a social graph and feed logs — with known ground truth.
 */
export { generateWorld, WORLD_NOW, WORLD_NOW_MONTH } from './generate.ts';
export { resolveWorldOptions, SEED_CANDIDATE_MIX } from './options.ts';
export type { CandidateMix, ResolvedWorldOptions, WorldOptions } from './options.ts';
export type {
  Activities,
  Careers,
  Catalog,
  Companies,
  Courses,
  Feed,
  FeedLog,
  Jobs,
  Members,
  RecruiterLog,
  RecruiterQueries,
  WatchLog,
  World,
} from './types.ts';
export {
  ActorType,
  ACTOR_TYPE_NAMES,
  Inventory,
  INVENTORY_NAMES,
  ObjectType,
  OBJECT_TYPE_NAMES,
  Outcome,
  Verb,
  VERB_NAMES,
} from './feed-enums.ts';
export {
  COURSE_AFFINITY,
  interestMatch,
  isRelevantWatch,
  skillGap,
  targetDifficulty,
  trueCourseAffinity,
} from './course-truth.ts';
export type { CourseWorld } from './course-truth.ts';
export {
  ANY_LOCATION,
  INMAIL_ACCEPT,
  inmailAcceptProb,
  isRelevant,
  RELEVANCE,
  relevanceScore,
} from './recruiter-truth.ts';
export type { RecruiterWorld } from './recruiter-truth.ts';
export { AFTER_CLICK, ENGAGEMENT, trueEngagementLogit, trueEngagementProb, trueEngagementTerms } from './feed-truth.ts';
export type { EngagementTerms, FeedWorld } from './feed-truth.ts';
export { buildFeedIndex, drawCandidate, generateCandidates, mixCumulative } from './candidates.ts';
export type { FeedIndex } from './candidates.ts';
export { oraclePolicy, simulatePolicyCtr, uniformPolicyCtr } from './policy.ts';
export type { FeedPolicy, PolicyContext } from './policy.ts';
export {
  describeActivity,
  describeMember,
  SENIORITY_NAMES,
  titleWithSeniority,
  worldBytes,
  worldCounts,
} from './describe.ts';
export { MIN_YEARS_BY_SENIORITY, seniorityForYears } from './members.ts';
export { queryText } from './recruiter.ts';
export { WORLD_VOCAB } from './catalog.ts';
export type {
  VocabFamily,
  VocabIndustry,
  VocabLocation,
  VocabSector,
  VocabSkill,
  VocabSource,
  VocabTitle,
  WorldVocab,
} from './vocab-types.ts';
