/**
 * Ground truth of the feed: the probability that a member interacts with an activity is a logistic
 * function of the seed's feature groups — user (X_i), activity (X_t), user × actor (X_ij),
 * user × activity type (X_ik), user × actor × type (X_ijk) and user × object (X_io) — so a logistic
 * CTR model over such features can learn it.
 */
import { csrHas } from '../data/index.ts';
import { ActorType, Inventory, ObjectType } from './feed-enums.ts';
import { sigmoid } from './sampling.ts';
import type { Feed, World } from './types.ts';

/** The parts of a world the feed truth reads. */
export type FeedWorld = Pick<World, 'k' | 'now' | 'members' | 'jobs'> & {
  feed: Pick<Feed, 'connections' | 'follows' | 'activities'>;
};

/** Coefficients of the engagement logit, by feature group. */
export const ENGAGEMENT = {
  bias: -3.7,
  /** X_t: per-inventory bias (network, jobs, news, pymk). */
  inventory: [0.3, 0, -0.2, -0.3],
  /** X_t: per log(1 + likes + 2·comments + 3·shares). */
  popularity: 0.35,
  /** X_t: per log(1 + age in days). */
  age: -0.3,
  /** X_ij: the actor is a connection / a followed company. */
  connection: 1.0,
  follows: 0.8,
  /** X_ik: job seeker × job post, non-seeker × job post, job seeker × PYMK. */
  seekerJobs: 1.5,
  nonSeekerJobs: -0.5,
  seekerPymk: 0.4,
  /** X_ijk: member worked at the actor company × job post / × company news. */
  alumniJobs: 0.7,
  alumniNews: 0.4,
  /** X_io: per (interest in the object's family − 1/K). */
  interest: 3,
  /** X_io for jobs: seniority fit (0..1) and same city; X_io for profiles: same current company. */
  jobSeniority: 0.8,
  jobLocation: 0.4,
  sameCompany: 0.6,
} as const;

/** Additive contributions to the engagement logit, one per feature group. */
export interface EngagementTerms {
  bias: number;
  user: number;
  activity: number;
  userActor: number;
  userType: number;
  userActorType: number;
  userObject: number;
}

function workedAt(w: FeedWorld, member: number, company: number): boolean {
  const h = w.members.history;
  for (let p = h.offsets[member]; p < h.offsets[member + 1]; p++) if (h.company[p] === company) return true;
  return false;
}

function objectFit(w: FeedWorld, member: number, activity: number): number {
  const a = w.feed.activities,
    m = w.members,
    E = ENGAGEMENT;
  let fit = E.interest * (m.interests[member * w.k + a.family[activity]] - 1 / w.k);
  const obj = a.object[activity];
  if (a.objectType[activity] === ObjectType.JOB) {
    fit +=
      E.jobSeniority * (1 - Math.min(2, Math.abs(m.seniority[member] - w.jobs.seniority[obj])) / 2) -
      E.jobSeniority / 2;
    if (w.jobs.location[obj] === m.location[member]) fit += E.jobLocation;
  } else if (a.objectType[activity] === ObjectType.PROFILE && obj !== member && m.company[obj] === m.company[member]) {
    fit += E.sameCompany;
  }
  return fit;
}

/** The logit's terms for `member` seeing `activity` at time `at` (Unix seconds; default `now`). */
export function trueEngagementTerms(w: FeedWorld, member: number, activity: number, at = w.now): EngagementTerms {
  const a = w.feed.activities,
    m = w.members,
    E = ENGAGEMENT;
  const inv = a.inventory[activity],
    actor = a.actor[activity];
  const isCompany = a.actorType[activity] === ActorType.COMPANY;
  const ageDays = Math.max(0, at - a.createdAt[activity]) / 86400;
  const pop = a.likes[activity] + 2 * a.comments[activity] + 3 * a.shares[activity];
  const seeker = m.jobSeeking[member] === 1;
  let userActor = 0,
    userType = 0,
    userActorType = 0;
  if (isCompany) userActor = csrHas(w.feed.follows, member, actor) ? E.follows : 0;
  else if (csrHas(w.feed.connections, member, actor)) userActor = E.connection;
  if (inv === Inventory.JOBS) userType = seeker ? E.seekerJobs : E.nonSeekerJobs;
  else if (inv === Inventory.PYMK && seeker) userType = E.seekerPymk;
  if (isCompany && workedAt(w, member, actor))
    userActorType = inv === Inventory.JOBS ? E.alumniJobs : inv === Inventory.NEWS ? E.alumniNews : 0;
  return {
    bias: E.bias,
    user: m.feedPropensity[member],
    activity: E.inventory[inv] + E.popularity * Math.log1p(pop) + E.age * Math.log1p(ageDays),
    userActor,
    userType,
    userActorType,
    userObject: objectFit(w, member, activity),
  };
}

/** The engagement logit (sum of the terms). */
export function trueEngagementLogit(w: FeedWorld, member: number, activity: number, at = w.now): number {
  const t = trueEngagementTerms(w, member, activity, at);
  return t.bias + t.user + t.activity + t.userActor + t.userType + t.userActorType + t.userObject;
}

/** True probability that `member` interacts with (clicks) `activity` when shown it at time `at`. */
export function trueEngagementProb(w: FeedWorld, member: number, activity: number, at = w.now): number {
  return sigmoid(trueEngagementLogit(w, member, activity, at));
}

/** Probabilities of a like, comment and share given a click (the outcome bits after CLICK). */
export const AFTER_CLICK = { like: 0.4, comment: 0.15, share: 0.08 } as const;
