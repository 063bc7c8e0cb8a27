/**
 * Entity vectors trained elsewhere (LINE's C++ tool, gensim, PyTorch-BigGraph — one word2vec or PBG
 * file per graph, as those tools write one per graph) in place of LINE's own: matched to an entity
 * graph's nodes by label (the company, skill or title name; a run of whitespace on either side reads
 * as `_`, since a word2vec name cannot hold a space: `Accountant_/_Auditor`), each row L2-normalised
 * as LINE's embeddings are. An entity the file does not name gets a ZERO vector: it adds nothing to a mean-pooled
 * bag's direction and scores cosine 0, rather than pretending to be an average entity.
 */
import type { Graph } from '../../data/graph.ts';
import { InvalidArgumentError } from '../../errors.ts';
import { EmbeddingModel, type NamedVectors } from '../../models/embedding/model.ts';
import { matchToGraph } from '../../models/embedding/align.ts';
import { resolveLineConfig } from '../../models/line/config.ts';
import { LINE_STATE_VERSION } from '../../models/line/model.ts';
import { normalizeRows } from '../../models/line/vectors.ts';
import type { ModelState } from '../../models/recommender.ts';
import type { EntityKind } from './graph/entity-graphs.ts';

/**
 * The token an entity name is matched as: runs of whitespace become `_` (`'Data Scientist'` →
 * `'Data_Scientist'`), what a word2vec or LINE input file must call it.
 */
export const entityToken = (name: string): string => name.trim().replace(/\s+/g, '_');

/** Vectors trained elsewhere, per entity kind (each its own name list, as one file per graph gives). */
export type EntityVectors = Partial<Record<EntityKind, NamedVectors>>;

/** How an imported file matched one entity graph (plain data: it crosses the worker boundary). */
export interface EntityVectorReport {
  /** Entities of the world that got a vector from the file. */
  matched: number;
  /** Entities of that kind in the world (`matched` of `entities`); the rest got a zero vector. */
  entities: number;
  /** Vectors in the file that named no entity of the world. */
  unused: number;
  /** Up to 10 entity names the file lacks, for messages. */
  unmatchedSample: string[];
  /** The file's dimensions. */
  dim: number;
}

/** A {@link EntityVectorReport} and the aligned, row-normalised vectors (`entities × dim`). */
export interface EntityVectorMatch extends EntityVectorReport {
  vectors: Float32Array;
}

/**
 * `given` aligned to `graph`'s nodes by label, rows L2-normalised; zero rows where the file has no
 * vector. InvalidArgumentError for malformed vectors, or a file that names none of the graph's nodes
 * (most likely a file of another graph, or one keyed by ids).
 * @example
 * ```ts
 * const m = matchEntityVectors(readWord2vec(bytes), entityGraph(world, 'skill'), 'skill');
 * console.log(`matched ${m.matched} of ${m.entities} skills`);
 * ```
 */
export function matchEntityVectors(
  given: NamedVectors,
  graph: Pick<Graph, 'n' | 'nodeIds' | 'labels'>,
  kind: EntityKind,
): EntityVectorMatch {
  let embedding: EmbeddingModel;
  try {
    embedding = new EmbeddingModel({ ...given, names: given.names.map(entityToken) });
  } catch (err) {
    throw new InvalidArgumentError(`entityVectors.${kind}: ${(err as Error).message}`);
  }
  const labels = Array.from({ length: graph.n }, (_, v) => {
    const label = graph.labels[v];
    return label == null ? '\u0000' : entityToken(label); // an unlabelled node matches nothing
  });
  const m = matchToGraph(embedding, { n: graph.n, nodeIds: graph.nodeIds, labels }, { by: 'label' });
  if (m.matched === 0)
    throw new InvalidArgumentError(
      `entityVectors.${kind}: none of the world's ${graph.n} ${kind} names is in the ${embedding.size} vectors (e.g. ${JSON.stringify(m.unmatchedSample[0] ?? '')} is missing; the file names e.g. ${JSON.stringify(embedding.names[0] ?? '')})`,
    );
  return {
    matched: m.matched,
    entities: graph.n,
    unused: m.unused,
    unmatchedSample: m.unmatchedSample,
    dim: m.dim,
    vectors: normalizeRows(m.vectors, m.dim),
  };
}

/** "matched 180 of 200 skills (20 zero vectors, 3 vectors unused)": a match for a progress line. */
export function describeEntityVectors(kind: EntityKind, r: EntityVectorReport): string {
  const missing = r.entities - r.matched;
  const extra = [missing ? `${missing} zero vectors` : '', r.unused ? `${r.unused} vectors unused` : '']
    .filter(Boolean)
    .join(', ');
  return `matched ${r.matched} of ${r.entities} ${kind === 'company' ? 'companie' : kind}s${extra ? ` (${extra})` : ''}`;
}

/**
 * A LINE state (first order alone, `dim` = the vectors') whose embeddings are `vectors`, so a talent
 * bundle stores imported vectors where it stores LINE's and restores them with the same code.
 */
export function importedLineState(vectors: Float32Array, dim: number): ModelState {
  const n = vectors.length / dim;
  return {
    kind: 'line',
    stateVersion: LINE_STATE_VERSION,
    config: { ...resolveLineConfig({ dim, order: 'first' }) },
    tensors: { first: { shape: [n, dim], dtype: 'float32', data: vectors.slice() } },
    meta: { n, done: [0, 0], imported: true },
  };
}
