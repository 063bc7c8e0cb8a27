/**
 * The catalog: vocab.json turned into typed lookups, plus per-family samplers of titles, skills and
 * locations that the generators share.
 */
import type { Rng } from '../data/rng.ts';
import { GroupSampler, WeightedSampler } from './sampling.ts';
import type { Catalog } from './types.ts';
import type { WorldVocab } from './vocab-types.ts';
import vocabJson from './vocab.json' with { type: 'json' };

/** The bundled vocabulary (see VOCAB-SOURCES.md). */
export const WORLD_VOCAB = vocabJson as unknown as WorldVocab;

/** Builds the catalog; skill popularity within a family is a seeded Zipf-like ranking. */
export function buildCatalog(rng: Rng, vocab: WorldVocab = WORLD_VOCAB): Catalog {
  const skillWeight = new Float32Array(vocab.skills.length);
  for (let f = 0; f < vocab.families.length; f++) {
    const ids = vocab.skills.flatMap((s, i) => (s.family === f ? [i] : []));
    rng.shuffle(ids).forEach((id, rank) => (skillWeight[id] = 1 / (rank + 1) ** 0.8));
  }
  return {
    families: vocab.families.map((f) => f.name),
    sectors: vocab.sectors.map((s) => ({ ...s })),
    industryCode: vocab.industries.map((i) => i.code),
    industryName: vocab.industries.map((i) => i.name),
    industrySector: Uint8Array.from(vocab.industries, (i) => i.sector),
    titleName: vocab.titles.map((t) => t.name),
    titleFamily: Uint8Array.from(vocab.titles, (t) => t.family),
    skillName: vocab.skills.map((s) => s.name),
    skillFamily: Uint8Array.from(vocab.skills, (s) => s.family),
    skillWeight,
    locationName: vocab.locations.map((l) => l.city),
    locationCountry: vocab.locations.map((l) => l.country),
  };
}

/** Samplers shared by the generators (transient; not part of the World). */
export interface CatalogSamplers {
  /** Title of a family. */
  titles: GroupSampler;
  /** Skill of a family, by popularity. */
  skills: GroupSampler;
  /** Industry of a family. */
  industries: GroupSampler;
  locations: WeightedSampler;
  /** Family prior (uniform: balanced latent topics). */
  families: WeightedSampler;
  /** Years of experience 0..20 (20 = 20+), from the survey. */
  years: WeightedSampler;
  /** Company size class index into `vocab.companySizes`. */
  companySizes: WeightedSampler;
}

/** Builds the shared samplers for a catalog. */
export function catalogSamplers(cat: Catalog, vocab: WorldVocab = WORLD_VOCAB): CatalogSamplers {
  const k = cat.families.length;
  const famOfIndustry: number[] = [];
  const industryIds: number[] = [];
  vocab.families.forEach((f, fi) => f.industries.forEach((ind) => (industryIds.push(ind), famOfIndustry.push(fi))));
  return {
    titles: new GroupSampler(cat.titleFamily, k),
    skills: new GroupSampler(cat.skillFamily, k, cat.skillWeight),
    industries: new GroupSampler(famOfIndustry, k, undefined, industryIds),
    locations: new WeightedSampler(vocab.locations.map((l) => l.weight)),
    families: new WeightedSampler(new Float64Array(k).fill(1)),
    years: new WeightedSampler(vocab.yearsCoded),
    companySizes: new WeightedSampler(vocab.companySizes.map((s) => s.share)),
  };
}
