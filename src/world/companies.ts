/**
 * Companies: a latent family, a NAICS industry group of that family, a size class from the survey's
 * employer-size distribution, a home city, and a real name from the cspell company list.
 */
import type { Rng } from '../data/rng.ts';
import type { CatalogSamplers } from './catalog.ts';
import { WORLD_VOCAB } from './catalog.ts';
import { GroupSampler, WeightedSampler } from './sampling.ts';
import type { Companies } from './types.ts';

/** Name `i` of a shuffled pool, suffixed " 2", " 3"… once the pool runs out. */
export function poolName(pool: readonly string[], i: number): string {
  const round = Math.floor(i / pool.length);
  return round === 0 ? pool[i] : `${pool[i % pool.length]} ${round + 1}`;
}

/** Generates `count` companies. */
export function generateCompanies(rng: Rng, count: number, s: CatalogSamplers): Companies {
  const sizes = WORLD_VOCAB.companySizes;
  const pool = rng.shuffle([...WORLD_VOCAB.companies]);
  const c: Companies = {
    count,
    name: [],
    industry: new Uint16Array(count),
    family: new Uint8Array(count),
    size: new Uint32Array(count),
    location: new Uint8Array(count),
  };
  for (let i = 0; i < count; i++) {
    const f = s.families.draw(rng);
    c.family[i] = f;
    c.industry[i] = Math.max(0, s.industries.draw(f, rng));
    c.size[i] = sizes[s.companySizes.draw(rng)].size;
    c.location[i] = s.locations.draw(rng);
    c.name.push(poolName(pool, i));
  }
  return c;
}

/**
 * How strongly a company attracts hires and followers: sub-linear in headcount so that large firms
 * dominate without swallowing the world.
 */
export function hiringWeights(c: Companies): Float64Array {
  return Float64Array.from(c.size, (s) => Math.pow(s, 0.5));
}

/** Samplers of companies by size: overall and within a family. */
export interface CompanySamplers {
  any: WeightedSampler;
  byFamily: GroupSampler;
}

/** Builds the company samplers. */
export function companySamplers(c: Companies, k: number): CompanySamplers {
  const w = hiringWeights(c);
  return { any: new WeightedSampler(w), byFamily: new GroupSampler(c.family, k, w) };
}

/** A company of family `f` (any company when the family has none). */
export function drawCompany(cs: CompanySamplers, f: number, rng: Rng): number {
  const c = cs.byFamily.draw(f, rng);
  return c < 0 ? cs.any.draw(rng) : c;
}
