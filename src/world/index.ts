/**
 * The seeded professional-world simulator: members, companies, skills, titles, careers, courses and
 * watch logs, jobs and recruiter logs, a social graph and feed logs — with known ground truth.
 */
export { generateWorld, WORLD_NOW, WORLD_NOW_MONTH } from './generate';
export { resolveWorldOptions, SEED_CANDIDATE_MIX } from './options';
export type { CandidateMix, ResolvedWorldOptions, WorldOptions } from './options';
export type {
  Activities, Careers, Catalog, Companies, Courses, Feed, FeedLog, Jobs, Members, RecruiterLog, RecruiterQueries, WatchLog, World,
} from './types';
export { csrHas, csrLength, csrRow } from './csr';
export type { Csr, IdArray } from './csr';
export { ActorType, ACTOR_TYPE_NAMES, Inventory, INVENTORY_NAMES, ObjectType, OBJECT_TYPE_NAMES, Outcome, Verb, VERB_NAMES } from './feed-enums';
export { COURSE_AFFINITY, interestMatch, isRelevantWatch, skillGap, targetDifficulty, trueCourseAffinity } from './course-truth';
export type { CourseWorld } from './course-truth';
export { ANY_LOCATION, INMAIL_ACCEPT, inmailAcceptProb, isRelevant, RELEVANCE, relevanceScore } from './recruiter-truth';
export type { RecruiterWorld } from './recruiter-truth';
export { AFTER_CLICK, ENGAGEMENT, trueEngagementLogit, trueEngagementProb, trueEngagementTerms } from './feed-truth';
export type { EngagementTerms, FeedWorld } from './feed-truth';
export { buildFeedIndex, drawCandidate, generateCandidates, mixCumulative } from './candidates';
export type { FeedIndex } from './candidates';
export { oraclePolicy, simulatePolicyCtr, uniformPolicyCtr } from './policy';
export type { FeedPolicy, PolicyContext } from './policy';
export { describeActivity, describeMember, SENIORITY_NAMES, titleWithSeniority, worldBytes, worldCounts } from './describe';
export { MIN_YEARS_BY_SENIORITY, seniorityForYears } from './members';
export { queryText } from './recruiter';
export { WORLD_VOCAB } from './catalog';
export type { VocabFamily, VocabIndustry, VocabLocation, VocabSector, VocabSkill, VocabSource, VocabTitle, WorldVocab } from './vocab-types';
