import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DataFormatError } from '../../errors.ts';
import { describeGraphLoad, loadGraph, parseGraph, type GraphRepeatPolicy } from './graph.ts';

const VALID = {
  name: 'tiny',
  directed: false,
  n: 3,
  m: 2,
  description: 'test graph',
  nodes: [
    { id: 10, label: 'a', class: 'x' },
    { id: 20, class: 2 },
    { id: 30, label: 'c', class: 1 },
  ],
  edges: [
    [10, 20],
    [20, 30, 2.5],
  ],
};

/** The valid graph with some top-level fields replaced, one JSON value per line. */
function variant(patch: Record<string, unknown>): string {
  const doc: Record<string, unknown> = { ...VALID, ...patch };
  for (const key of Object.keys(doc)) if (doc[key] === undefined) delete doc[key];
  const body = Object.entries(doc).map(([k, v]) =>
    Array.isArray(v) ? `"${k}": [\n${v.map((x) => JSON.stringify(x)).join(',\n')}\n]` : `"${k}": ${JSON.stringify(v)}`,
  );
  return `{\n${body.join(',\n')}\n}`;
}

function errorOf(text: string, onRepeat?: GraphRepeatPolicy): DataFormatError {
  try {
    parseGraph(text, { file: 'g.json', onRepeat });
  } catch (e) {
    expect(e).toBeInstanceOf(DataFormatError);
    expect((e as DataFormatError).file).toBe('g.json');
    return e as DataFormatError;
  }
  throw new Error('expected the graph to be rejected');
}

