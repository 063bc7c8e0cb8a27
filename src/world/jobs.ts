/**
 * Job postings: mostly in their company's family and city, with skills drawn from the family.
 */
import type { Rng } from '../data/rng.ts';
import type { CatalogSamplers } from './catalog.ts';
import type { CompanySamplers } from './companies.ts';
import { Growable } from './growable.ts';
import type { Companies, Jobs } from './types.ts';

/** Draws up to `want` distinct skills of family `f`, sorted, into `row`. */
export function drawFamilySkills(rng: Rng, s: CatalogSamplers, f: number, want: number, row: number[]): number[] {
  row.length = 0;
  for (let t = 0; t < want * 3 && row.length < want; t++) {
    const sk = s.skills.draw(f, rng);
    if (sk >= 0 && !row.includes(sk)) row.push(sk);
  }
  return row.sort((a, b) => a - b);
}

/** Generates `count` job postings, posted over the last 60 days before `now`. */
export function generateJobs(
  rng: Rng,
  count: number,
  co: Companies,
  cs: CompanySamplers,
  s: CatalogSamplers,
  now: number,
): Jobs {
  const j: Jobs = {
    count,
    company: new Uint32Array(count),
    title: new Uint16Array(count),
    family: new Uint8Array(count),
    seniority: new Uint8Array(count),
    location: new Uint8Array(count),
    skills: { nRows: count, nCols: s.skills.count, indptr: new Int32Array(count + 1), indices: new Uint16Array(0) },
    postedAt: new Uint32Array(count),
  };
  const skills = new Growable((n) => new Uint16Array(n), count * 5);
  const row: number[] = [];
  for (let i = 0; i < count; i++) {
    const c = cs.any.draw(rng);
    const f = rng.bernoulli(0.8) ? co.family[c] : s.families.draw(rng);
    j.company[i] = c;
    j.family[i] = f;
    j.title[i] = Math.max(0, s.titles.draw(f, rng));
    j.seniority[i] = rng.int(5);
    j.location[i] = rng.bernoulli(0.6) ? co.location[c] : s.locations.draw(rng);
    j.postedAt[i] = now - 86400 - rng.int(60 * 86400);
    for (const x of drawFamilySkills(rng, s, f, 3 + rng.int(4), row)) skills.push(x);
    j.skills.indptr[i + 1] = skills.length;
  }
  j.skills = { ...j.skills, indices: skills.toArray() };
  return j;
}
