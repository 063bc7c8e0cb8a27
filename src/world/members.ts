/**
 * Member profiles: latent interests over families, experience from the survey's years-coded
 * distribution, seniority, location, job-seeking flag and skills drawn from their interests.
 */
import type { Rng } from '../data/rng.ts';
import type { CatalogSamplers } from './catalog.ts';
import { type SparseRows } from '../data/index.ts';
import { Growable } from './growable.ts';
import { clamp, drawFromRow } from './sampling.ts';
import type { Members } from './types.ts';

/** Seniority band implied by years of experience (0 entry … 4 executive). */
export function seniorityForYears(years: number): number {
  return years < 2 ? 0 : years < 5 ? 1 : years < 10 ? 2 : years < 16 ? 3 : 4;
}

/** Minimum years a recruiter asks for at each seniority. */
export const MIN_YEARS_BY_SENIORITY = [0, 2, 5, 8, 12];

/**
 * Writes a latent mixture into `out[offset .. offset + k)`: most weight on `primary`, a second
 * family, and a little spread over all of them.
 */
export function writeMixture(
  rng: Rng,
  out: Float32Array,
  offset: number,
  k: number,
  primary: number,
  main: number,
): void {
  const secondary = (primary + 1 + rng.int(k - 1)) % k;
  const rest = 1 - main;
  let noise = 0;
  for (let f = 0; f < k; f++) noise += out[offset + f] = -Math.log(1 - rng.next());
  for (let f = 0; f < k; f++) out[offset + f] = (out[offset + f] / noise) * rest * 0.3;
  out[offset + primary] += main;
  out[offset + secondary] += rest * 0.7;
}

/** Member profile fields other than careers (filled by `generateCareers`). */
export type MemberProfiles = Omit<Members, 'title' | 'company' | 'history'>;

/** Generates profiles and skills for `n` members over `k` families. */
export function generateProfiles(
  rng: Rng,
  n: number,
  k: number,
  s: CatalogSamplers,
  jobSeekerRate: number,
): MemberProfiles {
  const m: MemberProfiles = {
    count: n,
    family: new Uint8Array(n),
    interests: new Float32Array(n * k),
    seniority: new Uint8Array(n),
    yearsExperience: new Uint8Array(n),
    location: new Uint8Array(n),
    jobSeeking: new Uint8Array(n),
    skills: { nRows: n, nCols: s.skills.count, indptr: new Int32Array(n + 1), indices: new Uint16Array(0) },
    feedPropensity: new Float32Array(n),
    inmailResponsiveness: new Float32Array(n),
  };
  for (let i = 0; i < n; i++) {
    const f = s.families.draw(rng);
    m.family[i] = f;
    writeMixture(rng, m.interests, i * k, k, f, 0.55 + 0.3 * rng.next());
    let years = s.years.draw(rng);
    if (years === 20) years += rng.int(16); // the survey's top bin is "20 or more"
    m.yearsExperience[i] = years;
    const jitter = rng.bernoulli(0.2) ? (rng.bernoulli(0.5) ? 1 : -1) : 0;
    m.seniority[i] = clamp(seniorityForYears(years) + jitter, 0, 4);
    m.location[i] = s.locations.draw(rng);
    m.jobSeeking[i] = rng.bernoulli(jobSeekerRate) ? 1 : 0;
    m.feedPropensity[i] = 0.5 * rng.normal();
    m.inmailResponsiveness[i] = 0.5 * rng.normal();
  }
  m.skills = drawSkills(rng, m, k, s);
  return m;
}

/** 3–20 skills per member, each from a family drawn from the member's interests. */
function drawSkills(rng: Rng, m: MemberProfiles, k: number, s: CatalogSamplers): SparseRows<Uint16Array> {
  const indptr = new Int32Array(m.count + 1);
  const values = new Growable((c) => new Uint16Array(c), m.count * 10);
  const row: number[] = [];
  for (let i = 0; i < m.count; i++) {
    const want = clamp(4 + Math.floor(m.yearsExperience[i] / 3) + rng.int(5), 3, 20);
    row.length = 0;
    for (let tries = 0; row.length < want && tries < want * 3; tries++) {
      const skill = s.skills.draw(drawFromRow(rng, m.interests, i * k, k), rng);
      if (skill >= 0 && !row.includes(skill)) row.push(skill);
    }
    row.sort((a, b) => a - b);
    for (const x of row) values.push(x);
    indptr[i + 1] = values.length;
  }
  return { nRows: m.count, nCols: s.skills.count, indptr, indices: values.toArray() };
}
