/**
 * MF fold-in (issue 10): a person known only by a history gets the user vector p and bias b_u that
 * minimise MF's own training loss on that history, the item embeddings and biases frozen.
 *
 * Loss (as `fit` sees one user per epoch, in expectation): logistic loss on the history's distinct
 * items as positives; every other item a negative of weight negatives·|P|/(nItems − |P|) — the
 * expected loss of training's uniform sampler, made deterministic (a seeded sample would make the
 * solution depend on the sampler's draws, and `forget` needs a fold-in that is a pure function of
 * the history); L2 as in training, l2 per training row the user appears in, so λ = l2·|P|·(1+negatives)
 * on p and none on b_u. Solved by damped Newton / IRLS (logits are linear in [p, b_u]; exact gradient
 * over every item, Hessian over the positives and a fixed stride of ≤ 1024 other items, see
 * `foldin-newton.ts`) from zero: at most {@link FRESH_STEPS} steps, typically 4–5 on MovieLens, to a
 * Newton decrement below 1e-5·(1+L). A warm start (the incremental `add`) takes {@link WARM_STEPS}
 * step from the earlier solution. Empty history: p = 0, b_u = 0, so the ranking is the item biases
 * (MF's learned popularity).
 */
import type { FoldedUser, History } from '../recommender.ts';
import { negativeWeight, solveFoldIn } from '../shared/foldin-newton.ts';
import { checkFolded, distinctItems, type HostFoldIn } from '../shared/history.ts';

/** Most Newton steps of a fresh fold-in. */
export const FRESH_STEPS = 10;
/** Most Newton steps from a warm start (an incremental `add`). */
export const WARM_STEPS = 1;

/** The frozen item side of one MF model, on the host (built once per fitted or loaded model). */
export class MfFoldIn implements HostFoldIn {
  /** Jacobian [q_j, 1] column-major ((dim+1) × nItems), float64. */
  private readonly jac: Float64Array;

  constructor(
    private readonly kind: string,
    private readonly itemEmb: Float32Array,
    private readonly itemBias: Float32Array,
    private readonly dim: number,
    private readonly negatives: number,
    private readonly l2: number,
  ) {
    const D = dim + 1;
    const n = itemBias.length;
    this.jac = new Float64Array(n * D);
    for (let j = 0; j < n; j++) {
      for (let k = 0; k < dim; k++) this.jac[k * n + j] = itemEmb[j * dim + k];
      this.jac[dim * n + j] = 1;
    }
  }

  /** [p_u…, b_u]. */
  get width(): number {
    return this.dim + 1;
  }

  get nItems(): number {
    return this.itemBias.length;
  }

  /** Solves [p, b_u] for `history` (checked by the caller); `warm` starts from an earlier solution. */
  foldIn(history: History, warm?: FoldedUser): FoldedUser {
    const D = this.dim + 1;
    const positives = distinctItems(history);
    if (positives.length === 0)
      return { kind: this.kind, vector: new Float32Array(D), method: 'newton', iterations: 0, loss: 0 };
    if (warm) checkFolded(warm, this.kind, D);
    const nItems = this.nItems;
    const rows = positives.length * (1 + (positives.length < nItems ? this.negatives : 0));
    const ridge = new Float64Array(D).fill(this.l2 * rows);
    ridge[this.dim] = 0;
    const logits = (x: Float64Array, z: Float64Array) => this.logits(x, z);
    const solution = solveFoldIn(
      {
        nItems,
        dim: D,
        positives,
        negWeight: negativeWeight(this.negatives, positives.length, nItems),
        ridge,
        logits,
        jacobian: () => this.jac,
      },
      warm ? { x0: Float64Array.from(warm.vector), maxIter: WARM_STEPS } : { maxIter: FRESH_STEPS },
    );
    return {
      kind: this.kind,
      vector: Float32Array.from(solution.x),
      method: 'newton',
      iterations: solution.iterations,
      loss: solution.loss,
    };
  }

  /** Every item's score for the folded vector [p, b_u]: <p, q_j> + b_u + b_j. */
  scores(_history: History, vector: Float32Array): Float32Array {
    const z = new Float64Array(this.nItems);
    this.logits(Float64Array.from(vector), z);
    return Float32Array.from(z);
  }

  private logits(x: Float64Array, z: Float64Array): void {
    const { dim, itemEmb, itemBias } = this;
    const bu = x[dim];
    const n = z.length;
    // Four items per pass: independent sums hide the add latency; each still adds over k in order,
    // so every logit has the same bits as one item at a time.
    let j = 0;
    for (; j + 4 <= n; j += 4) {
      const r0 = j * dim;
      const r1 = r0 + dim;
      const r2 = r1 + dim;
      const r3 = r2 + dim;
      let s0 = bu + itemBias[j];
      let s1 = bu + itemBias[j + 1];
      let s2 = bu + itemBias[j + 2];
      let s3 = bu + itemBias[j + 3];
      for (let k = 0; k < dim; k++) {
        const xk = x[k];
        s0 += xk * itemEmb[r0 + k];
        s1 += xk * itemEmb[r1 + k];
        s2 += xk * itemEmb[r2 + k];
        s3 += xk * itemEmb[r3 + k];
      }
      z[j] = s0;
      z[j + 1] = s1;
      z[j + 2] = s2;
      z[j + 3] = s3;
    }
    for (; j < n; j++) {
      let s = bu + itemBias[j];
      const row = j * dim;
      for (let k = 0; k < dim; k++) s += x[k] * itemEmb[row + k];
      z[j] = s;
    }
  }
}
