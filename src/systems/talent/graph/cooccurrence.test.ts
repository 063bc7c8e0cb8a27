import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../errors.ts';
import { Rng } from '../../../data/rng.ts';
import { cooccurrenceGraph, distinctBags } from './cooccurrence.ts';

/** Naive reference: count every pair of every bag through a Map. */
function naive(bags: number[][]): Map<string, number> {
  const out = new Map<string, number>();
  for (const bag of bags) {
    const set = [...new Set(bag)].sort((a, b) => a - b);
    for (let i = 0; i < set.length; i++)
      for (let j = i + 1; j < set.length; j++) {
        const key = `${set[i]}-${set[j]}`;
        out.set(key, (out.get(key) ?? 0) + 1);
      }
  }
  return out;
}

function toCsr(bags: number[][]): { offsets: Uint32Array; values: Uint32Array } {
  const offsets = new Uint32Array(bags.length + 1);
  bags.forEach((b, i) => (offsets[i + 1] = offsets[i] + b.length));
  return { offsets, values: Uint32Array.from(bags.flat()) };
}

describe('cooccurrenceGraph', () => {
  it('weights each pair by the number of bags holding both, repeats counted once', () => {
    const g = cooccurrenceGraph(toCsr([[0, 1], [1, 0, 1], [1, 2], [3]]), 4);
    expect(Array.from(g.src)).toEqual([0, 1]);
    expect(Array.from(g.dst)).toEqual([1, 2]);
    expect(Array.from(g.weight)).toEqual([2, 1]);
  });

  it('matches a naive pair count on random bags', () => {
    const rng = new Rng(3);
    const bags = Array.from({ length: 300 }, () => Array.from({ length: rng.int(7) }, () => rng.int(40)));
    const g = cooccurrenceGraph(toCsr(bags), 40);
    const got = new Map(Array.from(g.src, (s, e) => [`${s}-${g.dst[e]}`, g.weight[e]] as const));
    expect(got).toEqual(naive(bags));
    for (let e = 0; e < g.src.length; e++) expect(g.src[e]).toBeLessThan(g.dst[e]);
  });

  it('rejects an entity outside the vocabulary', () => {
    expect(() => cooccurrenceGraph(toCsr([[0, 5]]), 3)).toThrow(InvalidArgumentError);
  });

  it('distinctBags sorts and de-duplicates each row', () => {
    const d = distinctBags(toCsr([[3, 1, 3], [], [2]]), 4);
    expect(Array.from(d.offsets)).toEqual([0, 2, 2, 3]);
    expect(Array.from(d.values)).toEqual([1, 3, 2]);
  });
});
