/**
 * Limited-memory BFGS (Nocedal & Wright, Numerical Optimization, alg. 7.4/7.5) with a backtracking
 * Armijo line search. Enough for smooth convex objectives such as L2-regularised logistic regression,
 * where every curvature pair is positive and a simple line search suffices.
 */

/** Objective: returns f(x) and writes ∇f(x) into `grad`. */
export type ObjectiveWithGradient = (x: Float64Array, grad: Float64Array) => number;

/** Options of {@link minimizeLbfgs}. */
export interface LbfgsOptions {
  /** Iteration cap; default 500. */
  maxIter?: number;
  /** Correction pairs kept; default 10. */
  memory?: number;
  /** Stop when ‖∇f‖∞ ≤ gradTol; default 1e-6. */
  gradTol?: number;
  /** Stop when the relative decrease of f in one step is below this; default 1e-12. */
  fTol?: number;
}

/** Outcome of {@link minimizeLbfgs}. */
export interface LbfgsResult {
  x: Float64Array;
  f: number;
  iterations: number;
  /** True when a tolerance was met (not the iteration cap or a failed line search). */
  converged: boolean;
}

const dot = (a: Float64Array, b: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

const maxAbs = (a: Float64Array): number => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
};

/**
 * Minimises `fg` from `x0` (not modified).
 * @example minimizeLbfgs((x, g) => { g[0] = 2 * (x[0] - 3); return (x[0] - 3) ** 2; }, new Float64Array(1)).x // [3]
 */
export function minimizeLbfgs(fg: ObjectiveWithGradient, x0: Float64Array, opts: LbfgsOptions = {}): LbfgsResult {
  const { maxIter = 500, memory = 10, gradTol = 1e-6, fTol = 1e-12 } = opts;
  const n = x0.length;
  let x: Float64Array = Float64Array.from(x0);
  let g: Float64Array = new Float64Array(n);
  let f = fg(x, g);
  const history: { s: Float64Array; y: Float64Array; rho: number }[] = [];
  for (let iter = 0; iter < maxIter; iter++) {
    if (maxAbs(g) <= gradTol) return { x, f, iterations: iter, converged: true };
    let d = searchDirection(g, history);
    if (dot(d, g) >= 0) {
      history.length = 0; // lost descent (numerical trouble): restart from steepest descent
      d = searchDirection(g, history);
    }
    const step = backtrack(fg, x, f, g, d);
    if (!step) return { x, f, iterations: iter, converged: maxAbs(g) <= gradTol * 100 };
    const s = step.x.map((v, i) => v - x[i]);
    const y = step.g.map((v, i) => v - g[i]);
    const sy = dot(s, y);
    if (sy > 1e-12 * dot(y, y)) {
      history.push({ s, y, rho: 1 / sy });
      if (history.length > memory) history.shift();
    }
    const decrease = f - step.f;
    [x, g, f] = [step.x, step.g, step.f];
    if (decrease <= fTol * Math.max(Math.abs(f), 1)) return { x, f, iterations: iter + 1, converged: true };
  }
  return { x, f, iterations: maxIter, converged: maxAbs(g) <= gradTol };
}

/** Two-loop recursion: d = −H·g with H0 = (sᵀy / yᵀy)·I, or a unit-length steepest step when empty. */
function searchDirection(
  g: Float64Array,
  history: readonly { s: Float64Array; y: Float64Array; rho: number }[],
): Float64Array {
  const q = Float64Array.from(g);
  if (history.length === 0) {
    const scale = 1 / Math.max(1, Math.sqrt(dot(g, g)));
    return q.map((v) => -v * scale);
  }
  const alpha = new Float64Array(history.length);
  for (let i = history.length - 1; i >= 0; i--) {
    const { s, y, rho } = history[i];
    alpha[i] = rho * dot(s, q);
    for (let j = 0; j < q.length; j++) q[j] -= alpha[i] * y[j];
  }
  const last = history[history.length - 1];
  const gamma = dot(last.s, last.y) / dot(last.y, last.y);
  for (let j = 0; j < q.length; j++) q[j] *= gamma;
  for (let i = 0; i < history.length; i++) {
    const { s, y, rho } = history[i];
    const beta = rho * dot(y, q);
    for (let j = 0; j < q.length; j++) q[j] += (alpha[i] - beta) * s[j];
  }
  return q.map((v) => -v);
}

/** Armijo backtracking from a unit step (the natural quasi-Newton step length). */
function backtrack(
  fg: ObjectiveWithGradient,
  x: Float64Array,
  f: number,
  g: Float64Array,
  d: Float64Array,
): { x: Float64Array; g: Float64Array; f: number } | null {
  const slope = dot(g, d);
  const gNew = new Float64Array(x.length);
  for (let t = 1, tries = 0; tries < 50; t *= 0.5, tries++) {
    const xNew = x.map((v, i) => v + t * d[i]);
    const fNew = fg(xNew, gNew);
    if (fNew <= f + 1e-4 * t * slope) return { x: xNew, g: gNew, f: fNew };
  }
  return null;
}
