import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../data/rng.ts';
import { InvalidArgumentError } from '../errors.ts';
import { naiveAuc } from '../testing/naive-metrics.ts';
import { holdOutEdges, linkPredictionAuc, type EdgeList, type NodePairs } from './link-prediction.ts';
import { adamicAdarScorer } from './link-scorers.ts';

const key = (u: number, v: number): string => (u < v ? `${u}-${v}` : `${v}-${u}`);
const pairKeys = (p: NodePairs): string[] => Array.from(p.src, (u, i) => key(u, p.dst[i]));

function graphOf(edges: readonly [number, number][], n: number): EdgeList {
  return {
    n,
    src: Int32Array.from(edges, ([u]) => u),
    dst: Int32Array.from(edges, ([, v]) => v),
    weight: Float32Array.from(edges, (_, i) => i + 0.5),
  };
}

/** The invariants every split must satisfy. */
function checkSplit(graph: EdgeList, fraction: number, seed: number): void {
  const { train, positives, negatives } = holdOutEdges(graph, fraction, new Rng(seed));
  const all = new Set(pairKeys(graph));
  const distinctPairs = new Set(pairKeys(graph).filter((_, e) => graph.src[e] !== graph.dst[e]));
  const held = pairKeys(positives);
  expect(held.length).toBe(Math.round(fraction * distinctPairs.size));
  expect(new Set(held).size).toBe(held.length);
  held.forEach((k) => expect(distinctPairs.has(k)).toBe(true));
  const trainKeys = pairKeys(train);
  expect(trainKeys.filter((k) => held.includes(k))).toEqual([]); // no reverse or duplicate leaks
  expect(trainKeys.length).toBe(pairKeys(graph).filter((k) => !held.includes(k)).length);
  train.src.forEach((u, i) => {
    const e = pairKeys(graph).indexOf(key(u, train.dst[i]));
    expect(e).toBeGreaterThanOrEqual(0);
  });
  const neg = pairKeys(negatives);
  expect(neg.length).toBe(held.length);
  expect(new Set(neg).size).toBe(neg.length);
  negatives.src.forEach((u, i) => expect(u).not.toBe(negatives.dst[i]));
  neg.forEach((k) => expect(all.has(k)).toBe(false));
}

describe('holdOutEdges', () => {
  it('holds out whole undirected pairs, keeps weights aligned, and samples true non-edges', () => {
    const edges: [number, number][] = [];
    for (let i = 0; i < 30; i++) edges.push([i, (i + 1) % 30], [(i + 1) % 30, i], [i, (i + 7) % 30]);
    edges.push([4, 4], [0, 1]); // a self loop and a duplicate
    const graph = graphOf(edges, 30);
    checkSplit(graph, 0.2, 1);
    const { train } = holdOutEdges(graph, 0.2, new Rng(1));
    train.src.forEach((u, i) => {
      const e = Math.round((train.weight?.[i] ?? 0) - 0.5);
      expect([graph.src[e], graph.dst[e]]).toEqual([u, train.dst[i]]);
    });
    expect(pairKeys(train)).toContain('4-4'); // self loops are never held out
  });

  it('satisfies the split invariants on random graphs, dense ones included', () => {
    const edge = (n: number) => fc.tuple(fc.nat(n - 1), fc.nat(n - 1));
    fc.assert(
      fc.property(
        fc
          .integer({ min: 4, max: 12 })
          .chain((n) => fc.tuple(fc.constant(n), fc.array(edge(n), { minLength: 3, maxLength: 40 }))),
        fc.double({ min: 0.1, max: 0.5, noNaN: true }),
        fc.nat(1000),
        (nAndEdges, fraction, seed) => {
          const [n, edges] = nAndEdges;
          const graph = graphOf(edges, n);
          const pairs = new Set(edges.filter(([u, v]) => u !== v).map(([u, v]) => key(u, v))).size;
          const held = Math.round(fraction * pairs);
          fc.pre(held > 0 && (n * (n - 1)) / 2 - pairs >= held);
          checkSplit(graph, fraction, seed);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('is reproducible per seed', () => {
    const graph = graphOf(
      Array.from({ length: 40 }, (_, i) => [i % 20, (i * 3 + 1) % 20] as [number, number]),
      20,
    );
    expect(holdOutEdges(graph, 0.3, new Rng(4))).toEqual(holdOutEdges(graph, 0.3, new Rng(4)));
    expect(holdOutEdges(graph, 0.3, new Rng(4)).positives).not.toEqual(holdOutEdges(graph, 0.3, new Rng(5)).positives);
  });

  it('rejects impossible requests', () => {
    const complete = graphOf(
      [
        [0, 1],
        [0, 2],
        [1, 2],
      ],
      3,
    );
    expect(() => holdOutEdges(complete, 0.5, new Rng(1))).toThrow(InvalidArgumentError); // no non-edges left
    expect(() => holdOutEdges(graphOf([[0, 1]], 5), 0.2, new Rng(1))).toThrow(InvalidArgumentError); // rounds to 0
    expect(() => holdOutEdges(graphOf([[0, 9]], 5), 0.5, new Rng(1))).toThrow(InvalidArgumentError);
    expect(() => holdOutEdges(graphOf([[0, 1]], 5), 1, new Rng(1))).toThrow(InvalidArgumentError);
  });
});

describe('linkPredictionAuc', () => {
  it('equals the all-pairs AUC of the scorer on positives vs negatives', () => {
    const score = (u: number, v: number): number => (u * v) % 4;
    const positives = { src: Int32Array.from([1, 2, 3, 5]), dst: Int32Array.from([3, 3, 2, 7]) };
    const negatives = { src: Int32Array.from([0, 4, 6]), dst: Int32Array.from([1, 2, 3]) };
    const scores = [...pairScores(positives, score), ...pairScores(negatives, score)];
    expect(linkPredictionAuc(score, positives, negatives)).toBeCloseTo(naiveAuc(scores, [1, 1, 1, 1, 0, 0, 0]), 12);
  });

  it('lets Adamic–Adar recover held-out edges of a five-community graph', () => {
    // Held-out edges lie inside communities and share neighbours; ~80% of random non-edges cross
    // communities and share almost none, so AUC ≈ 0.8 × 1 + 0.2 × ½.
    const rng = new Rng(3);
    const edges: [number, number][] = [];
    for (let u = 0; u < 100; u++) {
      for (let v = u + 1; v < 100; v++) {
        if (rng.bernoulli(u % 5 === v % 5 ? 0.4 : 0.005)) edges.push([u, v]);
      }
    }
    const { train, positives, negatives } = holdOutEdges(graphOf(edges, 100), 0.1, new Rng(7));
    expect(linkPredictionAuc(adamicAdarScorer(100, train), positives, negatives)).toBeGreaterThan(0.75);
    expect(linkPredictionAuc(() => 0, positives, negatives)).toBe(0.5);
  });
});

function pairScores(p: NodePairs, score: (u: number, v: number) => number): number[] {
  return Array.from(p.src, (u, i) => score(u, p.dst[i]));
}
