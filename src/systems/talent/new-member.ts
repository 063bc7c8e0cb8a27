/**
 * A member who is not in the training graphs, typed in by name (issue 10): their entities are looked
 * up in the trained world's vocabularies and pooled in the entity space like any member's, so the
 * fitted ranker scores them against a search without retraining. Names match case- and
 * space-insensitively; the ones the model does not know are returned, never silently dropped.
 */
import { InvalidArgumentError } from '../../errors.ts';
import { ANY_LOCATION } from '../../world/recruiter-truth.ts';
import type { Members, World } from '../../world/types.ts';
import { NO_COMPANY, NO_TITLE } from './features.ts';

/** A new member's profile by name. */
export interface NewMemberProfile {
  /** Titles held, oldest first; the last known one is the current title. */
  titles?: string[];
  /** Companies worked at, oldest first; the last known one is the current company. */
  companies?: string[];
  /** Skills listed. */
  skills?: string[];
  /** City (absent or unknown: matches only searches for any city). */
  location?: string;
  /** Years of experience, 0–100 (default 0). */
  yearsExperience?: number;
  /** 0 entry, 1 mid, 2 senior, 3 lead, 4 executive (default 1). */
  seniority?: number;
  /** Open to new roles (default false). */
  jobSeeking?: boolean;
}

/** The names of a {@link NewMemberProfile} the trained world does not know, by field. */
export interface UnknownEntities {
  titles: string[];
  companies: string[];
  skills: string[];
  /** The city, when one was given and is unknown. */
  location: string[];
}

const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

function lookup(names: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  names.forEach((n, i) => {
    if (!m.has(norm(n))) m.set(norm(n), i);
  });
  return m;
}

function strings(v: unknown, field: string): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string'))
    throw new InvalidArgumentError(`talent: member.${field} must be a list of names`);
  if (v.length > 200) throw new InvalidArgumentError(`talent: member.${field} lists ${v.length} names, at most 200`);
  return v as string[];
}

function integer(v: unknown, field: string, lo: number, hi: number, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi)
    throw new InvalidArgumentError(`talent: member.${field} must be an integer in ${lo}..${hi}, got ${String(v)}`);
  return v;
}

/** The profile as a one-member {@link Members} table of `world`'s vocabularies, and the unknown names. */
export function newMemberTable(
  world: Pick<World, 'catalog' | 'companies'>,
  member: NewMemberProfile,
): { members: Members; unknown: UnknownEntities } {
  if (typeof member !== 'object' || member === null) throw new InvalidArgumentError('talent: member must be an object');
  const cat = world.catalog;
  const unknown: UnknownEntities = { titles: [], companies: [], skills: [], location: [] };
  const known = (names: string[], vocab: Map<string, number>, out: string[]) =>
    names.flatMap((n) => {
      const i = vocab.get(norm(n));
      if (i === undefined) out.push(n);
      return i === undefined ? [] : [i];
    });
  const titles = known(strings(member.titles, 'titles'), lookup(cat.titleName), unknown.titles);
  const companies = known(strings(member.companies, 'companies'), lookup(world.companies.name), unknown.companies);
  const skills = [...new Set(known(strings(member.skills, 'skills'), lookup(cat.skillName), unknown.skills))].sort(
    (a, b) => a - b,
  );
  let location = ANY_LOCATION;
  if (member.location !== undefined) {
    if (typeof member.location !== 'string') throw new InvalidArgumentError('talent: member.location must be a name');
    const i = lookup(cat.locationName).get(norm(member.location));
    if (i === undefined) unknown.location.push(member.location);
    else location = i;
  }
  if (member.jobSeeking !== undefined && typeof member.jobSeeking !== 'boolean')
    throw new InvalidArgumentError('talent: member.jobSeeking must be true or false');
  // Career slots pair a company with a title; the shorter list's slots are "unknown" (left out by pooling).
  const slots = Math.max(titles.length, companies.length, 1);
  const history = {
    offsets: Uint32Array.of(0, slots),
    company: Uint32Array.from({ length: slots }, (_, k) => companies[k] ?? NO_COMPANY),
    title: Uint16Array.from({ length: slots }, (_, k) => titles[k] ?? NO_TITLE),
    start: new Uint16Array(slots),
    end: new Uint16Array(slots),
  };
  const members: Members = {
    count: 1,
    family: new Uint8Array(1),
    interests: new Float32Array(0),
    title: Uint16Array.of(titles.length ? titles[titles.length - 1] : NO_TITLE),
    seniority: Uint8Array.of(integer(member.seniority, 'seniority', 0, 4, 1)),
    yearsExperience: Uint8Array.of(integer(member.yearsExperience, 'yearsExperience', 0, 100, 0)),
    location: Uint8Array.of(location),
    jobSeeking: Uint8Array.of(member.jobSeeking ? 1 : 0),
    company: Uint32Array.of(companies.length ? companies[companies.length - 1] : NO_COMPANY),
    skills: {
      nRows: 1,
      nCols: cat.skillName.length,
      indptr: Int32Array.of(0, skills.length),
      indices: Uint16Array.from(skills),
    },
    history,
    feedPropensity: new Float32Array(1),
    inmailResponsiveness: new Float32Array(1),
  };
  return { members, unknown };
}
