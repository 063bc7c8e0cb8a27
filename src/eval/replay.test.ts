import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../data/rng.ts';
import { InvalidArgumentError } from '../errors.ts';
import { naiveReplay } from '../testing/naive-metrics.ts';
import { replayEstimate, type LoggedEvent } from './replay.ts';

const event = (shown: number, reward: number, context = 0): LoggedEvent<number> => ({
  context,
  candidates: [0, 1, 2],
  shown,
  reward,
});

describe('replayEstimate', () => {
  it('averages rewards over the events where the policy agrees with the log', () => {
    const log = [event(1, 1), event(0, 1), event(1, 0), event(2, 1), event(1, 1)];
    const r = replayEstimate(log, () => 1);
    expect(r.total).toBe(5);
    expect(r.kept).toBe(3);
    expect(r.estimate).toBeCloseTo(2 / 3, 12);
    const se = Math.sqrt(1 / 3 / 3); // sample variance of [1, 0, 1] is 1/3
    expect(r.stdErr).toBeCloseTo(se, 12);
    expect(r.ci[0]).toBeCloseTo(2 / 3 - 1.959964 * se, 6);
    expect(r.ci[1]).toBeCloseTo(2 / 3 + 1.959964 * se, 6);
  });

  it('shows the policy the context, streams any iterable, and reports NaN without enough kept events', () => {
    function* log(): Generator<LoggedEvent<string>> {
      yield { context: 'a', candidates: Int32Array.from([4, 5]), shown: 5, reward: 1 };
      yield { context: 'b', candidates: Int32Array.from([4, 5]), shown: 5, reward: 0 };
    }
    const one = replayEstimate(log(), (e) => (e.context === 'a' ? 5 : 4));
    expect([one.kept, one.estimate]).toEqual([1, 1]);
    expect(one.stdErr).toBeNaN();
    const none = replayEstimate(log(), () => 4);
    expect(none.kept).toBe(0);
    expect(none.estimate).toBeNaN();
  });

  it('rejects logs and policies that step outside the candidates', () => {
    expect(() => replayEstimate([event(3, 1)], () => 0)).toThrow(InvalidArgumentError);
    expect(() => replayEstimate([event(1, 1)], () => 7)).toThrow(InvalidArgumentError);
    expect(() => replayEstimate([event(1, NaN)], () => 1)).toThrow(InvalidArgumentError);
  });

  it('matches the two-pass mean and standard error on random logs', () => {
    const row = fc.tuple(fc.nat(2), fc.double({ min: -2, max: 2, noNaN: true }), fc.nat(2));
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 60 }), (rows) => {
        const log = rows.map(([shown, reward, ctx]) => event(shown, reward, ctx));
        const r = replayEstimate(log, (e) => e.context);
        const kept = rows.filter(([shown, , ctx]) => shown === ctx).map(([, reward]) => reward);
        expect(r.kept).toBe(kept.length);
        if (kept.length < 2) return;
        const ref = naiveReplay(kept);
        expect(r.estimate).toBeCloseTo(ref.estimate, 9);
        expect(r.stdErr).toBeCloseTo(ref.stdErr, 9);
      }),
    );
  });
});

describe('replayEstimate on a synthetic bandit with known click rates', () => {
  // Three member segments (probabilities 0.5, 0.3, 0.2) and five feed items with per-segment CTRs.
  const segmentP = [0.5, 0.3, 0.2];
  const ctr = [
    [0.02, 0.05, 0.1, 0.2, 0.04],
    [0.3, 0.05, 0.02, 0.1, 0.08],
    [0.05, 0.25, 0.1, 0.02, 0.15],
  ];
  const candidates = Int32Array.from([0, 1, 2, 3, 4]);

  /** A log of the uniformly random logging policy. */
  function simulateLog(seed: number, n: number): LoggedEvent<number>[] {
    const rng = new Rng(seed).fork('bandit');
    return Array.from({ length: n }, () => {
      const u = rng.next();
      const segment = u < 0.5 ? 0 : u < 0.8 ? 1 : 2;
      const shown = rng.int(candidates.length);
      return { context: segment, candidates, shown, reward: rng.bernoulli(ctr[segment][shown]) ? 1 : 0 };
    });
  }

  const bestArm = (s: number): number => ctr[s].indexOf(Math.max(...ctr[s]));
  const policies: [string, (s: number) => number][] = [
    ['best item per segment', bestArm],
    ['always item 2', () => 2],
  ];

  for (const [name, choose] of policies) {
    it(`is unbiased with ~95% interval coverage for "${name}"`, () => {
      const truth = segmentP.reduce((sum, p, s) => sum + p * ctr[s][choose(s)], 0);
      const runs = 300;
      let sum = 0;
      let covered = 0;
      let loggedCtr = 0;
      for (let seed = 0; seed < runs; seed++) {
        const log = simulateLog(1000 + seed, 2000);
        const r = replayEstimate(log, (e) => choose(e.context));
        expect(r.kept).toBeGreaterThan(300); // about 1/5 of 2000 survive
        sum += r.estimate;
        if (r.ci[0] <= truth && truth <= r.ci[1]) covered++;
        loggedCtr += log.reduce((a, e) => a + e.reward, 0) / log.length / runs;
      }
      expect(Math.abs(sum / runs - truth)).toBeLessThan(0.004); // ≈ 5 standard errors of the mean over runs
      expect(covered / runs).toBeGreaterThan(0.88);
      expect(covered / runs).toBeLessThan(0.99);
      expect(Math.abs(truth - loggedCtr)).toBeGreaterThan(0.01); // so the log's own CTR would be wrong
    });
  }
});
