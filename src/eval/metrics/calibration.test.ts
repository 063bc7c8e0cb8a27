import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../errors.ts';
import { Rng } from '../../data/rng.ts';
import { oeRatio, oeRatioByGroup } from './calibration.ts';

describe('oeRatio', () => {
  it('gives the hand-computed values', () => {
    expect(oeRatio([1, 0, 0, 1], [0.5, 0.25, 0.25, 0.5])).toBeCloseTo(2 / 1.5, 12); // under-predicts
    expect(oeRatio([0, 0, 1, 0], [0.5, 0.5, 0.5, 0.5])).toBeCloseTo(0.5, 12); // over-predicts
    expect(oeRatio(Uint8Array.from([1, 0]), Float32Array.from([0.5, 0.5]))).toBe(1);
  });

  it('rejects nothing expected, bad probabilities and negative observations', () => {
    expect(() => oeRatio([1], [0])).toThrow(InvalidArgumentError);
    expect(() => oeRatio([1], [1.5])).toThrow(InvalidArgumentError);
    expect(() => oeRatio([-1], [0.5])).toThrow(InvalidArgumentError);
    expect(() => oeRatio([1], [NaN])).toThrow(InvalidArgumentError);
    expect(() => oeRatio([], [])).toThrow(InvalidArgumentError);
  });

  it('is 1 in expectation when outcomes are drawn from the predictions', () => {
    const rng = new Rng(11);
    const p = Float64Array.from({ length: 20_000 }, () => 0.05 + 0.4 * rng.next());
    const y = Float64Array.from(p, (pi) => (rng.bernoulli(pi) ? 1 : 0));
    expect(Math.abs(oeRatio(y, p) - 1)).toBeLessThan(0.05);
  });
});

describe('oeRatioByGroup', () => {
  it('computes each group separately, in first-seen order', () => {
    const g = oeRatioByGroup([1, 0, 1, 1, 0], [0.5, 0.5, 0.25, 0.25, 0], ['feed', 'feed', 'jobs', 'jobs', 'pymk']);
    expect([...g.keys()]).toEqual(['feed', 'jobs', 'pymk']);
    expect(g.get('feed')).toEqual({ observed: 1, expected: 1, ratio: 1, count: 2 });
    expect(g.get('jobs')?.ratio).toBe(4);
    expect(g.get('pymk')?.ratio).toBeNaN(); // 0 / 0: nothing expected, nothing observed
  });

  it("agrees with the overall ratio on each group's rows and sums to the totals", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom(0, 1),
            fc.double({ min: 0.01, max: 1, noNaN: true }),
            fc.integer({ min: 0, max: 3 }),
          ),
          { minLength: 1, maxLength: 40 },
        ),
        (rows) => {
          const groups = oeRatioByGroup(
            rows.map((r) => r[0]),
            rows.map((r) => r[1]),
            Int32Array.from(rows, (r) => r[2]),
          );
          let count = 0;
          for (const [key, g] of groups) {
            const mine = rows.filter((r) => r[2] === key);
            expect(g.ratio).toBeCloseTo(
              oeRatio(
                mine.map((r) => r[0]),
                mine.map((r) => r[1]),
              ),
              9,
            );
            count += g.count;
          }
          expect(count).toBe(rows.length);
        },
      ),
    );
  });
});
