/**
 * Provenance written into vocab.json: each source with its licence, and what linkrec derived itself.
 * Keep in step with src/world/VOCAB-SOURCES.md.
 */
import type { VocabSource } from '../../src/world/vocab-types.ts';

/** Every input of vocab.json with its licence. */
export const SOURCES: VocabSource[] = [
  { part: 'titles', package: 'vega-datasets', file: 'data/jobs.json', licence: 'BSD-3-Clause', kind: 'real' },
  {
    part: 'sectors, industries, naics skills',
    package: 'naics',
    file: 'data/2017_NAICS_Descriptions.json',
    licence: 'MIT (NAICS itself: US public domain)',
    kind: 'real',
  },
  { part: 'companies', package: '@cspell/dict-companies', file: 'dict/companies.txt', licence: 'MIT', kind: 'real' },
  {
    part: 'skills',
    package: '@cspell/dict-software-terms',
    file: 'dict/software-tools.txt',
    licence: 'MIT',
    kind: 'real',
  },
  { part: 'skills', package: '@cspell/dict-data-science', file: 'dict/*.txt', licence: 'MIT', kind: 'real' },
  { part: 'skills', package: '@cspell/dict-fullstack', file: 'dict/fullstack.txt', licence: 'MIT', kind: 'real' },
  {
    part: 'locations, yearsCoded, companySizes, devRoles, titles',
    package: 'r-cran-modeldata (Stack Overflow survey)',
    file: 'shared/data/labour/stackoverflow-survey.csv',
    licence: 'MIT',
    kind: 'real',
  },
  {
    part: 'titles (prestige, education, income, type)',
    package: 'r-cran-cardata (Prestige)',
    file: 'shared/data/labour/prestige-occupations.csv',
    licence: 'GPL-2+',
    kind: 'real',
  },
  {
    part: 'families, title→family, skill picks, core skills, cities',
    package: 'linkrec',
    file: 'bench/tools/world-vocab-rules.ts',
    licence: 'MIT',
    kind: 'derived',
  },
];

/** What linkrec derived rather than copied, in plain words. */
export const DERIVED: string[] = [
  'families: a 15-family job taxonomy with NAICS prefixes per family, written by linkrec',
  'title family: longest matching keyword from the taxonomy; readable names reordered ("Engineer - Civil" → "Civil Engineer") and singularised (prestige row names)',
  'skills: software/data/IT families use hand-picked terms that exist in the cspell lists; other families use hand-written core skills plus cleaned 6-digit NAICS titles',
  'companies: cspell company names minus tickers and generic words',
  'locations: cities per survey country are hand-listed; each city weighs its country share split evenly',
  'industries: NAICS 4-digit industry groups (the 5- and 6-digit levels are dropped for size); titles have the "T" footnote artefact stripped',
];
