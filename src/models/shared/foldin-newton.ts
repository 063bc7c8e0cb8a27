/**
 * The fold-in solver shared by MF, GMF, MLP and NeuMF: the user-side parameters `x` (length D) that
 * minimise the model's own training loss for one person, every item-side weight frozen,
 *
 *   L(x) = Σ_{i ∈ P} softplus(−z_i) + w · Σ_{j ∉ P} softplus(z_j) + Σ_k λ_k x_k²,
 *
 * where z_j(x) is the model's logit of item j, P the person's distinct items and w the weight that
 * turns "`negatives` uniform unseen items per positive" into a deterministic sum over every unseen
 * item (w = negatives · |P| / (nItems − |P|): the expected loss of training's sampler, no randomness).
 *
 * Method: damped Newton (IRLS) with the generalised Gauss–Newton curvature Σ_j c_j σ_j(1−σ_j) J_j J_jᵀ
 * + 2·diag(λ), J_j = ∂z_j/∂x; where z is linear in x (MF, GMF) that is the Hessian and this is
 * Newton's method; for the MLP towers it is Fisher scoring. The gradient is exact (every item); the
 * curvature takes every positive and, over large catalogues, every `stride`-th other item weighted
 * by `stride` (at most ~{@link CURVATURE_ITEMS} items: forming it over 10k items costs more than the
 * rest of a step), so the solution is the exact minimiser and only the path to it is approximate.
 * Each step solves the D×D system by Cholesky and backtracks (Armijo) on L; it stops when the Newton
 * decrement is below `tol`·(1 + L) (1e-5) or after `maxIter` steps. Everything runs in float64 on the host
 * in a fixed order, so the result is a pure function of (model, P, x0): two fresh fold-ins are
 * bit-identical.
 *
 * Speed (MF on MovieLens, 9k items × 33: ~24 → ~10 ms per fresh fold-in in Node, same bits): buffers are
 * allocated once per solve; the loss pass keeps σ(z) from the same exp, so forming the curvature costs
 * no transcendental; the gradient and curvature sums run 4 (2×4) at a time on independent accumulators
 * to hide the add latency, each sum still over items in order, so the bits do not depend on the blocking.
 */

/** One person's fold-in problem. */
export interface FoldInProblem {
  nItems: number;
  /** Parameters solved (D). */
  dim: number;
  /** The person's distinct items, ascending (label 1, weight 1). */
  positives: Int32Array;
  /** Weight of each other item (label 0). */
  negWeight: number;
  /** λ_k of the L2 term Σ λ_k x_k² (0 for an unregularised bias). */
  ridge: Float64Array;
  /** Writes every item's logit at `x` into `z`. */
  logits(x: Float64Array, z: Float64Array): void;
  /**
   * The Jacobian ∂z_j/∂x at `x`, column-major (D × nItems: entry [k·nItems + j]); a model whose
   * logits are linear in `x` returns the same constant array every time.
   */
  jacobian(x: Float64Array): Float64Array;
}

/** Where the solver starts and when it stops. */
export interface FoldInSolveOptions {
  /** Starting point (default zeros). */
  x0?: Float64Array;
  /** Most Newton steps. */
  maxIter: number;
  /** Relative Newton-decrement tolerance (default 1e-5). */
  tol?: number;
}

/** The solution. */
export interface FoldInSolution {
  x: Float64Array;
  iterations: number;
  loss: number;
}

