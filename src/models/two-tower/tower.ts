/**
 * One tower of the two-tower model: a bag of sparse feature ids → the sum of their embedding rows
 * (the first layer, cheap on sparse input) → ReLU → a linear layer to the output space. Parameters
 * live in one flat Float32Array so a single Adam updates them.
 */
import type { Rng } from '../../data/rng.ts';

/** Shapes of a tower. */
export interface TowerShape {
  /** Number of distinct input ids. */
  vocab: number;
  hidden: number;
  out: number;
}

/** Activations kept from the forward pass for the backward pass. */
export interface TowerTrace {
  ids: ArrayLike<number>;
  hidden: Float32Array;
  out: Float32Array;
}

/** A sparse-input MLP tower; `params` = [E (vocab × hidden), b1 (hidden), W2 (out × hidden), b2 (out)]. */
export class Tower {
  readonly params: Float32Array;
  readonly grad: Float32Array;
  private readonly oB1: number;
  private readonly oW2: number;
  private readonly oB2: number;

  constructor(
    readonly shape: TowerShape,
    rng: Rng,
  ) {
    const { vocab, hidden, out } = shape;
    this.oB1 = vocab * hidden;
    this.oW2 = this.oB1 + hidden;
    this.oB2 = this.oW2 + out * hidden;
    this.params = new Float32Array(this.oB2 + out);
    this.grad = new Float32Array(this.params.length);
    const s1 = 0.1,
      s2 = Math.sqrt(2 / hidden);
    for (let i = 0; i < this.oB1; i++) this.params[i] = s1 * rng.normal();
    for (let i = this.oW2; i < this.oB2; i++) this.params[i] = s2 * rng.normal();
  }

  /** Output vector of a bag of ids. */
  forward(ids: ArrayLike<number>): TowerTrace {
    const { hidden: H, out: D } = this.shape;
    const p = this.params;
    const h = p.slice(this.oB1, this.oB1 + H);
    for (let k = 0; k < ids.length; k++) {
      const row = ids[k] * H;
      for (let j = 0; j < H; j++) h[j] += p[row + j];
    }
    for (let j = 0; j < H; j++) if (h[j] < 0) h[j] = 0;
    const z = p.slice(this.oB2, this.oB2 + D);
    for (let o = 0; o < D; o++) {
      const w = this.oW2 + o * H;
      let s = 0;
      for (let j = 0; j < H; j++) s += p[w + j] * h[j];
      z[o] += s;
    }
    return { ids, hidden: h, out: z };
  }

  /** Accumulates the gradient of a loss whose derivative by the output is `dOut`. */
  backward(trace: TowerTrace, dOut: Float32Array): void {
    const { hidden: H, out: D } = this.shape;
    const p = this.params,
      g = this.grad,
      h = trace.hidden;
    const dh = new Float32Array(H);
    for (let o = 0; o < D; o++) {
      const d = dOut[o];
      if (d === 0) continue;
      const w = this.oW2 + o * H;
      g[this.oB2 + o] += d;
      for (let j = 0; j < H; j++) {
        g[w + j] += d * h[j];
        dh[j] += d * p[w + j];
      }
    }
    for (let j = 0; j < H; j++) if (h[j] <= 0) dh[j] = 0;
    for (let j = 0; j < H; j++) g[this.oB1 + j] += dh[j];
    for (let k = 0; k < trace.ids.length; k++) {
      const row = trace.ids[k] * H;
      for (let j = 0; j < H; j++) g[row + j] += dh[j];
    }
  }
}
