/**
 * The fuzz suite (issue 12 §4): ≥ 1,000 malformed inputs per loader, state decoder and service
 * request type, run in worker threads with a 5 s per-case watchdog. Allowed outcomes: the correct
 * result or a typed LinkrecError. Seeded (FUZZ_SEED, default DEFAULT_SEED); a failure prints each
 * counterexample with its seed, target and case index. `npm run bench -- fuzz` runs 10× the cases.
 */
import { describe, expect, it } from 'vitest';
import { countsTable, defectCount, describeExample } from './report.ts';
import { fuzzSeed, runFuzz } from './runner.ts';
import { SUITE_GROUPS, targetNames } from './targets/index.ts';

const CASES = Number(process.env.FUZZ_CASES ?? 1000);
const seed = fuzzSeed();

describe('fuzz harness', () => {
  it('classifies every outcome: accepted, typed, generic, crash (non-Error, stray rejection), wrong, and a synchronous hang', async () => {
    const report = await runFuzz({ targets: ['selftest.outcomes'], seed: 1, cases: 40, hangMs: 300 });
    const c = report.counts['selftest.outcomes'];
    expect(report.failures).toEqual([]);
    expect(c.cases).toBe(40);
    for (const key of ['accepted', 'typed', 'generic', 'crashes', 'hangs', 'wrong'] as const)
      expect(c[key], key).toBeGreaterThan(0);
    expect(c.accepted + c.typed + c.generic + c.crashes + c.hangs + c.wrong).toBe(40);
  }, 60_000);

  it('goes on after a hang in the last case, and prints the input of the hung case', async () => {
    const report = await runFuzz({ targets: ['selftest.last-hang'], seed: 1, cases: 5, hangMs: 300 });
    expect(report.counts['selftest.last-hang']).toEqual({
      cases: 5,
      typed: 0,
      accepted: 4,
      generic: 0,
      crashes: 0,
      hangs: 1,
      wrong: 0,
    });
    expect(report.examples.map((e) => [e.outcome, e.index, e.input])).toEqual([['hang', 4, '7']]);
  }, 60_000);
});

for (const group of SUITE_GROUPS) {
  describe(`fuzz: ${group}s`, () => {
    it(`${CASES} malformed inputs per target end in a correct result or a typed error (seed ${seed})`, async () => {
      const report = await runFuzz({ targets: await targetNames([group]), seed, cases: CASES, workers: 2 });
      const failing = Object.entries(report.counts).filter(([, c]) => defectCount(c) > 0);
      if (failing.length || report.failures.length) {
        console.error(
          `${countsTable(report)}\n\n${report.examples.map(describeExample).join('\n\n')}\n${report.failures.join('\n')}`,
        );
      }
      expect(report.failures).toEqual([]);
      for (const [name, c] of Object.entries(report.counts)) {
        expect(c.cases, name).toBe(CASES);
        expect({ target: name, generic: c.generic, crashes: c.crashes, hangs: c.hangs, wrong: c.wrong }).toEqual({
          target: name,
          generic: 0,
          crashes: 0,
          hangs: 0,
          wrong: 0,
        });
      }
    }, 240_000);
  });
}
