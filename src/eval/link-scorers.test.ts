import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, UnknownIdError } from '../errors.ts';
import { naiveAdamicAdar } from '../testing/naive-metrics.ts';
import { adamicAdarScorer, cosine, dot, embeddingScorer } from './link-scorers.ts';

const pairs = (edges: readonly [number, number][]) => ({
  src: Int32Array.from(edges, ([u]) => u),
  dst: Int32Array.from(edges, ([, v]) => v),
});

describe('adamicAdarScorer', () => {
  it('gives the hand-computed values', () => {
    // 0–1, 0–2, 1–2, 1–3, 2–3, 3–4: nodes 1 and 2 have degree 3 and are the common neighbours of 0 and 3.
    const score = adamicAdarScorer(
      5,
      pairs([
        [0, 1],
        [0, 2],
        [1, 2],
        [1, 3],
        [2, 3],
        [3, 4],
      ]),
    );
    expect(score(0, 3)).toBeCloseTo(2 / Math.log(3), 12);
    expect(score(3, 0)).toBe(score(0, 3));
    expect(score(0, 4)).toBe(0);
    expect(score(1, 2)).toBeCloseTo(1 / Math.log(2) + 1 / Math.log(3), 12); // via 0 (degree 2) and 3 (degree 3)
  });

  it('ignores edge direction, duplicates and self loops', () => {
    const a = adamicAdarScorer(
      4,
      pairs([
        [0, 1],
        [1, 2],
        [2, 3],
        [3, 0],
      ]),
    );
    const b = adamicAdarScorer(
      4,
      pairs([
        [1, 0],
        [1, 2],
        [2, 1],
        [3, 2],
        [0, 3],
        [0, 0],
        [1, 1],
      ]),
    );
    for (let u = 0; u < 4; u++) for (let v = 0; v < 4; v++) expect(b(u, v)).toBe(a(u, v));
  });

  it('matches intersecting neighbour sets on random graphs', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(9), fc.nat(9)), { maxLength: 40 }), fc.nat(9), fc.nat(9), (edges, u, v) => {
        const score = adamicAdarScorer(10, pairs(edges));
        expect(score(u, v)).toBeCloseTo(
          naiveAdamicAdar(
            10,
            edges.map((e) => e[0]),
            edges.map((e) => e[1]),
            u,
            v,
          ),
          12,
        );
      }),
    );
  });

  it('rejects nodes outside the graph', () => {
    const score = adamicAdarScorer(3, pairs([[0, 1]]));
    expect(() => score(0, 3)).toThrow(UnknownIdError);
    expect(() => adamicAdarScorer(2, pairs([[0, 2]]))).toThrow(InvalidArgumentError);
  });
});

describe('dot / cosine / embeddingScorer', () => {
  it('gives the hand-computed values', () => {
    expect(dot([1, 2, 3], [4, -5, 6])).toBe(12);
    expect(cosine([1, 0], [0, 3])).toBe(0);
    expect(cosine([1, 1], [2, 2])).toBeCloseTo(1, 12);
    expect(cosine([1, 0], [-1, 0])).toBeCloseTo(-1, 12);
    expect(cosine([0, 0], [1, 2])).toBe(0);
    expect(() => dot([1], [1, 2])).toThrow(InvalidArgumentError);
  });

  it('scores rows of an embedding matrix', () => {
    const emb = Float32Array.from([1, 0, 0, 2, 3, 4]);
    expect(embeddingScorer(emb, 2, 'dot')(1, 2)).toBe(8);
    expect(embeddingScorer(emb, 2)(0, 2)).toBeCloseTo(0.6, 6);
    expect(() => embeddingScorer(emb, 2)(0, 3)).toThrow(UnknownIdError);
    expect(() => embeddingScorer(emb, 4)).toThrow(InvalidArgumentError);
  });
});
