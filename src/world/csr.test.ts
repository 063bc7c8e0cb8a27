import { describe, expect, it } from 'vitest';
import { Rng } from '../data/rng';
import { csrHas, csrRow, groupBy, Growable, pairsToCsr } from './csr';
import { GroupSampler, poisson, WeightedSampler } from './sampling';

describe('csr helpers', () => {
  it('groups items by key, stably', () => {
    const g = groupBy([2, 0, 2, 1, 0], 4);
    expect(Array.from(g.offsets)).toEqual([0, 2, 3, 5, 5]);
    expect(Array.from(csrRow(g, 0))).toEqual([1, 4]);
    expect(Array.from(csrRow(g, 2))).toEqual([0, 2]);
    expect(csrRow(g, 3).length).toBe(0);
  });

  it('builds sorted, deduplicated rows from pairs; symmetric graphs drop self-loops', () => {
    const src = Uint32Array.from([0, 0, 1, 2, 2, 0]), dst = Uint32Array.from([2, 1, 0, 2, 0, 0]);
    const g = pairsToCsr(3, src, dst, 6, true);
    expect([0, 1, 2].map((r) => Array.from(csrRow(g, r)))).toEqual([[1, 2], [0], [0]]);
    expect(csrHas(g, 0, 2) && !csrHas(g, 1, 2)).toBe(true);
    const d = pairsToCsr(3, src, dst, 6, false);
    expect([0, 1, 2].map((r) => Array.from(csrRow(d, r)))).toEqual([[0, 1, 2], [0], [0, 2]]);
  });

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
