/**
 * The samplers LINE draws from: edges ∝ weight (both directions of an undirected edge, as the
 * reference's input lists them) and negative nodes ∝ out-degree^0.75, both alias tables.
 */
import { AliasSampler, aliasTable } from '../../data/samplers/alias.ts';
import { DegreeSampler } from '../../data/samplers/items.ts';
import { InvalidArgumentError } from '../../errors.ts';

/** The part of a graph LINE reads (a `Graph` from `src/data`, or a training split's edge list). */
export interface LineGraph {
  n: number;
  src: Int32Array;
  dst: Int32Array;
  weight?: Float32Array;
  /** Default false: each edge is used in both directions. */
  directed?: boolean;
}

/** Directed arcs with their alias samplers. */
export interface LineTables {
  n: number;
  arcSrc: Int32Array;
  arcDst: Int32Array;
  /** Arc weights (what the edge sampler draws in proportion to). */
  arcWeight: Float32Array;
  /** Out-degree of each node (weighted). */
  degree: Float64Array;
  edges: AliasSampler;
  nodes: DegreeSampler;
  /** The same two distributions as flat alias tables, for the typed-array kernel. */
  edgeAlias: FlatAlias;
  nodeAlias: FlatAlias;
}

/** An {@link aliasTable} in the kernels' layout: `prob` narrowed to Float32 (what WGSL reads). */
export interface FlatAlias {
  prob: Float32Array;
  alias: Int32Array;
}

/** {@link aliasTable} of `weights` in the kernels' layout (a conversion, not a second builder). */
export function flatAlias(weights: ArrayLike<number>): FlatAlias {
  const { prob, alias } = aliasTable(weights);
  return { prob: Float32Array.from(prob), alias };
}

/** Arcs, degrees and samplers of `graph`; throws InvalidArgumentError on an empty or malformed graph. */
export function buildLineTables(graph: LineGraph): LineTables {
  const { n, src, dst } = graph;
  const m = src.length;
  if (m === 0) throw new InvalidArgumentError('line: the graph has no edges');
  if (dst.length !== m || (graph.weight && graph.weight.length !== m))
    throw new InvalidArgumentError('line: src, dst and weight lengths differ');
  const both = !graph.directed;
  let arcs = 0;
  for (let e = 0; e < m; e++) arcs += both && src[e] !== dst[e] ? 2 : 1;
  const arcSrc = new Int32Array(arcs);
  const arcDst = new Int32Array(arcs);
  const arcWeight = new Float32Array(arcs);
  const degree = new Float64Array(n);
  let a = 0;
  for (let e = 0; e < m; e++) {
    const s = src[e],
      t = dst[e],
      w = graph.weight ? graph.weight[e] : 1;
    if (!(s >= 0 && s < n && t >= 0 && t < n))
      throw new InvalidArgumentError(`line: edge ${e} (${s}, ${t}) outside 0…${n - 1}`);
    arcSrc[a] = s;
    arcDst[a] = t;
    arcWeight[a++] = w;
    degree[s] += w;
    if (both && s !== t) {
      arcSrc[a] = t;
      arcDst[a] = s;
      arcWeight[a++] = w;
      degree[t] += w;
    }
  }
  const nodes = new DegreeSampler(degree, 0.75);
  const edgeAlias = flatAlias(arcWeight);
  const nodeAlias = flatAlias(Float64Array.from(degree, (d) => d ** 0.75));
  return { n, arcSrc, arcDst, arcWeight, degree, edges: new AliasSampler(arcWeight), nodes, edgeAlias, nodeAlias };
}