/** Minimises {@link FoldInProblem}'s loss; see the module comment for the method. */
export function solveFoldIn(p: FoldInProblem, o: FoldInSolveOptions): FoldInSolution {
  const D = p.dim;
  const n = p.nItems;
  const x = o.x0 ? Float64Array.from(o.x0) : new Float64Array(D);
  const tol = o.tol ?? 1e-5;
  const isPos = new Uint8Array(n);
  for (let k = 0; k < p.positives.length; k++) isPos[p.positives[k]] = 1;
  // Every buffer of the solve, allocated once: a step allocates nothing.
  const w = new Workspace(n, D, curvatureSample(n, isPos, p.positives.length, p.negWeight > 0));
  let z = new Float64Array(n);
  let zTry = new Float64Array(n);
  // σ(z_j), written by the loss pass of the point it belongs to (one exp per item serves both).
  let s = new Float64Array(n);
  let sTry = new Float64Array(n);
  const xTry = new Float64Array(D);
  p.logits(x, z);
  let loss = lossAt(p, isPos, x, z, s);
  let it = 0;
  for (; it < o.maxIter; it++) {
    curvature(p, isPos, x, s, p.jacobian(x), w);
    const step = choleskySolve(w, D); // H · step = g; the Newton step is −step
    let decrement = 0;
    for (let k = 0; k < D; k++) decrement += w.g[k] * step[k];
    if (!(decrement > tol * (1 + Math.abs(loss)))) break;
    let t = 1;
    let next = Infinity;
    for (let halvings = 0; halvings < 30; halvings++, t /= 2) {
      for (let k = 0; k < D; k++) xTry[k] = x[k] - t * step[k];
      p.logits(xTry, zTry);
      next = lossAt(p, isPos, xTry, zTry, sTry);
      if (next <= loss - 1e-4 * t * decrement) break;
    }
    if (!(next < loss)) break; // no descent left at float precision
    x.set(xTry);
    [z, zTry] = [zTry, z];
    [s, sTry] = [sTry, s];
    loss = next;
  }
  return { x, iterations: it, loss };
}

/** Most items the curvature is formed over (see the module comment). */
export const CURVATURE_ITEMS = 1024;

/** The items the curvature is formed over (ascending), and the weight multiplier of the sampled others. */
interface CurvatureSample {
  picked: Int32Array;
  /** Each sampled other item stands for `stride` of them. */
  stride: number;
}

/** Every positive and every `stride`-th other item (the stride counted over all items, as always). */
function curvatureSample(n: number, isPos: Uint8Array, nPos: number, sampleNegatives: boolean): CurvatureSample {
  const stride = Math.max(1, Math.floor((n - nPos) / CURVATURE_ITEMS));
  const picked = new Int32Array(nPos + (sampleNegatives ? Math.ceil(n / stride) : 0));
  let m = 0;
  for (let j = 0, phase = 0; j < n; j++, phase = phase + 1 === stride ? 0 : phase + 1) {
    if (isPos[j] || (phase === 0 && sampleNegatives)) picked[m++] = j;
  }
  return { picked: picked.subarray(0, m), stride };
}

/** Scratch of one solve. */
class Workspace {
  readonly r: Float64Array;
  readonly g: Float64Array;
  readonly H: Float64Array;
  readonly weight: Float64Array;
  /** The picked Jacobian columns, compact (D × m), and two of them scaled by the weights. */
  readonly S: Float64Array;
  readonly a0: Float64Array;
  readonly a1: Float64Array;
  readonly L: Float64Array;
  readonly y: Float64Array;
  readonly step: Float64Array;

  constructor(
    n: number,
    D: number,
    readonly sample: CurvatureSample,
  ) {
    const m = sample.picked.length;
    this.r = new Float64Array(n);
    this.g = new Float64Array(D);
    this.H = new Float64Array(D * D);
    this.weight = new Float64Array(m);
    this.S = new Float64Array(D * m);
    this.a0 = new Float64Array(m);
    this.a1 = new Float64Array(m);
    this.L = new Float64Array(D * D);
    this.y = new Float64Array(D);
    this.step = new Float64Array(D);
  }
}

/**
 * L(x) given the logits `z` at `x`; writes σ(z_j) into `s` from the same exp: with e = exp(−|z|),
 * softplus(z) = max(z, 0) + log1p(e), softplus(−z) = max(−z, 0) + log1p(e), σ(z) = 1/(1+e) or e/(1+e)
 * (the same floating-point operations as {@link softplus} and a two-exp sigmoid, so the same bits).
 */
