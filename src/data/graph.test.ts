import { describe, expect, it } from 'vitest';
import { csrRow } from './sparse-rows.ts';
import { graphAdjacency, graphDegrees, type Graph } from './graph.ts';
import { IdMap } from './idmap.ts';

/** Nodes 0..3; edges 0-1 (w 2), 1-2, 2-2 (self loop, w 3), 3-0. */
function tiny(directed: boolean): Graph {
  return {
    name: 'tiny',
    directed,
    description: '',
    n: 4,
    nodeIds: new IdMap([0, 1, 2, 3], 'node'),
    labels: [null, null, null, null],
    classes: Int32Array.of(-1, -1, -1, -1),
    classNames: [],
    src: Int32Array.of(0, 1, 2, 3),
    dst: Int32Array.of(1, 2, 2, 0),
    weight: Float32Array.of(2, 1, 3, 1),
  };
}

const row = (g: Graph, r: number) => {
  const { indices, values } = csrRow(graphAdjacency(g), r);
  return [...indices].map((c, k) => [c, values[k]]);
};

describe('graphAdjacency', () => {
  it('symmetrises undirected graphs, storing self loops once', () => {
    const g = tiny(false);
    expect(row(g, 0)).toEqual([
      [1, 2],
      [3, 1],
    ]);
    expect(row(g, 1)).toEqual([
      [0, 2],
      [2, 1],
    ]);
    expect(row(g, 2)).toEqual([
      [1, 1],
      [2, 3],
    ]);
    expect(graphAdjacency(g).indices.length).toBe(7);
  });

  it('keeps directed edges one way', () => {
    const g = tiny(true);
    expect(row(g, 0)).toEqual([[1, 2]]);
    expect(row(g, 1)).toEqual([[2, 1]]);
    expect(row(g, 3)).toEqual([[0, 1]]);
  });
});

describe('graphDegrees', () => {
  it('sums weights: both ends when undirected, out or in when directed', () => {
    expect([...graphDegrees(tiny(false))]).toEqual([3, 3, 4, 1]);
    expect([...graphDegrees(tiny(false), 'in')]).toEqual([3, 3, 4, 1]);
    expect([...graphDegrees(tiny(true))]).toEqual([2, 1, 3, 1]);
    expect([...graphDegrees(tiny(true), 'in')]).toEqual([1, 2, 4, 0]);
  });

  it('equals the row sums of the adjacency', () => {
    for (const directed of [false, true]) {
      const g = tiny(directed);
      const sums = Array.from({ length: g.n }, (_, r) =>
        csrRow(graphAdjacency(g), r).values.reduce((a, b) => a + b, 0),
      );
      expect([...graphDegrees(g)]).toEqual(sums);
    }
  });
});
