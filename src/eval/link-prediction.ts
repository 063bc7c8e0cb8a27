/**
 * Link prediction: hide a fraction of a graph's edges, train on the rest, and ask a scorer to tell the
 * hidden edges from sampled non-edges (AUC). Edges are treated as undirected pairs throughout, so a
 * graph stored with both (u, v) and (v, u) cannot leak a held-out edge through its reverse.
 */
import { InvalidArgumentError } from '../errors.ts';
import type { Rng } from '../data/rng.ts';
import { auc } from './metrics/classification.ts';
import { assertNonNegativeInt, assertSameLength } from './validate.ts';

/** An edge list on nodes `0 … n−1`. */
export interface EdgeList {
  n: number;
  src: Int32Array;
  dst: Int32Array;
  weight?: Float32Array;
}

/** Node pairs, `src[i]`–`dst[i]`. */
export interface NodePairs {
  src: Int32Array;
  dst: Int32Array;
}

/** Result of {@link holdOutEdges}. */
export interface EdgeSplit {
  /** The graph without the held-out pairs (every stored direction and duplicate of them removed). */
  train: EdgeList;
  /** One edge per held-out pair. */
  positives: NodePairs;
  /** As many distinct pairs that are not edges (either direction) and not self loops. */
  negatives: NodePairs;
}

const pairKey = (u: number, v: number, n: number): number => (u < v ? u * n + v : v * n + u);

/**
 * Holds out `round(fraction × pairs)` distinct undirected non-self-loop pairs, chosen uniformly, plus the
 * same number of uniformly sampled non-edges. Nodes may become isolated in `train` (not corrected).
 * @example const { train, positives, negatives } = holdOutEdges(graph, 0.1, new Rng(1));
 */
export function holdOutEdges(graph: EdgeList, fraction: number, rng: Rng): EdgeSplit {
  const { n, src, dst } = graph;
  validateGraph(graph);
  if (!(fraction > 0 && fraction < 1))
    throw new InvalidArgumentError(`holdOutEdges: fraction ${fraction} not in (0, 1)`);
  const firstEdgeOfPair = new Map<number, number>();
  for (let e = 0; e < src.length; e++) {
    const key = pairKey(src[e], dst[e], n);
    if (src[e] !== dst[e] && !firstEdgeOfPair.has(key)) firstEdgeOfPair.set(key, e);
  }
  const pairs = rng.shuffle(Int32Array.from(firstEdgeOfPair.values()));
  const held = pairs.subarray(0, Math.round(fraction * pairs.length));
  if (held.length === 0) throw new InvalidArgumentError('holdOutEdges: fraction holds out no edge');
  const heldKeys = new Set(Array.from(held, (e) => pairKey(src[e], dst[e], n)));
  const keep = Array.from(src.keys()).filter((e) => !heldKeys.has(pairKey(src[e], dst[e], n)));
  const positives = { src: Int32Array.from(held, (e) => src[e]), dst: Int32Array.from(held, (e) => dst[e]) };
  const edgeKeys = new Set(Array.from(src.keys(), (e) => pairKey(src[e], dst[e], n)));
  return { train: subgraph(graph, keep), positives, negatives: sampleNonEdges(n, edgeKeys, held.length, rng) };
}

function validateGraph({ n, src, dst, weight }: EdgeList): void {
  assertNonNegativeInt(n, 'holdOutEdges: n');
  assertSameLength(src, dst, 'holdOutEdges: src/dst');
  if (weight) assertSameLength(src, weight, 'holdOutEdges: weight');
  for (let e = 0; e < src.length; e++) {
    if (!(src[e] >= 0 && src[e] < n && dst[e] >= 0 && dst[e] < n)) {
      throw new InvalidArgumentError(`holdOutEdges: edge ${e} (${src[e]}, ${dst[e]}) outside 0…${n - 1}`);
    }
  }
}

function subgraph({ n, src, dst, weight }: EdgeList, keep: readonly number[]): EdgeList {
  const train: EdgeList = { n, src: Int32Array.from(keep, (e) => src[e]), dst: Int32Array.from(keep, (e) => dst[e]) };
  if (weight) train.weight = Float32Array.from(keep, (e) => weight[e]);
  return train;
}

/**
 * `count` distinct pairs u ≠ v absent from `edgeKeys`, uniformly. Rejection sampling while non-edges are
 * plentiful; on a nearly complete graph, enumerate them (such a graph is small enough to).
 */
function sampleNonEdges(n: number, edgeKeys: ReadonlySet<number>, count: number, rng: Rng): NodePairs {
  const nonSelfPairs = (n * (n - 1)) / 2;
  let selfLoops = 0;
  for (const k of edgeKeys) if (Math.floor(k / n) === k % n) selfLoops++;
  const available = nonSelfPairs - (edgeKeys.size - selfLoops);
  if (available < count)
    throw new InvalidArgumentError(`holdOutEdges: only ${available} non-edges for ${count} negatives`);
  const chosen =
    available >= 4 * count ? rejectionSample(n, edgeKeys, count, rng) : enumerateSample(n, edgeKeys, count, rng);
  return { src: Int32Array.from(chosen, (k) => Math.floor(k / n)), dst: Int32Array.from(chosen, (k) => k % n) };
}

function rejectionSample(n: number, edgeKeys: ReadonlySet<number>, count: number, rng: Rng): number[] {
  const chosen = new Set<number>();
  while (chosen.size < count) {
    const u = rng.int(n);
    const v = rng.int(n);
    const key = pairKey(u, v, n);
    if (u !== v && !edgeKeys.has(key)) chosen.add(key);
  }
  return [...chosen];
}

function enumerateSample(n: number, edgeKeys: ReadonlySet<number>, count: number, rng: Rng): number[] {
  const all: number[] = [];
  for (let u = 0; u < n; u++) for (let v = u + 1; v < n; v++) if (!edgeKeys.has(u * n + v)) all.push(u * n + v);
  return rng.shuffle(all).slice(0, count);
}

/**
 * AUC of `scoreEdge` separating held-out edges (`positives`) from non-edges (`negatives`).
 * @example linkPredictionAuc(adamicAdarScorer(train.n, train), positives, negatives)
 */
export function linkPredictionAuc(
  scoreEdge: (u: number, v: number) => number,
  positives: NodePairs,
  negatives: NodePairs,
): number {
  assertSameLength(positives.src, positives.dst, 'linkPredictionAuc: positives');
  assertSameLength(negatives.src, negatives.dst, 'linkPredictionAuc: negatives');
  const nPos = positives.src.length;
  const scores = new Float64Array(nPos + negatives.src.length);
  const labels = new Uint8Array(scores.length);
  for (let i = 0; i < nPos; i++) [scores[i], labels[i]] = [scoreEdge(positives.src[i], positives.dst[i]), 1];
  for (let i = 0; i < negatives.src.length; i++) scores[nPos + i] = scoreEdge(negatives.src[i], negatives.dst[i]);
  return auc(scores, labels);
}
