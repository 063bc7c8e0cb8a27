/**
 * Ranking features of a (query, member) pair. Structured: exact matches on the query's fields.
 * LINE: cosine of the pooled query and member entity vectors, per entity kind — soft matches
 * (a related title, neighbouring skills, companies close to the hiring one).
 */
import { csrHas, csrIndices } from '../../data/index.ts';
import { ANY_LOCATION } from '../../world/recruiter-truth.ts';
import type { Members } from '../../world/types.ts';
import type { TalentQuery } from './query.ts';
import { cosineSim, poolRows, type EntitySpace, type Pooling } from './space.ts';

/** Names of the structured features, in order. */
export const STRUCTURED_FEATURES = ['title', 'skills', 'location', 'years'] as const;
/** Names of the LINE features, in order. */
export const LINE_FEATURES = ['lineTitle', 'lineSkills', 'lineCompanies'] as const;

/** Exact structured matches in [0, 1]: same title, share of wanted skills held, same city, enough years. */
export function structuredFeatures(members: Members, q: TalentQuery, m: number): number[] {
  let have = 0;
  for (const s of q.skills) if (csrHas(members.skills, m, s)) have++;
  return [
    q.title >= 0 && members.title[m] === q.title ? 1 : 0,
    q.skills.length ? have / q.skills.length : 0,
    q.location === ANY_LOCATION || members.location[m] === q.location ? 1 : 0,
    members.yearsExperience[m] >= q.minYears ? 1 : 0,
  ];
}

/** A career slot's title a member typed in without one the model knows (never a world title). */
export const NO_TITLE = 0xffff;
/** A career slot's company a member typed in without one the model knows (never a world company). */
export const NO_COMPANY = 0xffffffff;

/** Distinct companies and titles of a member's career (unknown slots left out), and their skills. */
export function memberEntities(
  members: Members,
  m: number,
): { companies: number[]; titles: number[]; skills: number[] } {
  const h = members.history,
    lo = h.offsets[m],
    hi = h.offsets[m + 1];
  return {
    companies: [...new Set(h.company.subarray(lo, hi))].filter((c) => c !== NO_COMPANY),
    titles: [...new Set(h.title.subarray(lo, hi))].filter((t) => t !== NO_TITLE),
    skills: Array.from(csrIndices(members.skills, m)),
  };
}

/** Pooled entity vectors of one side (query or member). */
export interface PooledBag {
  title: Float32Array;
  skill: Float32Array;
  company: Float32Array;
}

/** Pools a query's entities. */
export function poolQuery(space: EntitySpace, q: TalentQuery, mode: Pooling): PooledBag {
  return {
    title: poolRows(space.title, space.dim, q.title >= 0 ? [q.title] : [], mode),
    skill: poolRows(space.skill, space.dim, q.skills, mode),
    company: poolRows(space.company, space.dim, q.companies, mode),
  };
}

/** Pools a member's entities (career titles and companies, listed skills). */
export function poolMember(space: EntitySpace, members: Members, m: number, mode: Pooling): PooledBag {
  const e = memberEntities(members, m);
  return {
    title: poolRows(space.title, space.dim, e.titles, mode),
    skill: poolRows(space.skill, space.dim, e.skills, mode),
    company: poolRows(space.company, space.dim, e.companies, mode),
  };
}

/** Cosine per entity kind between pooled query and member bags. */
export function lineFeatures(q: PooledBag, m: PooledBag): number[] {
  return [cosineSim(q.title, m.title), cosineSim(q.skill, m.skill), cosineSim(q.company, m.company)];
}
