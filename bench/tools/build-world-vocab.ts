/**
 * Builds `src/world/vocab.json` from real vocabularies installed in node_modules and the shared labour
 * tables: `npx tsx bench/tools/build-world-vocab.ts`. The test `src/world/vocab.test.ts` runs
 * `buildWorldVocab()` in-process and compares with the committed file, so the two cannot drift.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VocabSkill, VocabTitle, WorldVocab } from '../../src/world/vocab-types.ts';
import { CITIES, EXCLUDED_TITLES, FAMILY_RULES, GENERIC_COMPANY_WORDS, ROLE_TITLES } from './world-vocab-rules.ts';
import { SOURCES, DERIVED } from './world-vocab-sources.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const NM = join(ROOT, 'node_modules');
/** Where vocab.json lives in the repository. */
export const VOCAB_PATH = join(ROOT, 'src/world/vocab.json');

/** The labour tables: a copy in public/data wins, else the shared folder beside the checkout. */
export function findLabourDir(): string | null {
  const dirs = [
    process.env.LINKREC_LABOUR_DIR,
    join(ROOT, 'public/data/labour'),
    join(ROOT, '../shared/data/labour'),
    '/work/shared/data/labour',
  ];
  for (const d of dirs) if (d && existsSync(join(d, 'stackoverflow-survey.csv'))) return d;
  return null;
}

const round = (x: number, d = 4): number => Math.round(x * 10 ** d) / 10 ** d;

function readCsv(path: string): Record<string, string>[] {
  const [head, ...rows] = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const cols = head.split(',');
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [cols[i], v])));
}

