import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../errors.ts';
import { Rng } from '../rng.ts';
import { InteractionLogBuilder } from '../interaction-builder.ts';
import { AliasSampler, aliasProbabilities, aliasTable, type IndexSampler } from './alias.ts';
import { DegreeSampler, UniformItemSampler } from './items.ts';

/** Pearson's chi-square statistic of `draws` samples against the probabilities `p`. */
function chiSquare(sampler: IndexSampler, p: ArrayLike<number>, draws: number, seed: number): number {
  const rng = new Rng(seed);
  const counts = new Float64Array(p.length);
  for (let k = 0; k < draws; k++) counts[sampler.sample(rng)]++;
  let stat = 0;
  for (let i = 0; i < p.length; i++) {
    const expected = p[i] * draws;
    if (expected === 0) {
      if (counts[i] > 0) return Infinity; // drew an impossible index
      continue;
    }
    stat += (counts[i] - expected) ** 2 / expected;
  }
  return stat;
}

describe('aliasTable', () => {
  it('reproduces the weights exactly enough, leftovers keeping their own index', () => {
    const weights = [5, 0, 1, 2, 0.5, 9];
    const t = aliasTable(weights);
    const total = weights.reduce((a, b) => a + b);
    aliasProbabilities(t).forEach((p, i) => expect(p).toBeCloseTo(weights[i] / total, 12));
    expect(t.prob[1]).toBe(0); // a zero weight is never kept
    const uniform = aliasTable([2, 2, 2]);
    expect([...uniform.prob]).toEqual([1, 1, 1]);
    expect([...uniform.alias]).toEqual([0, 1, 2]);
  });

  it('does not overflow on weights near the largest double', () => {
    const t = aliasTable([Number.MAX_VALUE / 4, Number.MAX_VALUE / 4, 0]);
    expect([...aliasProbabilities(t)].map((p) => Math.round(p * 1e9) / 1e9)).toEqual([0.5, 0.5, 0]);
  });
});

describe('AliasSampler', () => {
  it('draws each index in proportion to its weight', () => {
    const weights = [1, 0, 3, 0.5, 10, 2, 0, 7.25];
    const total = weights.reduce((a, b) => a + b);
    const sampler = new AliasSampler(weights);
    const p = weights.map((w) => w / total);
    expect(Array.from({ length: 8 }, (_, i) => sampler.probability(i))).toEqual(p);
    // 6 degrees of freedom (8 cells, 2 impossible): the 99.9% point is 22.5; allow 30.
    expect(chiSquare(sampler, p, 200_000, 1)).toBeLessThan(30);
  });

  it('is far off for a wrong distribution (the check has power)', () => {
    const sampler = new AliasSampler([1, 2, 3, 4]);
    expect(chiSquare(sampler, [0.25, 0.25, 0.25, 0.25], 200_000, 2)).toBeGreaterThan(1000);
  });

  it('handles a single weight and very skewed weights', () => {
    const rng = new Rng(3);
    expect(new AliasSampler([4]).sample(rng)).toBe(0);
    const skewed = new AliasSampler([1e-9, 1, 1e9]);
    const draws = Array.from({ length: 10_000 }, () => skewed.sample(rng));
    expect(draws.filter((d) => d === 2).length).toBeGreaterThan(9_990);
  });

  it('is reproducible from a seed', () => {
    const sampler = new AliasSampler([1, 2, 3]);
    const draw = (seed: number) =>
      Array.from(
        { length: 20 },
        (
          (rng) => () =>
            sampler.sample(rng)
        )(new Rng(seed)),
      );
    expect(draw(7)).toEqual(draw(7));
  });

  it('rejects empty, negative, NaN, infinite and all-zero weights', () => {
    for (const bad of [[], [1, -1], [1, NaN], [Infinity], [0, 0], [Number.MAX_VALUE, Number.MAX_VALUE]]) {
      expect(() => new AliasSampler(bad)).toThrow(InvalidArgumentError);
    }
  });
});

describe('UniformItemSampler', () => {
  it('draws every item equally often', () => {
    const sampler = new UniformItemSampler(20);
    // 19 degrees of freedom: the 99.9% point is 43.8; allow 55.
    expect(chiSquare(sampler, new Array(20).fill(1 / 20), 100_000, 4)).toBeLessThan(55);
  });

  it('rejects a non-positive or fractional size', () => {
    for (const bad of [0, -3, 2.5, NaN]) expect(() => new UniformItemSampler(bad)).toThrow(InvalidArgumentError);
  });
});

describe('DegreeSampler', () => {
  it('draws in proportion to degree^0.75 by default, never a zero-degree item', () => {
    const degrees = [1, 16, 0, 81, 4];
    const sampler = new DegreeSampler(degrees);
    const weights = degrees.map((d) => d ** 0.75);
    const total = weights.reduce((a, b) => a + b);
    const p = weights.map((w) => w / total);
    expect(sampler.probability(3)).toBeCloseTo(27 / (1 + 8 + 27 + 2.8284271247461903), 12);
    expect(chiSquare(sampler, p, 100_000, 5)).toBeLessThan(25); // 3 d.o.f.: 99.9% point 16.3
  });

  it('honours other powers: 0 is uniform over all items, 1 is proportional', () => {
    expect(new DegreeSampler([0, 5, 10], 0).probability(0)).toBeCloseTo(1 / 3, 12);
    expect(new DegreeSampler([0, 5, 10], 1).probability(2)).toBeCloseTo(2 / 3, 12);
  });

  it('builds from a log’s item counts', () => {
    const b = new InteractionLogBuilder();
    for (const [u, i] of [
      [1, 'a'],
      [2, 'a'],
      [3, 'a'],
      [1, 'b'],
    ] as const)
      b.add(u, i);
    const sampler = DegreeSampler.fromLog(b.build(), 1);
    expect(sampler.size).toBe(2);
    expect(sampler.probability(0)).toBeCloseTo(0.75, 12);
  });

  it('rejects negative or NaN degrees, all-zero degrees and bad powers', () => {
    expect(() => new DegreeSampler([1, -1])).toThrow(InvalidArgumentError);
    expect(() => new DegreeSampler([1, NaN])).toThrow(InvalidArgumentError);
    expect(() => new DegreeSampler([0, 0])).toThrow(InvalidArgumentError);
    expect(() => new DegreeSampler([1, 2], NaN)).toThrow(InvalidArgumentError);
    expect(() => new DegreeSampler([0, 2], -1)).toThrow(InvalidArgumentError); // 0^-1 is infinite
  });
});
