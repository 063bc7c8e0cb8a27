import { cooToCsr, type SparseRows } from './sparse-rows.ts';
import type { IdMap } from './idmap.ts';

/**
 * A network as edge columns over dense node indices (LINE, link prediction, node classification).
 * Undirected graphs list each edge once; {@link graphAdjacency} adds the reverse direction.
 */
export interface Graph {
  name: string;
  directed: boolean;
  /** Source and citation text of the data. */
  description: string;
  /** Number of nodes. */
  n: number;
  nodeIds: IdMap;
  /** Per dense node: its label, or null when the file gives none. */
  labels: (string | null)[];
  /** Per dense node: index into `classNames`, or -1 when the node has no class. */
  classes: Int32Array;
  /** Distinct classes, numbers in numeric order, then strings in code-unit order. */
  classNames: string[];
  src: Int32Array;
  dst: Int32Array;
  /** Edge weights (1 where the file gives none). */
  weight: Float32Array;
}

/**
 * Weighted adjacency as a square {@link SparseRows}: `s → t` for each edge, plus `t → s` when the graph
 * is undirected (a self loop is stored once, as in its edge list).
 */
export function graphAdjacency(graph: Graph): Required<SparseRows> {
  if (graph.directed) return cooToCsr(graph.src, graph.dst, graph.weight, graph.n, graph.n);
  const m = graph.src.length;
  let loops = 0;
  for (let e = 0; e < m; e++) if (graph.src[e] === graph.dst[e]) loops++;
  const rows = new Int32Array(2 * m - loops);
  const cols = new Int32Array(rows.length);
  const values = new Float32Array(rows.length);
  let k = 0;
  for (let e = 0; e < m; e++) {
    const s = graph.src[e];
    const t = graph.dst[e];
    rows[k] = s;
    cols[k] = t;
    values[k++] = graph.weight[e];
    if (s === t) continue;
    rows[k] = t;
    cols[k] = s;
    values[k++] = graph.weight[e];
  }
  return cooToCsr(rows, cols, values, graph.n, graph.n);
}

/**
 * Weighted degree per node: the sum of the weights of its out-edges (`'out'`, default) or in-edges
 * (`'in'`); the two agree on undirected graphs. LINE draws negative nodes by out-degree^0.75.
 */
export function graphDegrees(graph: Graph, direction: 'out' | 'in' = 'out'): Float64Array {
  const degrees = new Float64Array(graph.n);
  const ends = direction === 'out' || !graph.directed ? graph.src : graph.dst;
  const others = direction === 'out' || !graph.directed ? graph.dst : graph.src;
  for (let e = 0; e < graph.src.length; e++) {
    degrees[ends[e]] += graph.weight[e];
    if (!graph.directed && others[e] !== ends[e]) degrees[others[e]] += graph.weight[e];
  }
  return degrees;
}