function lossAt(p: FoldInProblem, isPos: Uint8Array, x: Float64Array, z: Float64Array, s: Float64Array): number {
  let pos = 0;
  let neg = 0;
  const n = p.nItems;
  for (let j = 0; j < n; j++) {
    const zj = z[j];
    const e = Math.exp(zj > 0 ? -zj : zj);
    const l = Math.log1p(e);
    if (isPos[j]) pos += zj > 0 ? l : l - zj;
    else neg += zj > 0 ? zj + l : l;
    s[j] = zj >= 0 ? 1 / (1 + e) : e / (1 + e);
  }
  let reg = 0;
  for (let k = 0; k < p.dim; k++) reg += p.ridge[k] * x[k] * x[k];
  return pos + p.negWeight * neg + reg;
}

/** The gradient into `w.g` and the Gauss–Newton curvature into `w.H` (full symmetric), from σ(z) in `s`. */
function curvature(
  p: FoldInProblem,
  isPos: Uint8Array,
  x: Float64Array,
  s: Float64Array,
  J: Float64Array,
  w: Workspace,
): void {
  const n = p.nItems;
  const { r, weight } = w;
  const { picked, stride } = w.sample;
  const negWeight = p.negWeight;
  for (let j = 0; j < n; j++) r[j] = isPos[j] ? s[j] - 1 : negWeight * s[j];
  for (let t = 0; t < picked.length; t++) {
    const j = picked[t];
    const sj = s[j];
    weight[t] = (isPos[j] ? 1 : stride * negWeight) * sj * (1 - sj);
  }
  gradient(J, r, x, p.ridge, n, p.dim, w.g);
  hessian(J, picked, weight, p.ridge, n, p.dim, w);
}

/** g = Jᵀ r + 2λ∘x (J column-major, D × n). */
function gradient(
  J: Float64Array,
  r: Float64Array,
  x: Float64Array,
  ridge: Float64Array,
  n: number,
  D: number,
  g: Float64Array,
): void {
  // Four columns per pass: independent accumulators hide the add latency, and each sum still runs
  // over j in order, so the result is the same bits as one column at a time.
  let k = 0;
  for (; k + 4 <= D; k += 4) {
    const c0 = k * n;
    const c1 = c0 + n;
    const c2 = c1 + n;
    const c3 = c2 + n;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let j = 0; j < n; j++) {
      const rj = r[j];
      s0 += rj * J[c0 + j];
      s1 += rj * J[c1 + j];
      s2 += rj * J[c2 + j];
      s3 += rj * J[c3 + j];
    }
    g[k] = s0 + 2 * ridge[k] * x[k];
    g[k + 1] = s1 + 2 * ridge[k + 1] * x[k + 1];
    g[k + 2] = s2 + 2 * ridge[k + 2] * x[k + 2];
    g[k + 3] = s3 + 2 * ridge[k + 3] * x[k + 3];
  }
  for (; k < D; k++) {
    let sum = 0;
    const col = k * n;
    for (let j = 0; j < n; j++) sum += r[j] * J[col + j];
    g[k] = sum + 2 * ridge[k] * x[k];
  }
}

/**
 * H = Σ_t weight_t J_{picked_t} J_{picked_t}ᵀ + 2·diag(λ) over the picked items, into `w.H`. The
 * upper triangle is formed two rows × four columns at a time (independent accumulators, shared loads);
 * every entry is still one sum over t in order, so the bits do not depend on the blocking.
 */