function readDict(rel: string): string[] {
  return readFileSync(join(NM, rel), 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/** Family whose longest keyword occurs in any of the given spellings of a title (-1 if none). */
function matchFamily(spellings: string[]): number {
  let best = -1,
    bestLen = 0;
  FAMILY_RULES.forEach((f, i) => {
    for (const k of f.titleKeywords)
      if (k.length > bestLen && spellings.some((s) => s.includes(k))) [best, bestLen] = [i, k.length];
  });
  return best;
}

/** `Engineer - Civil` → `Civil Engineer`; `Apprentice - Plumber` → `Apprentice Plumber`. */
function vegaTitle(raw: string): string {
  const [a, b] = raw.split(' - ').map((s) => s.trim());
  if (!b) return a;
  return a === 'Apprentice' ? `Apprentice ${b}` : `${b} ${a}`;
}

const WORD_FIX: Record<string, string> = {
  programers: 'programmers',
  therapsts: 'therapists',
  receptionsts: 'receptionists',
  tv: 'TV',
  gov: 'government',
  mach: 'machine',
};
function singular(w: string): string {
  if (w === 'sales' || w.length < 4) return w;
  if (w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.endsWith('men')) return `${w.slice(0, -3)}man`;
  if (/(ch|sh|ss|x)es$/.test(w)) return w.slice(0, -2);
  return w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w;
}
/** `computer.programers` → `Computer Programmer`; `slaughterers.2` → `Slaughterer`. */
function prestigeTitle(raw: string): string {
  const words = raw
    .split('.')
    .filter((w) => !/^\d+$/.test(w))
    .map((w) => singular(WORD_FIX[w] ?? w));
  return words.map((w) => (w === 'TV' ? w : w[0].toUpperCase() + w.slice(1))).join(' ');
}

function buildTitles(labour: string): VocabTitle[] {
  const titles: VocabTitle[] = [];
  const byName = new Map<string, VocabTitle>();
  const add = (name: string, raw: string, source: VocabTitle['source'], extra: Partial<VocabTitle> = {}): void => {
    const known = byName.get(name.toLowerCase());
    if (known) return void Object.assign(known, extra);
    const family = matchFamily([raw.toLowerCase().replace(/[._]/g, ' '), name.toLowerCase()]);
    const t: VocabTitle = { name, family: family < 0 ? 8 : family, source, ...extra };
    titles.push(t);
    byName.set(name.toLowerCase(), t);
  };
  const vega = JSON.parse(readFileSync(join(NM, 'vega-datasets/data/jobs.json'), 'utf8')) as { job: string }[];
  for (const raw of [...new Set(vega.map((j) => j.job.trim()))])
    if (!EXCLUDED_TITLES.includes(raw)) add(vegaTitle(raw), raw, 'vega-jobs');
  for (const r of readCsv(join(labour, 'prestige-occupations.csv'))) {
    const type = ['prof', 'wc', 'bc'].includes(r.type) ? { type: r.type as VocabTitle['type'] } : {};
    add(prestigeTitle(r._rowname), r._rowname, 'prestige', {
      prestige: Number(r.prestige),
      education: Number(r.education),
      income: Number(r.income),
      ...type,
    });
  }
  for (const role of surveyRoles(labour)) add(roleTitle(role), role, 'stackoverflow');
  return titles;
}

const roleTitle = (role: string): string =>
  ROLE_TITLES[role] ??
  role
    .split('_')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(' ');
const surveyRoles = (labour: string): string[] =>
  readFileSync(join(labour, 'stackoverflow-survey.csv'), 'utf8').split(/\r?\n/)[0].split(',').slice(8);

function naicsTitles(): Map<string, string> {
  const raw = JSON.parse(readFileSync(join(NM, 'naics/data/2017_NAICS_Descriptions.json'), 'utf8')) as Record<
    string,
    { Title: string }
  >;
  // The spreadsheet export leaves a footnote marker "T" glued to many titles.
  return new Map(
    Object.entries(raw).map(([code, v]) => [
      code,
      v.Title.trim()
        .replace(/(?<=[a-z)])T$/, '')
        .trim(),
    ]),
  );
}

function buildIndustries(naics: Map<string, string>): Pick<WorldVocab, 'sectors' | 'industries'> {
  const sectors = [...naics].filter(([c]) => c.length === 2 || c.includes('-')); // ranges such as 31-33 stand for their codes
  const sectorOf = (code: string): number =>
    sectors.findIndex(([c]) =>
      c.includes('-')
        ? Number(code.slice(0, 2)) >= Number(c.slice(0, 2)) && Number(code.slice(0, 2)) <= Number(c.slice(3))
        : code.startsWith(c),
    );
  const industries = [...naics]
    .filter(([c]) => c.length === 4)
    .map(([code, name]) => ({ code, name, sector: sectorOf(code) }));
  return { sectors: sectors.map(([code, name]) => ({ code, name })), industries };
}

/** Domain skills from 6-digit NAICS titles of a family's industries ("Home Health Care Services" → "Home Health Care"). */
function naicsSkills(naics: Map<string, string>, prefixes: string[], limit: number): string[] {
  const names = [...naics]
    .filter(([c]) => c.length === 6 && prefixes.some((p) => c.startsWith(p)))
    .map(([, t]) =>
      t
        .replace(/^(Offices of|All Other|Other)\s+/i, '')
        .replace(/\s+(Services|Manufacturing|Stores|Activities|Dealers|Merchant Wholesalers|Centers|Industries)$/i, '')
        .trim(),
    )
    .filter((t) => !/except|Miscellaneous|,|\(/.test(t) && t.split(' ').length <= 4 && t.length >= 6)
    .filter((t) => !/^[A-Z][a-z]+s$/.test(t)); // a bare plural ("Dentists") names workers, not a skill
  const unique = [...new Set(names)];
  const step = Math.max(1, unique.length / limit);
  return Array.from({ length: Math.min(limit, unique.length) }, (_, i) => unique[Math.floor(i * step)]);
}

function buildSkills(naics: Map<string, string>): VocabSkill[] {
  const dicts: [VocabSkill['source'], Set<string>][] = [
    ['software-tools', new Set(readDict('@cspell/dict-software-terms/dict/software-tools.txt'))],
    [
      'data-science',
      new Set(
        ['data-science.txt', 'data-science-tools.txt', 'data-science-models.txt'].flatMap((f) =>
          readDict(`@cspell/dict-data-science/dict/${f}`),
        ),
      ),
    ],
    ['fullstack', new Set(readDict('@cspell/dict-fullstack/dict/fullstack.txt'))],
  ];
  const skills: VocabSkill[] = [];
  const seen = new Set<string>();
  const add = (name: string, family: number, source: VocabSkill['source']): void => {
    if (seen.has(name.toLowerCase())) return;
    seen.add(name.toLowerCase());
    skills.push({ name, family, source });
  };
  FAMILY_RULES.forEach((f, family) => {
    for (const term of f.cspellSkills ?? []) {
      const hit = dicts.find(([, set]) => set.has(term));
      if (!hit) throw new Error(`skill ${term} is in no cspell dictionary`);
      add(term, family, hit[0]);
    }
    for (const s of f.coreSkills ?? []) add(s, family, 'derived');
    if (!f.cspellSkills) for (const s of naicsSkills(naics, f.naics, 16)) add(s, family, 'naics');
  });
  return skills;
}

function buildCompanies(naics: Map<string, string>, titles: VocabTitle[]): string[] {
  const generic = new Set([
    ...GENERIC_COMPANY_WORDS,
    ...Object.values(CITIES)
      .flat()
      .map((c) => c.toLowerCase()),
  ]);
  for (const t of [...naics.values(), ...titles.map((x) => x.name)])
    for (const w of t.toLowerCase().split(/[^a-z]+/)) if (w) generic.add(w);
  const names = readDict('@cspell/dict-companies/dict/companies.txt').filter((n) => {
    if (!/^[A-Z0-9][A-Za-z0-9&'.-]+$/.test(n) || n.length < 3 || generic.has(n.toLowerCase())) return false;
    return /[a-z]/.test(n) || n.length >= 5; // all-caps tokens of ≤ 4 letters are mostly stock tickers
  });
  return [...new Set(names)];
}

function buildLabour(
  labour: string,
  titles: VocabTitle[],
): Pick<WorldVocab, 'locations' | 'yearsCoded' | 'companySizes' | 'devRoles'> {
  const rows = readCsv(join(labour, 'stackoverflow-survey.csv'));
  const share = (pred: (r: Record<string, string>) => boolean): number => round(rows.filter(pred).length / rows.length);
  const countries = [...new Set(rows.map((r) => r.Country))].sort();
  const locations = countries.flatMap((country) => {
    const cities = CITIES[country];
    if (!cities) throw new Error(`no cities listed for survey country ${country}`);
    const s = share((r) => r.Country === country);
    return cities.map((city) => ({ city, country, weight: round(s / cities.length) }));
  });
  const yearsCoded = Array.from({ length: 21 }, (_, y) => share((r) => Number(r.YearsCodedJob) === y));
  const sizes = [...new Set(rows.map((r) => Number(r.CompanySizeNumber)))].sort((a, b) => a - b);
  const companySizes = sizes.map((size) => ({ size, share: share((r) => Number(r.CompanySizeNumber) === size) }));
  const devRoles = surveyRoles(labour).map((name) => ({
    name,
    share: share((r) => r[name] === '1'),
    title: titles.findIndex((t) => t.name === roleTitle(name)),
  }));
  return { locations, yearsCoded, companySizes, devRoles };
}

/** Builds the vocabulary object (pure: reads files, writes nothing). */
export function buildWorldVocab(): WorldVocab {
  const labour = findLabourDir();
  if (!labour) throw new Error('labour tables not found: set LINKREC_LABOUR_DIR or copy them to public/data/labour');
  const naics = naicsTitles();
  const { sectors, industries } = buildIndustries(naics);
  const titles = buildTitles(labour);
  const families = FAMILY_RULES.map((f) => ({
    name: f.name,
    industries: industries.flatMap((ind, i) =>
      f.naics.some((p) => ind.code.startsWith(p) || p.startsWith(ind.code)) ? [i] : [],
    ),
  }));
  return {
    version: 1,
    sources: SOURCES,
    derived: DERIVED,
    families,
    sectors,
    industries,
    titles,
    skills: buildSkills(naics),
    companies: buildCompanies(naics, titles),
    ...buildLabour(labour, titles),
  };
}

/** The file's text: one JSON document, compact, newline-terminated. */
export const vocabText = (v: WorldVocab): string => `${JSON.stringify(v)}\n`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const v = buildWorldVocab();
  writeFileSync(VOCAB_PATH, vocabText(v));
  console.log(
    `wrote ${VOCAB_PATH}: ${vocabText(v).length} bytes, ${v.titles.length} titles, ${v.skills.length} skills, ${v.companies.length} companies, ${v.industries.length} industries`,
  );
}
