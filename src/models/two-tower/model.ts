/**
 * The supervised two-tower model: a query network φ_q and a member network φ_m map sparse id bags to
 * one space; the cross network is a scaled cosine, ŷ = σ(s · cos(φ_q(q), φ_m(m)) + β), trained with
 * Adam on logged (query, member, label) triples by binary cross-entropy. Plain typed arrays on the
 * host: the towers are small and the inputs sparse, so no tensor runtime is needed.
 */
import { Rng } from '../../data/rng.ts';
import { AbortError, InvalidArgumentError } from '../../errors.ts';
import { Adam } from './adam.ts';
import { Tower, type TowerTrace } from './tower.ts';

/** Options of {@link TwoTowerModel}. */
export interface TwoTowerConfig {
  /** Hidden units per tower (default 48). */
  hidden?: number;
  /** Output dimensions (default 24). */
  dim?: number;
  /** Passes over the triples (default 6). */
  epochs?: number;
  /** Triples per Adam step (default 64). */
  batchSize?: number;
  /** Adam step size (default 0.005). */
  learningRate?: number;
  /** Seed of the initial weights and the shuffles (default 1). */
  seed?: number;
}

/** Sparse inputs: row `i` of a CSR lists the feature ids of query (or member) `i`. */
export interface IdBags {
  offsets: ArrayLike<number>;
  values: ArrayLike<number>;
  /** Number of distinct ids. */
  vocab: number;
}

/** Logged triples: `label[i]` for the pair (query[i], member[i]). */
export interface Triples {
  query: Int32Array;
  member: Int32Array;
  label: Uint8Array;
}

const bag = (b: IdBags, i: number): ArrayLike<number> =>
  Array.prototype.slice.call(b.values, b.offsets[i], b.offsets[i + 1]) as number[];

function cosineParts(a: Float32Array, b: Float32Array): { c: number; na: number; nb: number } {
  let ab = 0,
    aa = 0,
    bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  const na = Math.sqrt(aa) + 1e-8,
    nb = Math.sqrt(bb) + 1e-8;
  return { c: ab / (na * nb), na, nb };
}

/** Two towers and a scaled-cosine cross network. */
export class TwoTowerModel {
  readonly query: Tower;
  readonly member: Tower;
  /** [scale s, bias β] of the cross network. */
  readonly cross = Float32Array.from([5, 0]);
  private readonly cfg: Required<TwoTowerConfig>;

  constructor(queryVocab: number, memberVocab: number, config: TwoTowerConfig = {}) {
    this.cfg = { hidden: 48, dim: 24, epochs: 6, batchSize: 64, learningRate: 0.005, seed: 1, ...config };
    for (const [k, v] of Object.entries(this.cfg))
      if (!(v > 0) && k !== 'seed') throw new InvalidArgumentError(`two-tower: ${k} must be > 0, got ${v}`);
    const rng = new Rng(this.cfg.seed);
    const { hidden, dim } = this.cfg;
    this.query = new Tower({ vocab: queryVocab, hidden, out: dim }, rng.fork('query'));
    this.member = new Tower({ vocab: memberVocab, hidden, out: dim }, rng.fork('member'));
  }

  /** Trains on `triples`; returns the mean log-loss of each epoch. */
  async fit(
    queries: IdBags,
    members: IdBags,
    triples: Triples,
    options: { signal?: AbortSignal; onEpoch?: (epoch: number, loss: number) => void } = {},
  ): Promise<number[]> {
    const n = triples.label.length;
    if (n === 0) throw new InvalidArgumentError('two-tower: no training triples');
    const { epochs, batchSize, learningRate, seed } = this.cfg;
    const opts = [
      new Adam(this.query.params, learningRate),
      new Adam(this.member.params, learningRate),
      new Adam(this.cross, learningRate),
    ];
    const crossGrad = new Float32Array(2);
    const order = Int32Array.from({ length: n }, (_, i) => i);
    const rng = new Rng(seed).fork('shuffle');
    const losses: number[] = [];
    for (let epoch = 0; epoch < epochs; epoch++) {
      rng.shuffle(order);
      let loss = 0;
      for (let start = 0; start < n; start += batchSize) {
        if (options.signal?.aborted) throw new AbortError('two-tower fit aborted');
        const end = Math.min(start + batchSize, n);
        for (let k = start; k < end; k++) {
          const i = order[k];
          loss += this.accumulate(
            bag(queries, triples.query[i]),
            bag(members, triples.member[i]),
            triples.label[i],
            crossGrad,
            1 / (end - start),
          );
        }
        opts[0].step(this.query.grad);
        opts[1].step(this.member.grad);
        opts[2].step(crossGrad);
      }
      losses.push(loss / n);
      options.onEpoch?.(epoch + 1, loss / n);
      await new Promise((r) => setTimeout(r, 0));
    }
    return losses;
  }

  /** Forward + backward of one triple (gradients scaled by `w`); returns its log-loss. */
  private accumulate(
    q: ArrayLike<number>,
    m: ArrayLike<number>,
    y: number,
    crossGrad: Float32Array,
    w: number,
  ): number {
    const tq = this.query.forward(q),
      tm = this.member.forward(m);
    const { c, na, nb } = cosineParts(tq.out, tm.out);
    const [s, beta] = this.cross;
    const p = 1 / (1 + Math.exp(-(s * c + beta)));
    const dLogit = (p - y) * w;
    crossGrad[0] += dLogit * c;
    crossGrad[1] += dLogit;
    const dc = dLogit * s;
    this.backCos(tq, tm, c, na, nb, dc);
    return -Math.log(Math.max(y ? p : 1 - p, 1e-7));
  }

  private backCos(tq: TowerTrace, tm: TowerTrace, c: number, na: number, nb: number, dc: number): void {
    const a = tq.out,
      b = tm.out,
      D = a.length;
    const da = new Float32Array(D),
      db = new Float32Array(D);
    for (let i = 0; i < D; i++) {
      da[i] = dc * (b[i] / (na * nb) - (c * a[i]) / (na * na));
      db[i] = dc * (a[i] / (na * nb) - (c * b[i]) / (nb * nb));
    }
    this.query.backward(tq, da);
    this.member.backward(tm, db);
  }

  /** Output vector of a query's id bag. */
  embedQuery(ids: ArrayLike<number>): Float32Array {
    return this.query.forward(ids).out;
  }

  /** Output vector of a member's id bag. */
  embedMember(ids: ArrayLike<number>): Float32Array {
    return this.member.forward(ids).out;
  }

  /** Logit s · cos + β of a pair of tower outputs (from {@link embedQuery} and {@link embedMember}). */
  scoreVectors(q: Float32Array, m: Float32Array): number {
    return this.cross[0] * cosineParts(q, m).c + this.cross[1];
  }
}
