/**
 * The simulated world as plain data: struct-of-arrays with typed arrays and CSR lists, no functions,
 * so it can be posted to a worker or measured. Ground truth is computed from it by truth functions.
 * Ids are dense indices (member 0 … count − 1, and so on). Times are Unix seconds; career dates are
 * months `year * 12 + month0`.
 */
import type { SparseRows } from '../data/index.ts';
import type { ResolvedWorldOptions } from './options.ts';

/** Names and groupings of the small vocabularies (from vocab.json). */
export interface Catalog {
  /** Job families, the latent topics (K = families.length). */
  families: string[];
  sectors: { code: string; name: string }[];
  industryCode: string[];
  industryName: string[];
  /** Sector index of each industry group. */
  industrySector: Uint8Array;
  titleName: string[];
  titleFamily: Uint8Array;
  skillName: string[];
  skillFamily: Uint8Array;
  /** Within-family popularity of each skill (drives which skills members and jobs list). */
  skillWeight: Float32Array;
  locationName: string[];
  locationCountry: string[];
}

/** Companies: industry, latent family, size and home location. */
export interface Companies {
  count: number;
  name: string[];
  industry: Uint16Array;
  family: Uint8Array;
  /** Headcount class (1, 10, 20, 100, 500, 1000, 5000, 10000), from the survey's distribution. */
  size: Uint32Array;
  location: Uint8Array;
}

/** Career history (CSR by member, oldest first): company, title, start and end month of each position. */
export interface Careers {
  offsets: Uint32Array;
  company: Uint32Array;
  title: Uint16Array;
  start: Uint16Array;
  /** Exclusive end month; the last (current) position ends at `World.nowMonth`. */
  end: Uint16Array;
}

/** Members. `interests`, `feedPropensity` and `inmailResponsiveness` are latent (ground truth only). */
export interface Members {
  count: number;
  /** Primary family (latent; the argmax of `interests`). */
  family: Uint8Array;
  /** Latent interest mixture over families, row-major `count × K`, rows sum to 1. */
  interests: Float32Array;
  title: Uint16Array;
  /** 0 entry, 1 mid, 2 senior, 3 lead, 4 executive. */
  seniority: Uint8Array;
  yearsExperience: Uint8Array;
  location: Uint8Array;
  /** 1 when open to new jobs. */
  jobSeeking: Uint8Array;
  /** Current company (the last position of `history`). */
  company: Uint32Array;
  /** Sorted skill ids per member. */
  skills: SparseRows<Uint16Array>;
  history: Careers;
  /** Latent per-member engagement bias in the feed (logit units). */
  feedPropensity: Float32Array;
  /** Latent per-member InMail response bias (logit units). */
  inmailResponsiveness: Float32Array;
}

/** The learning catalogue. `topics` and `quality` are latent. */
export interface Courses {
  count: number;
  title: string[];
  /** Category = family. */
  category: Uint8Array;
  /** 0 beginner, 1 intermediate, 2 advanced. */
  difficulty: Uint8Array;
  lengthSeconds: Uint32Array;
  /** Sorted skill ids taught. */
  skills: SparseRows<Uint16Array>;
  /** Latent topic mixture, `count × K`. */
  topics: Float32Array;
  quality: Float32Array;
}

/** Course watch log, grouped by member. A watch is engagement iff `seconds >= relevantSeconds`. */
export interface WatchLog {
  count: number;
  member: Uint32Array;
  course: Uint32Array;
  /** Seconds watched (at most the course length, itself at most 6 h). */
  seconds: Uint16Array;
  time: Uint32Array;
  relevantSeconds: number;
}

/** Job postings. */
export interface Jobs {
  count: number;
  company: Uint32Array;
  title: Uint16Array;
  family: Uint8Array;
  seniority: Uint8Array;
  location: Uint8Array;
  skills: SparseRows<Uint16Array>;
  postedAt: Uint32Array;
}

/** Recruiter queries: structured fields plus generated free text. `location` 255 means anywhere. */
export interface RecruiterQueries {
  count: number;
  /** The job posting the query was written for. */
  job: Uint32Array;
  title: Uint16Array;
  seniority: Uint8Array;
  location: Uint8Array;
  minYears: Uint8Array;
  skills: SparseRows<Uint16Array>;
  text: string[];
}

/** Logged InMails: one row per (query, member) sent; positive = relevant and accepted. */
export interface RecruiterLog {
  count: number;
  query: Uint32Array;
  member: Uint32Array;
  relevant: Uint8Array;
  accepted: Uint8Array;
}

/** Feed activities as actor–verb–object triplets (enums in feed-enums.ts). */
export interface Activities {
  count: number;
  inventory: Uint8Array;
  actorType: Uint8Array;
  actor: Uint32Array;
  verb: Uint8Array;
  objectType: Uint8Array;
  /** Index into the table named by `objectType` (articles, posts, jobs or members). */
  object: Uint32Array;
  /** Family (topic) of the object. */
  family: Uint8Array;
  createdAt: Uint32Array;
  likes: Uint32Array;
  comments: Uint32Array;
  shares: Uint32Array;
}

/** Logged sessions of the uniformly random policy, and the impressions shown in them. */
export interface FeedLog {
  sessions: { count: number; member: Uint32Array; time: Uint32Array; candidates: SparseRows<Uint32Array> };
  /** Shown items: `position` is the display slot; each slot is a uniform draw from the candidates. */
  impressions: {
    count: number;
    session: Uint32Array;
    activity: Uint32Array;
    position: Uint8Array;
    outcome: Uint8Array;
  };
}

/** Social graph, content and feed logs. */
export interface Feed {
  /** Undirected member–member connections, sorted rows. */
  connections: SparseRows<Uint32Array>;
  /** Member → followed companies, sorted rows. */
  follows: SparseRows<Uint32Array>;
  articles: { count: number; publisher: Uint32Array; family: Uint8Array; quality: Float32Array };
  posts: { count: number; author: Uint32Array; family: Uint8Array; quality: Float32Array };
  activities: Activities;
  log: FeedLog;
}

/** The whole simulated professional world. */
export interface World {
  seed: number;
  options: ResolvedWorldOptions;
  /** "Now" in Unix seconds (all logs end before it). */
  now: number;
  /** "Now" as a career month. */
  nowMonth: number;
  /** Number of latent families (topics). */
  k: number;
  catalog: Catalog;
  companies: Companies;
  members: Members;
  courses: Courses;
  watches: WatchLog;
  jobs: Jobs;
  recruiter: { queries: RecruiterQueries; log: RecruiterLog };
  feed: Feed;
}
