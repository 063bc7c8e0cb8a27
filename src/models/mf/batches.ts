/**
 * Mini-batches for MF: each epoch visits every distinct (user, item) positive once, in a seeded
 * shuffle, and pairs each with `negatives` items the user never interacted with (uniform, with
 * replacement). Every random stream is derived from (seed, epoch, step), so a batch can be rebuilt
 * from a checkpoint's cursor alone — the cursor *is* the sampler's position.
 */
import { csrHas, Rng, type SparseRows } from '../../data/index.ts';

/** One mini-batch on the host: `labels[k]` is 1 for a positive, 0 for a sampled negative. */
export interface Batch {
  users: Int32Array;
  items: Int32Array;
  labels: Float32Array;
  /** Per row: the position (in the positives' CSR) of the positive the row was drawn for. */
  positive: Int32Array;
}

/** The epoch plan over one log's positives. */
export class MfBatches {
  private readonly posUser: Int32Array;
  private readonly posItem: Int32Array;
  /** Training rows per epoch (positives plus the negatives drawn for them). */
  readonly rowsPerEpoch: number;
  private cached: { epoch: number; order: Int32Array } | null = null;

  constructor(
    private readonly rows: SparseRows,
    private readonly batchSize: number,
    private readonly negatives: number,
    private readonly seed: number,
  ) {
    const n = rows.indptr[rows.nRows];
    this.posUser = new Int32Array(n);
    this.posItem = rows.indices;
    let total = 0;
    for (let u = 0; u < rows.nRows; u++) {
      const deg = rows.indptr[u + 1] - rows.indptr[u];
      this.posUser.fill(u, rows.indptr[u], rows.indptr[u + 1]);
      total += deg * (1 + (deg < rows.nCols ? negatives : 0));
    }
    this.rowsPerEpoch = total;
  }

  /** Mini-batches per epoch. */
  get stepsPerEpoch(): number {
    return Math.ceil(this.posUser.length / this.batchSize);
  }

  /** Batch `step` of `epoch` (both 0-based); the same arguments always give the same batch. */
  batch(epoch: number, step: number): Batch {
    const order = this.order(epoch);
    const from = step * this.batchSize;
    const to = Math.min(from + this.batchSize, order.length);
    const rng = new Rng(this.seed).fork(`neg:${epoch}:${step}`);
    const cap = (to - from) * (1 + this.negatives);
    const users = new Int32Array(cap);
    const items = new Int32Array(cap);
    const labels = new Float32Array(cap);
    const positive = new Int32Array(cap);
    let n = 0;
    for (let p = from; p < to; p++) {
      const u = this.posUser[order[p]];
      users[n] = u;
      items[n] = this.posItem[order[p]];
      positive[n] = order[p];
      labels[n++] = 1;
      for (let j = 0; j < this.negatives; j++) {
        const neg = this.drawUnseen(u, rng);
        if (neg < 0) break;
        users[n] = u;
        positive[n] = order[p];
        items[n++] = neg;
      }
    }
    return {
      users: users.subarray(0, n),
      items: items.subarray(0, n),
      labels: labels.subarray(0, n),
      positive: positive.subarray(0, n),
    };
  }

  /** The epoch's permutation of the positives (kept for the epoch in progress). */
  private order(epoch: number): Int32Array {
    if (this.cached?.epoch !== epoch) {
      const order = Int32Array.from(this.posUser.keys());
      new Rng(this.seed).fork(`shuffle:${epoch}`).shuffle(order);
      this.cached = { epoch, order };
    }
    return this.cached.order;
  }

  /** A uniform item `u` never interacted with, or -1 when the user has seen every item. */
  private drawUnseen(u: number, rng: Rng): number {
    const { indptr, indices, nCols } = this.rows;
    const deg = indptr[u + 1] - indptr[u];
    if (deg >= nCols) return -1;
    if (2 * deg <= nCols) {
      // At least half the catalogue is unseen: rejection takes under 2 draws on average.
      for (;;) {
        const item = rng.int(nCols);
        if (!csrHas(this.rows, u, item)) return item;
      }
    }
    // Dense row: pick the r-th unseen item directly.
    let r = rng.int(nCols - deg);
    let p = indptr[u];
    for (let item = 0; ; item++) {
      if (p < indptr[u + 1] && indices[p] === item) p++;
      else if (r-- === 0) return item;
    }
  }
}

/** FNV-1a over the positives, so a checkpoint refuses to resume on different data. */
export function positivesHash(rows: SparseRows): number {
  let h = 2166136261 ^ rows.nRows ^ (rows.nCols << 16);
  const mix = (v: number) => (h = Math.imul(h ^ v, 16777619));
  for (let u = 0; u <= rows.nRows; u++) mix(rows.indptr[u]);
  for (let p = 0; p < rows.indices.length; p++) mix(rows.indices[p]);
  return h >>> 0;
}
