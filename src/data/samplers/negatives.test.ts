import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../errors.ts';
import { cooToCsr, csrHas, type SparseRows } from '../sparse-rows.ts';
import { Rng } from '../rng.ts';
import { sampleNegatives } from './negatives.ts';

/** User 0 saw items 1, 3, 5; user 1 saw all but item 2 of 0..9; user 2 saw nothing. */
function seen(): SparseRows {
  const pairs = [[0, 5], [0, 1], [0, 3], ...[0, 1, 3, 4, 5, 6, 7, 8, 9].map((i) => [1, i])];
  return cooToCsr(
    Int32Array.from(pairs, (p) => p[0]),
    Int32Array.from(pairs, (p) => p[1]),
    new Float32Array(pairs.length).fill(1),
    3,
    10,
  );
}

describe('sampleNegatives', () => {
  it('returns distinct unseen items, through both strategies', () => {
    const csr = seen();
    const rng = new Rng(1);
    for (const count of [0, 1, 3, 7]) {
      for (let trial = 0; trial < 50; trial++) {
        const drawn = [...sampleNegatives(csr, 0, count, 10, rng)];
        expect(drawn.length).toBe(count);
        expect(new Set(drawn).size).toBe(count);
        for (const item of drawn) {
          expect(item >= 0 && item < 10).toBe(true);
          expect(csrHas(csr, 0, item)).toBe(false);
        }
      }
    }
    expect([...sampleNegatives(csr, 1, 1, 10, rng)]).toEqual([2]);
  });

  it('draws uniformly among the unseen items (both strategies)', () => {
    const csr = seen();
    for (const count of [1, 6]) {
      const rng = new Rng(2 + count);
      const counts = new Array(10).fill(0);
      const trials = 20_000;
      for (let t = 0; t < trials; t++) for (const i of sampleNegatives(csr, 0, count, 10, rng)) counts[i]++;
      const unseen = [0, 2, 4, 6, 7, 8, 9];
      const expected = (trials * count) / unseen.length;
      for (const i of [1, 3, 5]) expect(counts[i]).toBe(0);
      for (const i of unseen) expect(Math.abs(counts[i] - expected) / expected).toBeLessThan(0.05);
    }
  });

  it('draws the NCF 99 negatives for a user among many items', () => {
    const rng = new Rng(6);
    const pairs = Array.from({ length: 300 }, (_, k) => k * 7);
    const csr = cooToCsr(new Int32Array(300), Int32Array.from(pairs), new Float32Array(300), 1, 3000);
    const drawn = sampleNegatives(csr, 0, 99, 3000, rng);
    expect(new Set(drawn).size).toBe(99);
    for (const item of drawn) expect(item % 7 !== 0 || item >= 2100).toBe(true);
  });

  it('is reproducible from a seed', () => {
    const csr = seen();
    expect(sampleNegatives(csr, 2, 4, 10, new Rng(8))).toEqual(sampleNegatives(csr, 2, 4, 10, new Rng(8)));
  });

  it('throws a typed error when too few unseen items remain, or on bad arguments', () => {
    const csr = seen();
    expect(() => sampleNegatives(csr, 1, 2, 10, new Rng(1))).toThrow(/user 1 has seen 9 of 10 items; cannot draw 2/);
    expect(() => sampleNegatives(csr, 1, 2, 10, new Rng(1))).toThrow(InvalidArgumentError);
    expect(() => sampleNegatives(csr, 0, -1, 10, new Rng(1))).toThrow(InvalidArgumentError);
    expect(() => sampleNegatives(csr, 0, 1.5, 10, new Rng(1))).toThrow(InvalidArgumentError);
    expect(() => sampleNegatives(csr, 3, 1, 10, new Rng(1))).toThrow(InvalidArgumentError);
  });
});
