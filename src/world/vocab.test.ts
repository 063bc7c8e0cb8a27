import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildWorldVocab, findLabourDir, VOCAB_PATH, vocabText } from '../../bench/tools/build-world-vocab.ts';
import { WORLD_VOCAB } from './catalog.ts';

describe('vocab.json', () => {
  it.skipIf(!findLabourDir())('is exactly what bench/tools/build-world-vocab.ts builds', () => {
    expect(readFileSync(VOCAB_PATH, 'utf8')).toBe(vocabText(buildWorldVocab()));
  });

  it('stays compact and names its sources with licences', () => {
    expect(readFileSync(VOCAB_PATH).length).toBeLessThan(150_000);
    const packages = WORLD_VOCAB.sources.map((s) => s.package).join(' ');
    for (const p of [
      'vega-datasets',
      'naics',
      '@cspell/dict-companies',
      '@cspell/dict-software-terms',
      'modeldata',
      'cardata',
    ]) {
      expect(packages).toContain(p);
    }
    expect(WORLD_VOCAB.sources.every((s) => s.licence.length > 0)).toBe(true);
    expect(WORLD_VOCAB.sources.some((s) => s.kind === 'derived')).toBe(true);
    expect(WORLD_VOCAB.derived.length).toBeGreaterThan(0);
  });

  it('carries real vocabularies with the documented structure', () => {
    const v = WORLD_VOCAB;
    expect(v.families.length).toBe(15);
    expect(v.titles.map((t) => t.name)).toEqual(
      expect.arrayContaining(['Civil Engineer', 'Data Scientist', 'Nurse', 'Web Developer']),
    );
    expect(v.titles.find((t) => t.name === 'Nurse')?.prestige).toBeGreaterThan(0);
    expect(v.skills.map((s) => s.name)).toEqual(expect.arrayContaining(['Kafka', 'Kubernetes', 'Patient Care']));
    expect(v.companies.length).toBeGreaterThan(1000);
    expect(v.companies).not.toContain('AAPL'); // tickers are filtered out
    expect(v.industries.every((i) => /^\d{4}$/.test(i.code) && !/T$/.test(i.name) && i.sector >= 0)).toBe(true);
    expect(v.sectors.map((s) => s.code)).toContain('31-33');
    expect(v.devRoles).toHaveLength(13);
    expect(v.devRoles.every((r) => r.title >= 0)).toBe(true);
    expect(v.yearsCoded).toHaveLength(21);
    const total = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
    expect(total(v.yearsCoded)).toBeCloseTo(1, 2);
    expect(total(v.locations.map((l) => l.weight))).toBeCloseTo(1, 2);
    for (let f = 0; f < v.families.length; f++) {
      expect(v.titles.some((t) => t.family === f)).toBe(true);
      expect(v.skills.filter((s) => s.family === f).length).toBeGreaterThanOrEqual(10);
      expect(v.families[f].industries.length).toBeGreaterThan(0);
    }
  });
});
