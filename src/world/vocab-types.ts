/**
 * Shape of `vocab.json`, the compact real-world vocabulary the simulator draws names and marginal
 * distributions from. Built by `bench/tools/build-world-vocab.ts`; see VOCAB-SOURCES.md.
 */

/** Where one part of the vocabulary comes from. */
export interface VocabSource {
  /** Which part of vocab.json it feeds (e.g. `titles`). */
  part: string;
  /** npm package or shared data file it was read from. */
  package: string;
  file: string;
  licence: string;
  /** `real`: values copied from the source; `derived`: linkrec's own rules applied to it. */
  kind: 'real' | 'derived';
}

/** A job family: the latent topic every entity of the world mixes over. */
export interface VocabFamily {
  name: string;
  /** Indices into `industries` whose NAICS code belongs to the family. */
  industries: number[];
}

/** A NAICS sector (2-digit code or range such as `31-33`). */
export interface VocabSector {
  code: string;
  name: string;
}

/** A NAICS industry group (4-digit code) under one sector. */
export interface VocabIndustry {
  code: string;
  name: string;
  /** Index into `sectors`. */
  sector: number;
}

/** A job title; occupations from the prestige table carry its 1971 attributes. */
export interface VocabTitle {
  name: string;
  family: number;
  source: 'vega-jobs' | 'prestige' | 'stackoverflow';
  /** Pineo–Porter prestige score (prestige table only). */
  prestige?: number;
  /** Mean years of education (prestige table only). */
  education?: number;
  /** Mean income in 1971 CAD (prestige table only). */
  income?: number;
  /** Occupation type: professional, white collar or blue collar (prestige table only). */
  type?: 'prof' | 'wc' | 'bc';
}

/** A skill and the family it belongs to. */
export interface VocabSkill {
  name: string;
  family: number;
  source: 'software-tools' | 'data-science' | 'fullstack' | 'naics' | 'derived';
}

/** A city and its share of members (country share from the survey, split evenly over its cities). */
export interface VocabLocation {
  city: string;
  country: string;
  weight: number;
}

/** The whole vocabulary. */
export interface WorldVocab {
  version: 1;
  sources: VocabSource[];
  /** Plain-language list of what linkrec derived rather than copied. */
  derived: string[];
  families: VocabFamily[];
  sectors: VocabSector[];
  industries: VocabIndustry[];
  titles: VocabTitle[];
  skills: VocabSkill[];
  /** Company names (filtered cspell dictionary). */
  companies: string[];
  locations: VocabLocation[];
  /** Share of survey respondents per years coded on the job, index 0..20 (20 = 20 or more). */
  yearsCoded: number[];
  /** Share of respondents by employer size (headcount class). */
  companySizes: { size: number; share: number }[];
  /** Share of respondents holding each of the 13 developer role flags, and the title it maps to. */
  devRoles: { name: string; share: number; title: number }[];
}
