/**
 * Vectors row-aligned to someone else's names: a graph's nodes (by node id or label) or an entity
 * vocabulary (talent search's companies, skills, titles). Names without a vector get a zero row and are
 * counted; vectors whose name is not wanted are counted too, so an import can say what it recognised.
 */
import type { Graph } from '../../data/graph.ts';
import { InvalidArgumentError } from '../../errors.ts';
import type { EmbeddingModel } from './model.ts';

/** Vectors aligned to a list of names, and what matched. */
export interface AlignedVectors {
  /** `names.length × dim` row-major; zero rows where no vector matched. */
  vectors: Float32Array;
  dim: number;
  /** 1 where row `i` got a vector. */
  mask: Uint8Array;
  /** Names that got a vector. */
  matched: number;
  /** Names that got none (zero rows). */
  unmatched: number;
  /** Embedding names that no wanted name asked for. */
  unused: number;
  /** Up to 10 unmatched names, for messages. */
  unmatchedSample: string[];
}

/** Copies of the vectors of `names` (in that order) from `embedding`. */
export function alignToNames(embedding: EmbeddingModel, names: ArrayLike<string>): AlignedVectors {
  const { dim } = embedding;
  const vectors = new Float32Array(names.length * dim);
  const mask = new Uint8Array(names.length);
  const used = new Uint8Array(embedding.size);
  const unmatchedSample: string[] = [];
  let matched = 0;
  for (let i = 0; i < names.length; i++) {
    const r = embedding.indexOrMinusOne(names[i]);
    if (r < 0) {
      if (unmatchedSample.length < 10) unmatchedSample.push(names[i]);
      continue;
    }
    vectors.set(embedding.vectors.subarray(r * dim, (r + 1) * dim), i * dim);
    mask[i] = 1;
    if (!used[r]) used[r] = 1;
    matched++;
  }
  let usedCount = 0;
  for (let r = 0; r < used.length; r++) usedCount += used[r];
  return {
    vectors,
    dim,
    mask,
    matched,
    unmatched: names.length - matched,
    unused: embedding.size - usedCount,
    unmatchedSample,
  };
}

/** Options of {@link matchToGraph}. */
export interface MatchToGraphOptions {
  /**
   * Which node name the vertex names are: the node `id` (as a string: `7` matches `"7"`), its `label`,
   * or `'auto'` (default): whichever matches more nodes, ids on a tie.
   */
  by?: 'id' | 'label' | 'auto';
}

/** {@link AlignedVectors} for a graph's nodes, and which node name matched. */
export interface GraphMatch extends AlignedVectors {
  by: 'id' | 'label';
}

/**
 * The embedding's vectors aligned to `graph`'s dense nodes (row `v` = node `v`).
 * @example
 * ```ts
 * const m = matchToGraph(new EmbeddingModel(readWord2vec(bytes)), graph);
 * nodeClassificationF1(m.vectors, m.dim, graph.classes, { trainRatio: 0.5, seed: 1 });
 * ```
 */
export function matchToGraph(
  embedding: EmbeddingModel,
  graph: Pick<Graph, 'n' | 'nodeIds' | 'labels'>,
  options: MatchToGraphOptions = {},
): GraphMatch {
  const by = options.by ?? 'auto';
  if (by !== 'id' && by !== 'label' && by !== 'auto')
    throw new InvalidArgumentError(`matchToGraph: by must be 'id', 'label' or 'auto', got ${String(by)}`);
  const ids = Array.from({ length: graph.n }, (_, v) => String(graph.nodeIds.id(v)));
  const byId = by === 'label' ? null : alignToNames(embedding, ids);
  if (by === 'id' && byId) return { ...byId, by: 'id' };
  // Unlabelled nodes never match by label (an empty name is not a word2vec token).
  const labels = Array.from({ length: graph.n }, (_, v) => graph.labels[v] ?? '\u0000');
  const byLabel = alignToNames(embedding, labels);
  if (byId && byId.matched >= byLabel.matched) return { ...byId, by: 'id' };
  return { ...byLabel, by: 'label' };
}
