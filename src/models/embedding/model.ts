/**
 * A model of named vectors trained elsewhere (LINE's C++ tool, gensim, PyTorch-BigGraph) or exported by
 * linkrec: `similarItems` by cosine through the shared top-k, and the vectors row-aligned to any list
 * of names (a graph's nodes, an entity vocabulary) for pooling.
 */
import { InvalidArgumentError, UnknownIdError } from '../../errors.ts';
import type { Ranked } from '../recommender.ts';
import { TopK } from '../shared/topk.ts';

/** Names and their vectors, `names.length × dim` row-major (what the importers return). */
export interface NamedVectors {
  names: string[];
  dim: number;
  vectors: Float32Array;
}

/** Options of {@link EmbeddingModel.similarItems}. */
export interface SimilarOptions {
  /** Rows never returned (the query row itself is always left out). */
  exclude?: ArrayLike<number>;
}

/**
 * Named vectors with cosine neighbours. Names are unique; rows are in the order given.
 * @example
 * ```ts
 * const m = new EmbeddingModel({ names: ['a', 'b', 'c'], dim: 2, vectors: Float32Array.of(1, 0, 1, 0.1, 0, 1) });
 * m.similarItems(m.index('a'), 1).items; // Int32Array [1]: 'b'
 * ```
 */
export class EmbeddingModel {
  readonly names: readonly string[];
  readonly dim: number;
  readonly vectors: Float32Array;
  private readonly byName = new Map<string, number>();
  /** 1/‖row‖ per row (0 for a zero row), computed once. */
  private readonly invNorm: Float32Array;

  constructor(source: NamedVectors) {
    const { names, dim, vectors } = source;
    if (!Number.isInteger(dim) || dim < 1) throw new InvalidArgumentError(`EmbeddingModel: dim ${dim} must be ≥ 1`);
    if (vectors.length !== names.length * dim)
      throw new InvalidArgumentError(
        `EmbeddingModel: ${vectors.length} values for ${names.length} names × ${dim} dimensions`,
      );
    names.forEach((n, i) => {
      if (this.byName.has(n)) throw new InvalidArgumentError(`EmbeddingModel: name ${JSON.stringify(n)} repeats`);
      this.byName.set(n, i);
    });
    this.names = names;
    this.dim = dim;
    this.vectors = vectors;
    this.invNorm = new Float32Array(names.length);
    for (let r = 0; r < names.length; r++) {
      let s = 0;
      for (let i = r * dim; i < (r + 1) * dim; i++) s += vectors[i] * vectors[i];
      this.invNorm[r] = s > 0 ? 1 / Math.sqrt(s) : 0;
    }
  }

  /** Number of named vectors. */
  get size(): number {
    return this.names.length;
  }

  /** Row of `name`, or -1 when absent. */
  indexOrMinusOne(name: string): number {
    return this.byName.get(name) ?? -1;
  }

  /** Row of `name`; UnknownIdError when absent. */
  index(name: string): number {
    const r = this.byName.get(name);
    if (r === undefined) throw new UnknownIdError('vertex', name);
    return r;
  }

  /** A view of row `row`'s vector. */
  vector(row: number): Float32Array {
    this.check(row);
    return this.vectors.subarray(row * this.dim, (row + 1) * this.dim);
  }

  /** The `k` rows most cosine-similar to row `row` (itself excluded), best first, ties to the lower row. */
  similarItems(row: number, k = 10, options: SimilarOptions = {}): Ranked {
    this.check(row);
    const skip = new Set<number>(options.exclude ? Array.from(options.exclude) : []);
    skip.add(row);
    return this.nearest(this.vector(row), k, skip);
  }

  /** The `k` rows most cosine-similar to `query` (length `dim`), best first. */
  similarTo(query: Float32Array, k = 10, skip: ReadonlySet<number> = new Set()): Ranked {
    if (query.length !== this.dim)
      throw new InvalidArgumentError(`similarTo: query has ${query.length} values, not ${this.dim}`);
    return this.nearest(query, k, skip);
  }

  private nearest(query: Float32Array, k: number, skip: ReadonlySet<number>): Ranked {
    let qq = 0;
    for (let i = 0; i < this.dim; i++) qq += query[i] * query[i];
    const qInv = qq > 0 ? 1 / Math.sqrt(qq) : 0;
    const top = new TopK(k);
    const { dim, vectors } = this;
    for (let r = 0; r < this.names.length; r++) {
      if (skip.has(r)) continue;
      let dot = 0;
      for (let i = 0, o = r * dim; i < dim; i++) dot += query[i] * vectors[o + i];
      top.push(r, dot * qInv * this.invNorm[r]);
    }
    return top.result();
  }

  private check(row: number): void {
    if (!Number.isInteger(row) || row < 0 || row >= this.names.length) throw new UnknownIdError('vertex row', row);
  }
}
