/**
 * Options of `generateWorld`, and their defaults. Every size that costs memory or time is an option,
 * defaulting to a value proportional to `members`.
 */
import { InvalidArgumentError } from '../errors.ts';

/** Share of feed candidates each inventory supplies (normalised; the seed's network share is ½). */
export interface CandidateMix {
  network: number;
  jobs: number;
  news: number;
  pymk: number;
}

/** The seed's mix: "activities from your network" supply about half of the candidates. */
export const SEED_CANDIDATE_MIX: Readonly<CandidateMix> = Object.freeze({
  network: 0.5,
  jobs: 0.2,
  news: 0.15,
  pymk: 0.15,
});

/**
 * Options of {@link generateWorld}. Only `members` is required.
 *
 * @example
 * const world = generateWorld({ members: 10_000, seed: 7 });
 * const small = generateWorld({ members: 1_000, feedSessions: 200, watchesPerMember: 2 });
 */
export interface WorldOptions {
  /** Number of members (1 to 5,000,000). */
  members: number;
  /** PRNG seed; the same seed and options give identical arrays. Default 1. */
  seed?: number;
  /** Companies; default members / 40 (at least 20). */
  companies?: number;
  /** Courses in the learning catalogue; default members / 50, clamped to [100, 20,000]. */
  courses?: number;
  /** Mean course watches per member in the watch log; default 4. */
  watchesPerMember?: number;
  /**
   * Watch length (seconds) from which a watch counts as engagement; default 120. At most 900 (the
   * shortest course), so that a watch is relevant exactly when the member engaged.
   */
  relevantWatchSeconds?: number;
  /** Open job postings; default members / 25 (at least 20). */
  jobs?: number;
  /** Share of members flagged as job seekers; default 0.15. */
  jobSeekerRate?: number;
  /** Recruiter queries; default members / 100 (at least 20). */
  recruiterQueries?: number;
  /** Logged InMails (query, member) per query; default 30. */
  inmailsPerQuery?: number;
  /** Mean connections per member in the social graph; default 12. */
  avgConnections?: number;
  /** Articles (published by companies); default members / 20 (at least 50). */
  articles?: number;
  /** Member posts; default members / 5 (at least 50). */
  posts?: number;
  /** Network activities (share / like / title change) per member; default 0.6. */
  networkActivitiesPerMember?: number;
  /** Share of members with a people-you-may-know item; default 0.1. */
  pymkRate?: number;
  /** Logged feed sessions under the uniformly random policy; default members / 2. */
  feedSessions?: number;
  /** Candidates per session (the union of first-pass results); default 20. */
  candidatesPerSession?: number;
  /** Items shown per session, drawn uniformly from the candidates; default 3. */
  shownPerSession?: number;
  /** Share of candidates per inventory; default `SEED_CANDIDATE_MIX`. */
  candidateMix?: CandidateMix;
}

/** Options with every default filled in. */
export type ResolvedWorldOptions = Required<WorldOptions>;

function check(name: string, v: number, lo: number, hi: number, integer = true): number {
  if (!Number.isFinite(v) || v < lo || v > hi || (integer && !Number.isInteger(v))) {
    throw new InvalidArgumentError(
      `${name} must be ${integer ? 'an integer' : 'a number'} in [${lo}, ${hi}], got ${v}`,
    );
  }
  return v;
}

/** Fills in defaults and validates ranges; throws InvalidArgumentError on a bad value. */
export function resolveWorldOptions(o: WorldOptions): ResolvedWorldOptions {
  const n = check('members', o.members, 1, 5_000_000);
  const per = (d: number, min: number): number => Math.max(min, Math.round(n / d));
  const r: ResolvedWorldOptions = {
    members: n,
    seed: o.seed ?? 1,
    companies: o.companies ?? per(40, 20),
    courses: o.courses ?? Math.min(20_000, per(50, 100)),
    watchesPerMember: o.watchesPerMember ?? 4,
    relevantWatchSeconds: o.relevantWatchSeconds ?? 120,
    jobs: o.jobs ?? per(25, 20),
    jobSeekerRate: o.jobSeekerRate ?? 0.15,
    recruiterQueries: o.recruiterQueries ?? per(100, 20),
    inmailsPerQuery: o.inmailsPerQuery ?? 30,
    avgConnections: o.avgConnections ?? 12,
    articles: o.articles ?? per(20, 50),
    posts: o.posts ?? per(5, 50),
    networkActivitiesPerMember: o.networkActivitiesPerMember ?? 0.6,
    pymkRate: o.pymkRate ?? 0.1,
    feedSessions: o.feedSessions ?? per(2, 1),
    candidatesPerSession: o.candidatesPerSession ?? 20,
    shownPerSession: o.shownPerSession ?? 3,
    candidateMix: { ...(o.candidateMix ?? SEED_CANDIDATE_MIX) },
  };
  check('seed', r.seed, -(2 ** 31), 2 ** 32 - 1);
  for (const k of ['companies', 'courses', 'jobs', 'recruiterQueries', 'articles', 'posts'] as const)
    check(k, r[k], 1, 50_000_000);
  for (const k of ['inmailsPerQuery', 'feedSessions'] as const) check(k, r[k], 0, 50_000_000);
  check('candidatesPerSession', r.candidatesPerSession, 1, 255);
  check('shownPerSession', r.shownPerSession, 1, r.candidatesPerSession);
  check('relevantWatchSeconds', r.relevantWatchSeconds, 1, 900);
  for (const k of ['watchesPerMember', 'avgConnections', 'networkActivitiesPerMember'] as const)
    check(k, r[k], 0, 1000, false);
  for (const k of ['jobSeekerRate', 'pymkRate'] as const) check(k, r[k], 0, 1, false);
  const mix = r.candidateMix;
  const total = mix.network + mix.jobs + mix.news + mix.pymk;
  if (![mix.network, mix.jobs, mix.news, mix.pymk].every((x) => x >= 0) || !(total > 0)) {
    throw new InvalidArgumentError('candidateMix shares must be non-negative and not all zero');
  }
  return r;
}
