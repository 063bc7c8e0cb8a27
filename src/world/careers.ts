/**
 * Employment histories. Careers move mostly within a family (and its companies), with a minority of
 * career changers who start in their secondary family; so company co-employment and title
 * transitions carry the latent structure that the entity-graph embeddings should recover.
 */
import type { Rng } from '../data/rng.ts';
import type { CatalogSamplers } from './catalog.ts';
import { type CompanySamplers, drawCompany } from './companies.ts';
import { Growable } from './growable.ts';
import type { MemberProfiles } from './members.ts';
import { poisson } from './sampling.ts';
import type { Careers } from './types.ts';

/** Careers plus the current title and company of each member. */
export interface CareerResult {
  history: Careers;
  title: Uint16Array;
  company: Uint32Array;
}

/** Secondary family of a member: the largest non-primary interest. */
function secondaryFamily(m: MemberProfiles, i: number, k: number): number {
  let best = -1,
    w = -1;
  for (let f = 0; f < k; f++) {
    const x = m.interests[i * k + f];
    if (f !== m.family[i] && x > w) [best, w] = [f, x];
  }
  return best;
}

/** Generates the employment history of every member, ending at `nowMonth`. */
export function generateCareers(
  rng: Rng,
  m: MemberProfiles,
  k: number,
  nowMonth: number,
  s: CatalogSamplers,
  cs: CompanySamplers,
): CareerResult {
  const n = m.count;
  const offsets = new Uint32Array(n + 1);
  const cap = n * 3;
  const company = new Growable((c) => new Uint32Array(c), cap);
  const title = new Growable((c) => new Uint16Array(c), cap);
  const start = new Growable((c) => new Uint16Array(c), cap);
  const end = new Growable((c) => new Uint16Array(c), cap);
  const current = { title: new Uint16Array(n), company: new Uint32Array(n) };
  const weights: number[] = [];
  for (let i = 0; i < n; i++) {
    const years = m.yearsExperience[i];
    const begin = nowMonth - years * 12 - rng.int(12) - 1;
    const span = nowMonth - begin;
    const positions = Math.min(span, 8, 1 + poisson(rng, years / 4));
    const switchAt = rng.bernoulli(0.2) && positions > 1 ? 1 + rng.int(positions - 1) : 0;
    const early = secondaryFamily(m, i, k);
    weights.length = 0;
    let total = 0;
    for (let p = 0; p < positions; p++) total += weights[p] = -Math.log(1 - rng.next());
    let month = begin,
      t = -1,
      c = -1,
      prev = -1;
    for (let p = 0; p < positions; p++) {
      const f = p < switchAt ? early : m.family[i];
      const last = p === positions - 1;
      const len = last ? nowMonth - month : 1 + Math.floor(((span - positions) * weights[p]) / total);
      const promoted = c >= 0 && rng.bernoulli(0.15); // a new title at the same company
      if (!promoted) c = rng.bernoulli(0.8) ? drawCompany(cs, f, rng) : cs.any.draw(rng);
      if (t < 0 || f !== prev || rng.bernoulli(0.4)) t = Math.max(0, s.titles.draw(f, rng));
      prev = f;
      company.push(c);
      title.push(t);
      start.push(month);
      end.push(month + len);
      month += len;
    }
    current.title[i] = t;
    current.company[i] = c;
    offsets[i + 1] = company.length;
  }
  const history = {
    offsets,
    company: company.toArray(),
    title: title.toArray(),
    start: start.toArray(),
    end: end.toArray(),
  };
  return { history, ...current };
}
