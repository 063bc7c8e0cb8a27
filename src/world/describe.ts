/**
 * Readable views of a world: entity counts, typed-array memory, and one-line descriptions of members,
 * jobs and feed activities for demos and debugging.
 */
import { ActorType, INVENTORY_NAMES, ObjectType, VERB_NAMES } from './feed-enums.ts';
import type { World } from './types.ts';

/** Seniority prefixes of a title (0 entry … 4 executive). */
export const SENIORITY_NAMES = ['Junior', '', 'Senior', 'Lead', 'Principal'] as const;

/** Total bytes held in the world's typed arrays (strings and small objects not counted). */
export function worldBytes(value: unknown): number {
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (value === null || typeof value !== 'object') return 0;
  let bytes = 0;
  for (const v of Object.values(value)) bytes += worldBytes(v);
  return bytes;
}

/** Number of entities and log rows of each kind. */
export function worldCounts(w: World): Record<string, number> {
  return {
    members: w.members.count,
    companies: w.companies.count,
    positions: w.members.history.company.length,
    memberSkills: w.members.skills.indices.length,
    courses: w.courses.count,
    watches: w.watches.count,
    jobs: w.jobs.count,
    queries: w.recruiter.queries.count,
    inmails: w.recruiter.log.count,
    connections: w.feed.connections.indices.length / 2,
    follows: w.feed.follows.indices.length,
    activities: w.feed.activities.count,
    sessions: w.feed.log.sessions.count,
    candidates: w.feed.log.sessions.candidates.indices.length,
    impressions: w.feed.log.impressions.count,
  };
}

/** "Senior Data Scientist" for a title id and seniority. */
export function titleWithSeniority(w: World, title: number, seniority: number): string {
  const prefix = SENIORITY_NAMES[seniority];
  return prefix ? `${prefix} ${w.catalog.titleName[title]}` : w.catalog.titleName[title];
}

/** "member 12: Senior Data Scientist at Avnet, Berlin, 7 years (job seeking)". */
export function describeMember(w: World, m: number): string {
  const mem = w.members;
  const title = titleWithSeniority(w, mem.title[m], mem.seniority[m]);
  const seeking = mem.jobSeeking[m] ? ' (job seeking)' : '';
  return `member ${m}: ${title} at ${w.companies.name[mem.company[m]]}, ${w.catalog.locationName[mem.location[m]]}, ${mem.yearsExperience[m]} years${seeking}`;
}

/** "Avnet posted job 3: Senior Web Developer in Berlin"; "member 5 shared article 9 (Healthcare)". */
export function describeActivity(w: World, a: number): string {
  const act = w.feed.activities;
  const actor = act.actorType[a] === ActorType.COMPANY ? w.companies.name[act.actor[a]] : `member ${act.actor[a]}`;
  const verb = VERB_NAMES[act.verb[a]];
  const obj = act.object[a];
  const what =
    act.objectType[a] === ObjectType.JOB
      ? `job ${obj}: ${titleWithSeniority(w, w.jobs.title[obj], w.jobs.seniority[obj])} in ${w.catalog.locationName[w.jobs.location[obj]]}`
      : act.objectType[a] === ObjectType.PROFILE
        ? `profile of member ${obj}`
        : `${act.objectType[a] === ObjectType.ARTICLE ? 'article' : 'post'} ${obj} (${w.catalog.families[act.family[a]]})`;
  return `[${INVENTORY_NAMES[act.inventory[a]]}] ${actor} ${verb} ${what}`;
}
