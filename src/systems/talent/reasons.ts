/**
 * Why a member ranks where they do, in words: exact matches first, then the soft matches LINE found
 * ("worked at companies close to X", "skills close to A").
 */
import { csrHas, csrIndices } from '../../data/index.ts';
import { ANY_LOCATION } from '../../world/recruiter-truth.ts';
import type { World } from '../../world/types.ts';
import { memberEntities } from './features.ts';
import type { TalentQuery } from './query.ts';
import { cosineSim, type EntitySpace } from './space.ts';

const CLOSE = 0.5;

const list = (names: string[]): string =>
  names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0];

function row(emb: Float32Array, dim: number, i: number): Float32Array {
  return emb.subarray(i * dim, (i + 1) * dim);
}

/** The entity of `have` closest to any of `want` in `emb`, with its similarity. */
function closest(
  emb: Float32Array,
  dim: number,
  want: number[],
  have: number[],
): { want: number; have: number; sim: number } | null {
  let best: { want: number; have: number; sim: number } | null = null;
  for (const w of want)
    for (const h of have) {
      const sim = cosineSim(row(emb, dim, w), row(emb, dim, h));
      if (!best || sim > best.sim) best = { want: w, have: h, sim };
    }
  return best;
}

/** Reasons `m` matches `q`, most specific first. */
export function explainMatch(
  world: Pick<World, 'members' | 'catalog' | 'companies'>,
  space: EntitySpace | null,
  q: TalentQuery,
  m: number,
): string[] {
  const { members, catalog: cat } = world;
  const out: string[] = [];
  const e = memberEntities(members, m);
  if (q.title >= 0 && members.title[m] === q.title) out.push(`title matches: ${cat.titleName[q.title]}`);
  else if (space && q.title >= 0) {
    const c = closest(space.title, space.dim, [q.title], e.titles);
    if (c && c.sim >= CLOSE) out.push(`was ${cat.titleName[c.have]}, close to ${cat.titleName[q.title]}`);
  }
  const held = q.skills.filter((s) => csrHas(members.skills, m, s));
  if (held.length) out.push(`has skills ${list(held.map((s) => cat.skillName[s]))}`);
  const missing = q.skills.filter((s) => !held.includes(s));
  if (space && missing.length) {
    const c = closest(space.skill, space.dim, missing, Array.from(csrIndices(members.skills, m)));
    if (c && c.sim >= CLOSE) out.push(`has ${cat.skillName[c.have]}, close to ${cat.skillName[c.want]}`);
  }
  if (space && q.companies.length) {
    const c = closest(space.company, space.dim, q.companies, e.companies);
    if (c && c.sim >= CLOSE)
      out.push(`worked at companies close to ${world.companies.name[c.want]} (${world.companies.name[c.have]})`);
  }
  if (q.location !== ANY_LOCATION && members.location[m] === q.location)
    out.push(`based in ${cat.locationName[q.location]}`);
  const years = members.yearsExperience[m];
  const wanted =
    q.minYears > 0
      ? years >= q.minYears
        ? ` (at least ${q.minYears} wanted)`
        : ` (fewer than the ${q.minYears} wanted)`
      : '';
  out.push(`${years} years of experience${wanted}${members.jobSeeking[m] ? ', open to new roles' : ''}`);
  return out;
}
