import { describe, expect, it } from 'vitest';
import { Rng } from '../data/rng.ts';
import { Growable } from './growable.ts';
import { GroupSampler, poisson, WeightedSampler } from './sampling.ts';

describe('Growable', () => {
  it('grows typed arrays', () => {
    const g = new Growable((n) => new Uint16Array(n), 1);
    for (let i = 0; i < 100; i++) g.push(i);
    expect(Array.from(g.toArray())).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});

describe('samplers', () => {
  const rng = new Rng(1);

  it('draws in proportion to weights', () => {
    const s = new WeightedSampler([1, 0, 3]);
    const counts = [0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[s.draw(rng)]++;
    expect(counts[1]).toBe(0);
    expect(counts[2] / counts[0]).toBeGreaterThan(2.7);
    expect(counts[2] / counts[0]).toBeLessThan(3.3);
  });

  it('draws within a group, by weight, and maps ids', () => {
    const s = new GroupSampler([0, 1, 0, 1], 3, [1, 1, 0, 1], [10, 11, 12, 13]);
    expect(s.size(0)).toBe(2);
    expect(s.draw(2, rng)).toBe(-1);
    for (let i = 0; i < 200; i++) expect(s.draw(0, rng)).toBe(10);
    const seen = new Set(Array.from({ length: 200 }, () => s.draw(1, rng)));
    expect([...seen].sort()).toEqual([11, 13]);
  });

  it('draws Poisson counts with the right mean', () => {
    for (const mean of [0.5, 4, 50]) {
      let s = 0;
      for (let i = 0; i < 20_000; i++) s += poisson(rng, mean);
      expect(s / 20_000).toBeCloseTo(mean, mean < 10 ? 1 : 0);
    }
  });
});
