/**
 * Sparse id bags the two towers read. Query tower: title, wanted skills, city, seniority. Member
 * tower: current title, skills, city, seniority, years bucket, job-seeking flag. Each field has its
 * own id range, so one embedding table serves a tower.
 */
import { csrIndices } from '../../data/index.ts';
import { ANY_LOCATION } from '../../world/recruiter-truth.ts';
import type { Catalog, Members } from '../../world/types.ts';
import type { IdBags } from '../../models/two-tower/model.ts';
import type { TalentQuery } from './query.ts';

/** Field offsets of both towers' id spaces for a catalogue. */
export interface TowerVocab {
  titles: number;
  skills: number;
  locations: number;
  query: number;
  member: number;
}

const SENIORITIES = 5;
const YEAR_BUCKETS = 10;

/** Id-space sizes for `catalog`. */
export function towerVocab(catalog: Pick<Catalog, 'titleName' | 'skillName' | 'locationName'>): TowerVocab {
  const titles = catalog.titleName.length,
    skills = catalog.skillName.length,
    locations = catalog.locationName.length;
  const base = titles + skills + locations + SENIORITIES;
  return { titles, skills, locations, query: base, member: base + YEAR_BUCKETS + 2 };
}

/** A query's ids. */
export function queryIds(v: TowerVocab, q: TalentQuery): number[] {
  const ids = q.title >= 0 ? [q.title] : [];
  for (const s of q.skills) ids.push(v.titles + s);
  if (q.location !== ANY_LOCATION) ids.push(v.titles + v.skills + q.location);
  ids.push(v.titles + v.skills + v.locations + q.seniority);
  return ids;
}

/** A member's ids (a typed-in member's unknown title or city — out of the vocabulary — has none). */
export function memberIds(v: TowerVocab, members: Members, m: number): number[] {
  const ids = members.title[m] < v.titles ? [members.title[m]] : [];
  for (const s of csrIndices(members.skills, m)) ids.push(v.titles + s);
  const base = v.titles + v.skills;
  if (members.location[m] < v.locations) ids.push(base + members.location[m]);
  ids.push(base + v.locations + members.seniority[m]);
  const years = Math.min(YEAR_BUCKETS - 1, Math.floor(members.yearsExperience[m] / 3));
  ids.push(v.query + years, v.query + YEAR_BUCKETS + members.jobSeeking[m]);
  return ids;
}

/** CSR of id bags from a list of bags. */
export function toIdBags(bags: number[][], vocab: number): IdBags {
  const offsets = new Uint32Array(bags.length + 1);
  bags.forEach((b, i) => (offsets[i + 1] = offsets[i] + b.length));
  return { offsets, values: Uint32Array.from(bags.flat()), vocab };
}
