import { describe, expect, it } from 'vitest';
import { type FoldInProblem, negativeWeight, softplus, solveFoldIn } from './foldin-newton.ts';

/** A deterministic pseudo-random generator (no dependency on the data layer). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

/** A logistic fold-in problem with logits linear in x (as MF): z_j = Σ_k x_k J[k·n + j] + b_j. */
function linearProblem(n: number, D: number, nPos: number, seed: number): FoldInProblem {
  const rand = lcg(seed);
  const J = Float64Array.from({ length: D * n }, () => rand());
  const bias = Float64Array.from({ length: n }, () => rand() - 2);
  const positives = Int32Array.from({ length: nPos }, (_, k) => Math.floor((k * n) / nPos) + (k % 3)).sort();
  const ridge = new Float64Array(D).fill(0.01 * nPos);
  return {
    nItems: n,
    dim: D,
    positives,
    negWeight: negativeWeight(4, nPos, n),
    ridge,
    logits(x, z) {
      for (let j = 0; j < n; j++) {
        let s = bias[j];
        for (let k = 0; k < D; k++) s += x[k] * J[k * n + j];
        z[j] = s;
      }
    },
    jacobian: () => J,
  };
}

/** ∇L at x, the naive way (one item at a time, sigmoid from its own exp). */
function gradientAt(p: FoldInProblem, x: Float64Array): Float64Array {
  const z = new Float64Array(p.nItems);
  p.logits(x, z);
  const J = p.jacobian(x);
  const pos = new Set(p.positives);
  const g = Float64Array.from(x, (v, k) => 2 * p.ridge[k] * v);
  for (let j = 0; j < p.nItems; j++) {
    const s = 1 / (1 + Math.exp(-z[j]));
    const r = pos.has(j) ? s - 1 : p.negWeight * s;
    for (let k = 0; k < p.dim; k++) g[k] += r * J[k * p.nItems + j];
  }
  return g;
}

function lossAt(p: FoldInProblem, x: Float64Array): number {
  const z = new Float64Array(p.nItems);
  p.logits(x, z);
  const pos = new Set(p.positives);
  let l = 0;
  for (let j = 0; j < p.nItems; j++) l += pos.has(j) ? softplus(-z[j]) : p.negWeight * softplus(z[j]);
  for (let k = 0; k < p.dim; k++) l += p.ridge[k] * x[k] * x[k];
  return l;
}

describe('solveFoldIn', () => {
  // Every dimension from 1 to 9 covers each remainder of the blocked gradient (4 columns) and
  // curvature (2 rows × 4 columns); 3000 items engage the strided curvature sample.
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9])('reaches the minimiser in a few Newton steps (dim %i)', (D) => {
    for (const n of [200, 3000]) {
      const p = linearProblem(n, D, 25, 17 * D + n);
      const solution = solveFoldIn(p, { maxIter: 20, tol: 1e-18 });
      // Stationary to float precision of the loss (the solver stops once a step no longer lowers it).
      const norm = (g: Float64Array) => Math.sqrt(g.reduce((sum, v) => sum + v * v, 0));
      expect(norm(gradientAt(p, solution.x))).toBeLessThan(1e-6 * norm(gradientAt(p, new Float64Array(D))));
      // Exact curvature (200 items) is Newton's method; the sampled one (3000) is close to it.
      expect(solution.iterations).toBeLessThanOrEqual(n === 200 ? 8 : 12);
      expect(solution.loss).toBeCloseTo(lossAt(p, solution.x), 9);
      const zero = lossAt(p, new Float64Array(D));
      expect(solution.loss).toBeLessThan(zero);
    }
  });

  it('is a pure function of the problem and the start: same bits on every solve', () => {
    const p = linearProblem(3000, 33, 40, 5);
    const a = solveFoldIn(p, { maxIter: 10 });
    const b = solveFoldIn(p, { maxIter: 10 });
    expect(Buffer.from(b.x.buffer)).toEqual(Buffer.from(a.x.buffer));
    expect(b.loss).toBe(a.loss);
    const warm = solveFoldIn(p, { x0: a.x, maxIter: 1 });
    const warmAgain = solveFoldIn(p, { x0: a.x, maxIter: 1 });
    expect(Buffer.from(warmAgain.x.buffer)).toEqual(Buffer.from(warm.x.buffer));
  });
});
