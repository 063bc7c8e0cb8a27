/**
 * Recruiter queries, written for job postings (structured fields plus free text such as "senior data
 * scientist with Kafka and Redis in Berlin"), and the InMail log: for each query the recruiter
 * contacts members found by a crude search (same family, preferably same city) plus some at random;
 * relevance and acceptance are drawn from the ground truth.
 */
import type { Rng } from '../data/rng.ts';
import { csrIndices } from '../data/index.ts';
import { Growable } from './growable.ts';
import { MIN_YEARS_BY_SENIORITY } from './members.ts';
import { ANY_LOCATION, inmailAcceptProb, isRelevant, type RecruiterWorld } from './recruiter-truth.ts';
import { GroupSampler } from './sampling.ts';
import type { Catalog, Jobs, Members, RecruiterLog, RecruiterQueries } from './types.ts';

const SENIORITY_WORDS = ['junior', '', 'senior', 'lead', 'principal'];

/** "senior data scientist with Kafka and Redis in Berlin" from the structured fields. */
export function queryText(
  cat: Catalog,
  title: number,
  seniority: number,
  skills: ArrayLike<number>,
  location: number,
): string {
  const words = [SENIORITY_WORDS[seniority], cat.titleName[title].toLowerCase()].filter(Boolean);
  const names = Array.from(skills, (s) => cat.skillName[s]);
  if (names.length)
    words.push('with', names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0]);
  if (location !== ANY_LOCATION) words.push('in', cat.locationName[location]);
  return words.join(' ');
}

/** Generates `count` queries, each from a random job posting. */
export function generateQueries(rng: Rng, count: number, jobs: Jobs, cat: Catalog): RecruiterQueries {
  const q: RecruiterQueries = {
    count,
    job: new Uint32Array(count),
    title: new Uint16Array(count),
    seniority: new Uint8Array(count),
    location: new Uint8Array(count),
    minYears: new Uint8Array(count),
    skills: { nRows: count, nCols: jobs.skills.nCols, indptr: new Int32Array(count + 1), indices: new Uint16Array(0) },
    text: [],
  };
  const skills = new Growable((n) => new Uint16Array(n), count * 3);
  for (let i = 0; i < count; i++) {
    const j = rng.int(jobs.count);
    q.job[i] = j;
    q.title[i] = jobs.title[j];
    q.seniority[i] = jobs.seniority[j];
    q.location[i] = rng.bernoulli(0.25) ? ANY_LOCATION : jobs.location[j];
    q.minYears[i] = MIN_YEARS_BY_SENIORITY[jobs.seniority[j]];
    const picked = rng
      .shuffle(Array.from(csrIndices(jobs.skills, j)))
      .slice(0, 1 + rng.int(3))
      .sort((a, b) => a - b);
    for (const s of picked) skills.push(s);
    q.skills.indptr[i + 1] = skills.length;
    q.text.push(queryText(cat, q.title[i], q.seniority[i], picked, q.location[i]));
  }
  q.skills = { ...q.skills, indices: skills.toArray() };
  return q;
}

/** Draws a member for a query: a family search result in the right city when one turns up, else at random. */
function contact(rng: Rng, byFamily: GroupSampler, members: Members, family: number, location: number): number {
  if (rng.bernoulli(0.25)) return rng.int(members.count);
  let m = byFamily.draw(family, rng);
  for (let t = 0; t < 4 && m >= 0 && location !== ANY_LOCATION && members.location[m] !== location; t++)
    m = byFamily.draw(family, rng);
  return m < 0 ? rng.int(members.count) : m;
}

/** Generates the InMail log: `perQuery` distinct members contacted per query. */
export function generateInmailLog(rng: Rng, w: RecruiterWorld, k: number, perQuery: number): RecruiterLog {
  const { members, catalog } = w;
  const q = w.recruiter.queries;
  const byFamily = new GroupSampler(members.family, k);
  const per = Math.min(perQuery, members.count);
  const n = q.count * per;
  const log: RecruiterLog = {
    count: n,
    query: new Uint32Array(n),
    member: new Uint32Array(n),
    relevant: new Uint8Array(n),
    accepted: new Uint8Array(n),
  };
  const seen = new Set<number>();
  let row = 0;
  for (let i = 0; i < q.count; i++) {
    seen.clear();
    const family = catalog.titleFamily[q.title[i]];
    while (seen.size < per) {
      let m = contact(rng, byFamily, members, family, q.location[i]);
      while (seen.has(m)) m = rng.int(members.count);
      seen.add(m);
      log.query[row] = i;
      log.member[row] = m;
      log.relevant[row] = isRelevant(w, i, m) ? 1 : 0;
      log.accepted[row] = rng.bernoulli(inmailAcceptProb(w, i, m)) ? 1 : 0;
      row++;
    }
  }
  return log;
}
