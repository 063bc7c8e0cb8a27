/**
 * Graph JSON loader target: small valid graphs in the `public/data/graphs/` format, then text
 * mutations or a field replaced by a wrong-typed or edge-case value. Intact graphs must load exactly.
 */
import fc from 'fast-check';
import type { Graph } from '../../../data/graph.ts';
import { parseGraph } from '../../../data/loaders/graph.ts';
import { mutateText, weirdValue } from '../mutate.ts';
import { defineTarget } from '../types.ts';

interface GraphDoc {
  name: string;
  directed: boolean;
  n: number;
  m: number;
  nodes: { id: string | number; label?: string; class?: string | number }[];
  edges: (string | number)[][];
}

const nodeId = fc.oneof(
  fc.integer({ min: -5, max: 40 }),
  fc.constantFrom('a', 'b', 'c', 'node 1', '1', '__proto__', 'constructor'),
);

const graphDoc: fc.Arbitrary<GraphDoc> = fc
  .record({
    directed: fc.boolean(),
    ids: fc.uniqueArray(nodeId, { minLength: 1, maxLength: 8, selector: (id) => `${typeof id}:${id}` }),
    pairs: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(undefined, 1, 0.5, 2, 3.25)), { maxLength: 12 }),
    classes: fc.array(fc.constantFrom(undefined, 'x', 'y', 1, 2), { maxLength: 8 }),
  })
  .map(({ directed, ids, pairs, classes }) => {
    const seen = new Set<string>();
    const edges: (string | number)[][] = [];
    for (const [a, b, w] of pairs) {
      const s = a % ids.length;
      const t = b % ids.length;
      const key = directed || s <= t ? `${s},${t}` : `${t},${s}`;
      if (seen.has(key)) continue; // distinct edges: every repeat policy gives the same graph
      seen.add(key);
      edges.push(w === undefined ? [ids[s], ids[t]] : [ids[s], ids[t], w]);
    }
    const nodes = ids.map((id, k) =>
      classes[k] === undefined ? { id } : { id, label: `n${k}`, class: classes[k] as string | number },
    );
    return { name: 'fuzz', directed, n: ids.length, m: edges.length, nodes, edges };
  });

interface GraphCase {
  doc: GraphDoc;
  text: string;
  edits: string[];
}

/** Replaces one field (root, node or edge part) with a weird value. */
function replaceOne(doc: GraphDoc, pick: number, value: unknown): { text: string; edit: string } {
  const copy = JSON.parse(JSON.stringify(doc)) as Record<string, unknown> & GraphDoc;
  const roots = ['name', 'directed', 'n', 'm', 'nodes', 'edges', 'description'];
  const spots = roots.length + copy.nodes.length + copy.edges.length * 3;
  let k = Math.floor(pick * spots);
  let edit: string;
  if (k < roots.length) (copy[roots[k]] = value), (edit = `root.${roots[k]}`);
  else if ((k -= roots.length) < copy.nodes.length)
    ((copy.nodes[k] as Record<string, unknown>).id = value), (edit = `nodes[${k}].id`);
  else {
    k -= copy.nodes.length;
    (copy.edges[Math.floor(k / 3)] as unknown[])[k % 3] = value;
    edit = `edges[${Math.floor(k / 3)}][${k % 3}]`;
  }
  // JSON.stringify drops undefined and turns NaN/Infinity into null: write those as text JSON cannot hold.
  const text = JSON.stringify(copy, (_k, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? `__NUM${v}__` : v,
  ).replace(/"__NUM(.*?)__"/g, (_m, num: string) =>
    num === 'Infinity' ? '1e999' : num === '-Infinity' ? '-1e999' : 'NaN',
  );
  return { text, edit: `${edit} = ${String(value)}` };
}

const graphCase: fc.Arbitrary<GraphCase> = fc.oneof(
  graphDoc.map((doc) => ({ doc, text: JSON.stringify(doc, null, 1), edits: [] })),
  graphDoc.chain((doc) =>
    mutateText(fc.constant(JSON.stringify(doc, null, 1))).map((m) => ({ doc, text: m.text, edits: m.edits })),
  ),
  fc
    .tuple(
      graphDoc,
      fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      fc.oneof(weirdValue, fc.constantFrom(1e-46, 1e-50, 1e39, -0.5, 0, 'a', 40, 7)),
    )
    .map(([doc, pick, value]) => {
      const { text, edit } = replaceOne(doc, pick, value);
      return { doc, text, edits: [edit] };
    }),
);

function exact(g: Graph, doc: GraphDoc): string | undefined {
  if (g.n !== doc.n || g.src.length !== doc.m)
    return `loaded ${g.n} nodes / ${g.src.length} edges, the file has ${doc.n} / ${doc.m}`;
  for (let e = 0; e < doc.m; e++) {
    const [s, t, w = 1] = doc.edges[e];
    if (g.nodeIds.id(g.src[e]) !== s || g.nodeIds.id(g.dst[e]) !== t || g.weight[e] !== Math.fround(Number(w)))
      return `edge ${e} differs`;
  }
  return undefined;
}

function invariants(g: Graph): string | undefined {
  const m = g.src.length;
  if (g.n !== g.nodeIds.size || g.labels.length !== g.n || g.classes.length !== g.n)
    return 'node columns disagree with n';
  if (g.dst.length !== m || g.weight.length !== m) return 'edge columns differ in length';
  for (let e = 0; e < m; e++) {
    if (!(g.src[e] >= 0 && g.src[e] < g.n && g.dst[e] >= 0 && g.dst[e] < g.n))
      return `edge ${e} points outside the nodes`;
    if (!(g.weight[e] > 0) || !Number.isFinite(g.weight[e]))
      return `edge ${e}: weight ${g.weight[e]} stored (must be finite and > 0)`;
  }
  for (const c of g.classes) if (c < -1 || c >= g.classNames.length) return `class index ${c} out of range`;
  return undefined;
}

export const GRAPH_TARGET = defineTarget<GraphCase, undefined, Graph>({
  name: 'loader.graph-json',
  inputs: () => graphCase,
  run: (c) => parseGraph(c.text, { file: 'fuzz.json' }),
  check: (c, g) => invariants(g) ?? (c.edits.length === 0 ? exact(g, c.doc) : undefined),
  checkTyped: (c) => (c.edits.length === 0 ? 'a valid graph was refused' : undefined),
  show: (c) => JSON.stringify({ text: c.text, edits: c.edits }),
});
