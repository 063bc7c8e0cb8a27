/**
 * `generateWorld`: the seeded professional world. Each component draws from its own forked stream,
 * so the same seed and options reproduce every array exactly.
 */
import { Rng } from '../data/rng.ts';
import { generateActivities, generateArticles, generatePosts } from './activities.ts';
import { buildFeedIndex } from './candidates.ts';
import { buildCatalog, catalogSamplers } from './catalog.ts';
import { generateCareers } from './careers.ts';
import { companySamplers, generateCompanies } from './companies.ts';
import { generateCourses, generateWatches } from './courses.ts';
import { generateFeedLog } from './feed-log.ts';
import { generateJobs } from './jobs.ts';
import { generateProfiles } from './members.ts';
import { resolveWorldOptions, type WorldOptions } from './options.ts';
import { generateInmailLog, generateQueries } from './recruiter.ts';
import { generateConnections, generateFollows } from './social.ts';
import type { Feed, Members, World } from './types.ts';

/** "Now" of every world: 2024-01-01T00:00:00Z. */
export const WORLD_NOW = Date.UTC(2024, 0, 1) / 1000;
/** "Now" as a career month (`year * 12 + month0`). */
export const WORLD_NOW_MONTH = 2024 * 12;

/**
 * Generates a world. Deterministic per `seed` and options; sizes scale with `members`.
 *
 * @example
 * ```ts
 * import { generateWorld, trueCourseAffinity } from 'linkrec/world';
 * const w = generateWorld({ members: 10_000, seed: 42 });
 * w.members.count;                       // 10000
 * trueCourseAffinity(w, 0, 5);           // ground truth, in (0, 1)
 * w.recruiter.queries.text[0];           // e.g. "senior data scientist with Kafka in Berlin"
 * ```
 */
export function generateWorld(options: WorldOptions): World {
  const o = resolveWorldOptions(options);
  const root = new Rng(o.seed);
  const now = WORLD_NOW,
    nowMonth = WORLD_NOW_MONTH;
  const catalog = buildCatalog(root.fork('catalog'));
  const k = catalog.families.length;
  const s = catalogSamplers(catalog);
  const companies = generateCompanies(root.fork('companies'), o.companies, s);
  const cs = companySamplers(companies, k);
  const profiles = generateProfiles(root.fork('members'), o.members, k, s, o.jobSeekerRate);
  const careers = generateCareers(root.fork('careers'), profiles, k, nowMonth, s, cs);
  const members: Members = { ...profiles, ...careers };
  const courses = generateCourses(root.fork('courses'), o.courses, k, catalog, s);
  const watches = generateWatches(
    root.fork('watches'),
    { k, members, courses },
    o.watchesPerMember,
    o.relevantWatchSeconds,
    now,
  );
  const jobs = generateJobs(root.fork('jobs'), o.jobs, companies, cs, s, now);
  const queries = generateQueries(root.fork('queries'), o.recruiterQueries, jobs, catalog);
  const log = generateInmailLog(
    root.fork('inmails'),
    { members, catalog, recruiter: { queries } },
    k,
    o.inmailsPerQuery,
  );
  const connections = generateConnections(root.fork('connections'), members, k, companies.count, o.avgConnections);
  const follows = generateFollows(root.fork('follows'), members, cs, companies.count);
  const articles = generateArticles(root.fork('articles'), o.articles, k, companies);
  const posts = generatePosts(root.fork('posts'), o.posts, k, members);
  const activities = generateActivities(root.fork('activities'), k, now, members, jobs, articles, posts, {
    network: Math.round(o.members * o.networkActivitiesPerMember),
    pymkRate: o.pymkRate,
  });
  const feedWorld = { k, now, members, jobs, feed: { connections, follows, activities } };
  const index = buildFeedIndex(feedWorld, companies.count);
  const feedLog = generateFeedLog(root.fork('feed-log'), feedWorld, index, {
    sessions: o.feedSessions,
    candidatesPerSession: o.candidatesPerSession,
    shownPerSession: o.shownPerSession,
    mix: o.candidateMix,
  });
  const feed: Feed = { connections, follows, articles, posts, activities, log: feedLog };
  return {
    seed: o.seed,
    options: o,
    now,
    nowMonth,
    k,
    catalog,
    companies,
    members,
    courses,
    watches,
    jobs,
    recruiter: { queries, log },
    feed,
  };
}
