import { describe, expect, it } from 'vitest';
import { Rng } from './rng.ts';

describe('Rng', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const a = new Rng(7),
      b = new Rng(7),
      c = new Rng(8);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });
  it('draws uniform floats in [0,1) and ints in [0,n)', () => {
    const r = new Rng(1);
    const counts = new Array(10).fill(0);
    let lo = 1,
      hi = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = r.next();
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
      counts[r.int(10)]++;
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });
  it('starts well mixed even from small seeds', () => {
    for (let seed = 0; seed < 50; seed++) {
      const r = new Rng(seed);
      const first = Array.from({ length: 4 }, () => r.next());
      expect(first.some((x) => x < 0.9)).toBe(true);
    }
    const firstInts = Array.from({ length: 200 }, (_, seed) => new Rng(seed).int(10));
    expect(new Set(firstInts).size).toBe(10);
  });
  it('forks independent, reproducible streams', () => {
    const r = new Rng(3);
    expect(r.fork('a').next()).toBe(new Rng(3).fork('a').next());
    expect(r.fork('a').next()).not.toBe(r.fork('b').next());
  });
});