describe('parseGraph', () => {
  it('maps nodes, labels, classes and edges to dense arrays', () => {
    const g = parseGraph(variant({}), { file: 'g.json' });
    expect(g).toMatchObject({ name: 'tiny', directed: false, n: 3, description: 'test graph' });
    expect(g.nodeIds.ids()).toEqual([10, 20, 30]);
    expect(g.labels).toEqual(['a', null, 'c']);
    expect(g.classNames).toEqual(['1', '2', 'x']); // numbers in numeric order, then strings
    expect([...g.classes]).toEqual([2, 1, 0]);
    expect([...g.src]).toEqual([0, 1]);
    expect([...g.dst]).toEqual([1, 2]);
    expect([...g.weight]).toEqual([1, 2.5]);
  });

  it('marks nodes without a class with -1', () => {
    const g = parseGraph(variant({ nodes: [{ id: 10 }, { id: 20, class: 'k' }, { id: 30 }] }), { file: 'g.json' });
    expect([...g.classes]).toEqual([-1, 0, -1]);
    expect(g.classNames).toEqual(['k']);
  });

  it('keeps self loops, and keeps a reverse edge apart only when directed', () => {
    expect(
      parseGraph(
        variant({
          edges: [
            [10, 10],
            [10, 20],
          ],
        }),
        { file: 'g' },
      ).src.length,
    ).toBe(2);
    expect(
      errorOf(
        variant({
          edges: [
            [10, 20],
            [20, 10],
          ],
        }),
        'error',
      ),
    ).toMatchObject({ line: 14, problem: 'edge 1 repeats the edge on line 13' });
    const directed = parseGraph(
      variant({
        directed: true,
        edges: [
          [10, 20],
          [20, 10],
        ],
      }),
      { file: 'g', onRepeat: 'error' },
    );
    expect([...directed.src]).toEqual([0, 1]);
    expect(directed.repeats).toEqual({ policy: 'error', merged: 0 });
  });

  it('merges repeated edges by summing their weights by default, and says how many', () => {
    // A multigraph: (10,20) three times (once reversed), the loop (30,30) twice, (20,30) once.
    const edges = [
      [10, 20, 1.5],
      [30, 30],
      [20, 10, 2],
      [20, 30, 4],
      [10, 20],
      [30, 30, 0.25],
    ];
    const g = parseGraph(variant({ m: 6, edges }), { file: 'g.json' });
    expect(g.repeats).toEqual({ policy: 'sum', merged: 3 });
    expect([...g.src]).toEqual([0, 2, 1]); // first listing's order and direction
    expect([...g.dst]).toEqual([1, 2, 2]);
    expect([...g.weight]).toEqual([4.5, 1.25, 4]);
    expect(describeGraphLoad(g)).toBe('3 repeated edges merged by summing their weights');
    const max = parseGraph(variant({ m: 6, edges }), { file: 'g.json', onRepeat: 'max' });
    expect([...max.weight]).toEqual([2, 1, 4]);
    expect(describeGraphLoad(max)).toBe('3 repeated edges merged by keeping the largest weight');
    expect(errorOf(variant({ m: 6, edges }), 'error')).toMatchObject({
      line: 15,
      problem: 'edge 2 repeats the edge on line 13',
    });
  });

  it('keeps (a, b) and (b, a) apart in a directed multigraph, merging only same-direction repeats', () => {
    const g = parseGraph(
      variant({
        directed: true,
        m: 3,
        edges: [
          [10, 20],
          [20, 10],
          [10, 20, 2],
        ],
      }),
      { file: 'g' },
    );
    expect([...g.src]).toEqual([0, 1]);
    expect([...g.weight]).toEqual([3, 1]);
    expect(describeGraphLoad(g)).toBe('1 repeated edge merged by summing their weights');
  });

  it('rejects a merged weight that float32 cannot hold, at the line of the repeat', () => {
    const edges = [
      [10, 20, 3e38],
      [20, 30],
      [20, 10, 3e38],
    ];
    expect(errorOf(variant({ m: 3, edges }))).toMatchObject({
      line: 15,
      problem: expect.stringMatching(/merged weight 6e\+38 .*overflows float32/),
    });
    expect(parseGraph(variant({ m: 3, edges }), { file: 'g', onRepeat: 'max' }).weight[0]).toBe(Math.fround(3e38));
  });

  it('rejects weights that float32 would silently store as 0 or Infinity', () => {
    expect(
      errorOf(
        variant({
          edges: [
            [10, 20],
            [20, 30, 1e-46],
          ],
        }),
      ),
    ).toMatchObject({
      line: 14,
      problem: 'edge 1: weight 1e-46 underflows float32 (it would be stored as 0)',
    });
    expect(
      errorOf(
        variant({
          edges: [
            [10, 20, 1e-50],
            [20, 30],
          ],
        }),
      ).problem,
    ).toMatch(/weight 1e-50 underflows float32/);
    expect(
      errorOf(
        variant({
          edges: [
            [10, 20, 3.5e38],
            [20, 30],
          ],
        }),
      ).problem,
    ).toMatch(/weight 3\.5e\+38 overflows float32/);
    expect(
      parseGraph(
        variant({
          edges: [
            [10, 20, 1.5e-45],
            [20, 30],
          ],
        }),
        { file: 'g' },
      ).weight[0],
    ).toBeGreaterThan(0);
  });

  it('rejects an unknown repeat policy with a typed error', () => {
    expect(() => parseGraph(variant({}), { file: 'g', onRepeat: 'min' as GraphRepeatPolicy })).toThrow(
      /onRepeat must be/,
    );
  });

  it('rejects text that is not JSON, naming the line', () => {
    expect(errorOf('{"name": "x",\n "n": 3,,}')).toMatchObject({
      line: 2,
      problem: expect.stringMatching(/invalid JSON/),
    });
    expect(errorOf('[1, 2]').problem).toMatch(/document must be a JSON object/);
  });

  it('rejects missing or mistyped fields', () => {
    expect(errorOf(variant({ name: undefined })).problem).toBe('field "name" must be a string');
    expect(errorOf(variant({ directed: 'no' })).problem).toBe('field "directed" must be true or false');
    expect(errorOf(variant({ n: -1 })).problem).toMatch(/"n" must be a non-negative integer/);
    expect(errorOf(variant({ m: 1.5 })).problem).toMatch(/"m" must be/);
    expect(errorOf(variant({ edges: undefined })).problem).toBe('field "edges" must be an array');
    expect(errorOf(variant({ nodes: {} })).problem).toBe('field "nodes" must be an array');
  });

  it('rejects counts that disagree with the lists', () => {
    expect(errorOf(variant({ n: 4 }))).toMatchObject({ line: 7, problem: '"n" is 4 but "nodes" lists 3' });
    expect(errorOf(variant({ m: 3 })).problem).toBe('"m" is 3 but "edges" lists 2');
  });

  it('rejects bad nodes at their line', () => {
    expect(errorOf(variant({ nodes: [{ id: 10 }, { id: 10 }, { id: 30 }] }))).toMatchObject({
      line: 9,
      problem: 'node 1: id 10 repeats',
    });
    expect(errorOf(variant({ nodes: [{ id: 10 }, { id: true }, { id: 30 }] })).problem).toMatch(/"id" must be/);
    expect(errorOf(variant({ nodes: [{ id: 10 }, 5, { id: 30 }] })).problem).toMatch(/node 1 must be a JSON object/);
    expect(errorOf(variant({ nodes: [{ id: 10, label: 3 }, { id: 20 }, { id: 30 }] })).problem).toMatch(/"label"/);
    expect(errorOf(variant({ nodes: [{ id: 10, class: [1] }, { id: 20 }, { id: 30 }] })).problem).toMatch(/"class"/);
  });

  it('rejects edges at unknown nodes, bad shapes and bad weights at their line', () => {
    expect(
      errorOf(
        variant({
          edges: [
            [10, 20],
            [20, 99],
          ],
        }),
      ),
    ).toMatchObject({
      line: 14,
      problem: 'edge 1 points at unknown node 99',
    });
    expect(
      errorOf(
        variant({
          edges: [
            [10, 20],
            ['10', 20],
          ],
        }),
      ).problem,
    ).toMatch(/unknown node "10"/);
    expect(errorOf(variant({ edges: [[10], [20, 30]] })).problem).toMatch(/edge 0 must be \[source, target\]/);
    expect(
      errorOf(
        variant({
          edges: [
            [10, 20, 1, 1],
            [20, 30],
          ],
        }),
      ).problem,
    ).toMatch(/edge 0 must be/);
    expect(
      errorOf(
        variant({
          edges: [
            [10, 20, -1],
            [20, 30],
          ],
        }),
      ).problem,
    ).toMatch(/weight -1 must be a finite number > 0/);
    expect(
      errorOf(
        variant({
          edges: [
            [10, 20, 0],
            [20, 30],
          ],
        }),
      ).problem,
    ).toMatch(/weight 0/);
    expect(
      errorOf(
        variant({
          edges: [
            [10, 20, '2'],
            [20, 30],
          ],
        }),
      ).problem,
    ).toMatch(/weight "2"/);
    expect(
      errorOf('{"name":"x","directed":false,"n":1,"m":1,"nodes":[{"id":0}],"edges":[[0,0,1e999]]}').problem,
    ).toMatch(
      /weight null must be a finite number/, // JSON.stringify(Infinity) is null
    );
    expect(
      errorOf(
        variant({
          edges: [
            [10, 20, 1e39],
            [20, 30],
          ],
        }),
      ).problem,
    ).toMatch(/weight 1e\+39/);
  });

  it('loads from a stream source', async () => {
    const g = await loadGraph(new Blob([variant({})]), { file: 'g.json' });
    expect(g.n).toBe(3);
    expect(g.repeats).toEqual({ policy: 'sum', merged: 0 });
    const repeated = variant({
      m: 3,
      edges: [
        [10, 20],
        [20, 30],
        [20, 10],
      ],
    });
    await expect(loadGraph(new Blob([repeated]), { file: 'g.json', onRepeat: 'error' })).rejects.toThrow(
      /edge 2 repeats/,
    );
  });
});

