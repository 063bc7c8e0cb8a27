/**
 * The MLP tower over a whole mini-batch: `A₀ = [user rows, item rows]`, `Aₗ = relu(Aₗ₋₁ Wₗ + bₗ)`, each
 * layer one tiled matrix product (`gemm.ts`), and the backward pass into the gradient sums of W, b and
 * of the embedding rows. Activations and deltas are [rows × width] buffers grown to the largest batch
 * seen, so a step allocates nothing.
 *
 * The first layer is split by halves of W₁: `A₀ W₁ = U W₁ᵤ + I W₁ᵢ`. Consecutive rows of one user (a
 * positive and its sampled negatives) form a group that shares `U W₁ᵤ`, and in the backward pass the
 * group's deltas are summed before they meet W₁ᵤ — the same sums in another order, for about a third
 * less arithmetic at 4 negatives per positive.
 */
import { addMatMulAt, matMul, matMulBt } from './gemm.ts';

/** Layer widths, weights and their gradient sums (views of the stepper's arrays). */
export interface MlpWeights {
  /** `[2e, h₁, …, h_L]`: the input (both embeddings) and each hidden layer. */
  widths: readonly number[];
  /** Wₗ, bₗ for l = 1 … L at index l − 1. */
  w: Float32Array[];
  b: Float32Array[];
  gw: Float64Array[];
  gb: Float64Array[];
}

/** The batch's rows grouped by user: consecutive rows of one user share a group. */
export interface RowGroups {
  /** Per row: its group. */
  of: Int32Array;
  /** Groups. */
  n: number;
}

export class MlpTower {
  private act: Float64Array[] = [];
  private delta: Float64Array[] = [];
  /** Per group: the user rows, their product with W₁ᵤ, their summed deltas, their gradient. */
  private user = new Float64Array(0);
  private userZ = new Float64Array(0);
  private userDelta = new Float64Array(0);
  private dUser = new Float64Array(0);
  /** Per row: the item rows and their gradient. */
  private item = new Float64Array(0);
  private dItem = new Float64Array(0);
  private capacity = -1;
  private readonly e: number;
  private readonly w1u: Float32Array;
  private readonly w1i: Float32Array;
  private readonly g1u: Float64Array;
  private readonly g1i: Float64Array;

  constructor(private readonly net: MlpWeights) {
    this.e = net.widths[0] / 2;
    const split = this.e * (net.widths[1] ?? 0);
    const L = net.widths.length - 1;
    this.w1u = L ? net.w[0].subarray(0, split) : new Float32Array(0);
    this.w1i = L ? net.w[0].subarray(split) : new Float32Array(0);
    this.g1u = L ? net.gw[0].subarray(0, split) : new Float64Array(0);
    this.g1i = L ? net.gw[0].subarray(split) : new Float64Array(0);
    this.inputs(0);
  }

  /** The buffers to fill before {@link forward}: user rows per group ([rows × e] at most) and item rows per row. */
  inputs(rows: number): { user: Float64Array; item: Float64Array } {
    if (rows > this.capacity) {
      const { widths } = this.net;
      const e = this.e;
      const h1 = widths[1] ?? 0;
      this.act = widths.map((n) => new Float64Array(rows * n));
      this.delta = widths.map((n) => new Float64Array(rows * n));
      this.user = new Float64Array(rows * e);
      this.item = new Float64Array(rows * e);
      this.dUser = new Float64Array(rows * e);
      this.dItem = new Float64Array(rows * e);
      this.userZ = new Float64Array(rows * h1);
      this.userDelta = new Float64Array(rows * h1);
      this.capacity = rows;
    }
    return { user: this.user, item: this.item };
  }

  /** A_L [rows × h_L] for the inputs as filled. */
  forward(rows: number, groups: RowGroups): Float64Array {
    const { widths, w, b } = this.net;
    const e = this.e;
    const L = widths.length - 1;
    if (L === 0) {
      // No hidden layer: the output is A₀ itself.
      const a0 = this.act[0];
      for (let r = 0; r < rows; r++) {
        const u = groups.of[r] * e;
        for (let k = 0; k < e; k++) {
          a0[r * 2 * e + k] = this.user[u + k];
          a0[r * 2 * e + e + k] = this.item[r * e + k];
        }
      }
      return a0;
    }
    const h1 = widths[1];
    const a1 = this.act[1];
    const zu = this.userZ;
    matMul(this.user, this.w1u, zu, groups.n, e, h1, null);
    matMul(this.item, this.w1i, a1, rows, e, h1, b[0]);
    for (let r = 0, o = 0; r < rows; r++) {
      const g = groups.of[r] * h1;
      for (let j = 0; j < h1; j++, o++) {
        const v = a1[o] + zu[g + j];
        a1[o] = v > 0 ? v : 0;
      }
    }
    for (let l = 2; l <= L; l++) {
      const y = this.act[l];
      matMul(this.act[l - 1], w[l - 1], y, rows, widths[l - 1], widths[l], b[l - 1]);
      const n = rows * widths[l];
      for (let k = 0; k < n; k++) if (y[k] < 0) y[k] = 0;
    }
    return this.act[L];
  }

  /** The buffer for the loss's gradient with respect to A_L ([rows × h_L], before the ReLU's mask). */
  topGradient(): Float64Array {
    return this.delta[this.net.widths.length - 1];
  }

  /**
   * Backward from {@link topGradient}: adds to every Wₗ's and bₗ's gradient; returns the gradient of each
   * group's user row ([groups × e]) and of each row's item row ([rows × e]).
   */
  backward(rows: number, groups: RowGroups): { user: Float64Array; item: Float64Array } {
    const { widths, w, gw, gb } = this.net;
    const e = this.e;
    const L = widths.length - 1;
    this.dUser.fill(0, 0, groups.n * e);
    if (L === 0) {
      const d0 = this.delta[0];
      for (let r = 0; r < rows; r++) {
        const u = groups.of[r] * e;
        for (let k = 0; k < e; k++) {
          this.dUser[u + k] += d0[r * 2 * e + k];
          this.dItem[r * e + k] = d0[r * 2 * e + e + k];
        }
      }
      return { user: this.dUser, item: this.dItem };
    }
    for (let l = L; l >= 1; l--) {
      const nOut = widths[l];
      const d = this.delta[l];
      const a = this.act[l];
      const G = gb[l - 1];
      for (let r = 0, o = 0; r < rows; r++) {
        for (let j = 0; j < nOut; j++, o++) {
          if (a[o] === 0) d[o] = 0; // the ReLU's mask (relu(x) = 0 exactly where x ≤ 0)
          G[j] += d[o];
        }
      }
      if (l > 1) {
        addMatMulAt(this.act[l - 1], d, gw[l - 1], rows, widths[l - 1], nOut);
        matMulBt(d, w[l - 1], this.delta[l - 1], rows, nOut, widths[l - 1]);
      }
    }
    const h1 = widths[1];
    const d1 = this.delta[1];
    const du = this.userDelta;
    du.fill(0, 0, groups.n * h1);
    for (let r = 0, o = 0; r < rows; r++) {
      const g = groups.of[r] * h1;
      for (let j = 0; j < h1; j++, o++) du[g + j] += d1[o];
    }
    addMatMulAt(this.item, d1, this.g1i, rows, e, h1);
    addMatMulAt(this.user, du, this.g1u, groups.n, e, h1);
    matMulBt(d1, this.w1i, this.dItem, rows, h1, e);
    matMulBt(du, this.w1u, this.dUser, groups.n, h1, e);
    return { user: this.dUser, item: this.dItem };
  }
}