function hessian(
  J: Float64Array,
  picked: Int32Array,
  weight: Float64Array,
  ridge: Float64Array,
  n: number,
  D: number,
  w: Workspace,
): void {
  const m = picked.length;
  const { S, a0, a1, H } = w;
  for (let k = 0; k < D; k++) {
    const col = k * n;
    const row = k * m;
    for (let t = 0; t < m; t++) S[row + t] = J[col + picked[t]];
  }
  const put = (k: number, l: number, v: number) => {
    H[k * D + l] = v;
    H[l * D + k] = v;
  };
  let k = 0;
  for (; k + 2 <= D; k += 2) {
    const rk = k * m;
    const rk1 = rk + m;
    let kk = 0;
    let kk1 = 0;
    let k1k1 = 0;
    for (let t = 0; t < m; t++) {
      const sk = S[rk + t];
      const sk1 = S[rk1 + t];
      const u0 = weight[t] * sk;
      const u1 = weight[t] * sk1;
      a0[t] = u0;
      a1[t] = u1;
      kk += u0 * sk;
      kk1 += u0 * sk1;
      k1k1 += u1 * sk1;
    }
    put(k, k, kk);
    put(k, k + 1, kk1);
    put(k + 1, k + 1, k1k1);
    let l = k + 2;
    for (; l + 4 <= D; l += 4) {
      const r0 = l * m;
      const r1 = r0 + m;
      const r2 = r1 + m;
      const r3 = r2 + m;
      let p0 = 0;
      let p1 = 0;
      let p2 = 0;
      let p3 = 0;
      let q0 = 0;
      let q1 = 0;
      let q2 = 0;
      let q3 = 0;
      for (let t = 0; t < m; t++) {
        const u0 = a0[t];
        const u1 = a1[t];
        const v0 = S[r0 + t];
        const v1 = S[r1 + t];
        const v2 = S[r2 + t];
        const v3 = S[r3 + t];
        p0 += u0 * v0;
        p1 += u0 * v1;
        p2 += u0 * v2;
        p3 += u0 * v3;
        q0 += u1 * v0;
        q1 += u1 * v1;
        q2 += u1 * v2;
        q3 += u1 * v3;
      }
      put(k, l, p0);
      put(k, l + 1, p1);
      put(k, l + 2, p2);
      put(k, l + 3, p3);
      put(k + 1, l, q0);
      put(k + 1, l + 1, q1);
      put(k + 1, l + 2, q2);
      put(k + 1, l + 3, q3);
    }
    for (; l < D; l++) {
      const r0 = l * m;
      let p0 = 0;
      let q0 = 0;
      for (let t = 0; t < m; t++) {
        const v = S[r0 + t];
        p0 += a0[t] * v;
        q0 += a1[t] * v;
      }
      put(k, l, p0);
      put(k + 1, l, q0);
    }
  }
  if (k < D) {
    const rk = k * m;
    let kk = 0;
    for (let t = 0; t < m; t++) kk += weight[t] * S[rk + t] * S[rk + t];
    put(k, k, kk);
  }
  for (let d = 0; d < D; d++) H[d * D + d] += 2 * ridge[d] + 1e-10;
}

/** Solves H·s = g (`w.H`, `w.g`) for symmetric positive-definite H (D×D) by Cholesky into `w.step`. */
function choleskySolve(w: Workspace, D: number): Float64Array {
  const { H, g, L, y, step: s } = w;
  for (let i = 0; i < D; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = H[i * D + j];
      for (let k = 0; k < j; k++) sum -= L[i * D + k] * L[j * D + k];
      if (i === j) L[i * D + i] = Math.sqrt(Math.max(sum, 1e-12));
      else L[i * D + j] = sum / L[j * D + j];
    }
  }
  for (let i = 0; i < D; i++) {
    let sum = g[i];
    for (let k = 0; k < i; k++) sum -= L[i * D + k] * y[k];
    y[i] = sum / L[i * D + i];
  }
  for (let i = D - 1; i >= 0; i--) {
    let sum = y[i];
    for (let k = i + 1; k < D; k++) sum -= L[k * D + i] * s[k];
    s[i] = sum / L[i * D + i];
  }
  return s;
}

/** log(1 + e^z) without overflow. */
export function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** The weight w of each unseen item: `negatives` uniform draws per positive, in expectation. */
export function negativeWeight(negatives: number, nPositives: number, nItems: number): number {
  const unseen = nItems - nPositives;
  return unseen > 0 ? (negatives * nPositives) / unseen : 0;
}
