/**
 * Edge scorers for link prediction: the Adamic–Adar neighbourhood baseline that embeddings must beat,
 * and dot / cosine scorers over an embedding matrix.
 */
import { InvalidArgumentError, UnknownIdError } from '../errors.ts';
import type { NodePairs } from './link-prediction.ts';
import { assertPositiveInt, assertSameLength } from './validate.ts';

/** Scores a node pair; higher means "more likely linked". */
export type EdgeScorer = (u: number, v: number) => number;

/** Undirected, de-duplicated adjacency without self loops; each neighbour list sorted ascending. */
function undirectedNeighbours(n: number, edges: NodePairs): Int32Array[] {
  const sets = Array.from({ length: n }, () => new Set<number>());
  for (let e = 0; e < edges.src.length; e++) {
    const u = edges.src[e];
    const v = edges.dst[e];
    if (!(u >= 0 && u < n && v >= 0 && v < n))
      throw new InvalidArgumentError(`adamicAdarScorer: edge ${e} (${u}, ${v}) outside 0…${n - 1}`);
    if (u === v) continue;
    sets[u].add(v);
    sets[v].add(u);
  }
  return sets.map((s) => Int32Array.from(s).sort());
}

/**
 * Adamic–Adar index (Adamic & Adar 2003; Liben-Nowell & Kleinberg 2007): Σ over common neighbours w of
 * u and v of `1 / ln(deg w)`, on the undirected training graph. Rare shared neighbours count more.
 * @example const score = adamicAdarScorer(train.n, train); score(0, 5);
 */
export function adamicAdarScorer(n: number, trainEdges: NodePairs): EdgeScorer {
  assertSameLength(trainEdges.src, trainEdges.dst, 'adamicAdarScorer');
  const nbrs = undirectedNeighbours(n, trainEdges);
  const weight = Float64Array.from(nbrs, (a) => (a.length > 1 ? 1 / Math.log(a.length) : 0));
  return (u, v) => {
    if (!(u >= 0 && u < n)) throw new UnknownIdError('node', u);
    if (!(v >= 0 && v < n)) throw new UnknownIdError('node', v);
    const a = nbrs[u];
    const b = nbrs[v];
    let score = 0;
    for (let i = 0, j = 0; i < a.length && j < b.length; ) {
      if (a[i] < b[j]) i++;
      else if (a[i] > b[j]) j++;
      else {
        score += weight[a[i]];
        i++;
        j++;
      }
    }
    return score;
  };
}

/** Dot product of two equal-length vectors. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assertSameLength(a, b, 'dot');
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Cosine similarity of two equal-length vectors; 0 when either is the zero vector. */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const norms = Math.sqrt(dot(a, a) * dot(b, b));
  return norms > 0 ? dot(a, b) / norms : 0;
}

/**
 * Scores pairs by `similarity` of their rows in an `n × dim` row-major embedding matrix.
 * @example linkPredictionAuc(embeddingScorer(emb, 64), positives, negatives)
 */
export function embeddingScorer(
  embeddings: Float32Array,
  dim: number,
  similarity: 'cosine' | 'dot' = 'cosine',
): EdgeScorer {
  assertPositiveInt(dim, 'embeddingScorer: dim');
  if (embeddings.length % dim !== 0)
    throw new InvalidArgumentError(`embeddingScorer: ${embeddings.length} values is not a multiple of dim ${dim}`);
  const n = embeddings.length / dim;
  const sim = similarity === 'cosine' ? cosine : dot;
  return (u, v) => {
    if (!(u >= 0 && u < n)) throw new UnknownIdError('node', u);
    if (!(v >= 0 && v < n)) throw new UnknownIdError('node', v);
    return sim(embeddings.subarray(u * dim, (u + 1) * dim), embeddings.subarray(v * dim, (v + 1) * dim));
  };
}