describe('parseGraph on the published graphs', () => {
  const dir = 'public/data/graphs';
  const names = readdirSync(dir).filter((f) => f.endsWith('.json'));

  it('loads all eight unchanged under every policy: nothing to merge', () => {
    expect(names.length).toBe(8);
    for (const name of names) {
      const text = readFileSync(`${dir}/${name}`, 'utf8');
      const strict = parseGraph(text, { file: name, onRepeat: 'error' });
      const merged = parseGraph(text, { file: name });
      expect(merged.repeats, name).toEqual({ policy: 'sum', merged: 0 });
      expect(describeGraphLoad(merged)).toBe('');
      expect(merged.src.length, name).toBe(JSON.parse(text).m);
      for (const column of ['src', 'dst', 'weight'] as const)
        expect(merged[column], `${name} ${column}`).toEqual(strict[column]);
    }
  });

  it('turns karate listed as a multigraph (each edge twice, once reversed) back into karate with weight 2', () => {
    const doc = JSON.parse(readFileSync(`${dir}/karate.json`, 'utf8')) as { m: number; edges: [number, number][] };
    const twice = {
      ...doc,
      m: 2 * doc.m,
      edges: [...doc.edges, ...doc.edges.map(([s, t], e) => (e % 2 ? [t, s] : [s, t]))],
    };
    const karate = parseGraph(JSON.stringify(doc), { file: 'karate.json' });
    const multi = parseGraph(JSON.stringify(twice), { file: 'karate-twice.json' });
    expect(multi.repeats).toEqual({ policy: 'sum', merged: doc.m });
    expect(describeGraphLoad(multi)).toBe(`${doc.m} repeated edges merged by summing their weights`);
    expect(multi.src).toEqual(karate.src);
    expect(multi.dst).toEqual(karate.dst);
    expect([...multi.weight]).toEqual([...karate.weight].map((w) => 2 * w));
    expect(parseGraph(JSON.stringify(twice), { file: 'k', onRepeat: 'max' }).weight).toEqual(karate.weight);
  });
});
