/**
 * One-vs-rest L2-regularised logistic regression on plain Float64Arrays: the linear probe of the
 * LINE / DeepWalk node-classification protocol. Features are standardised on the training rows, then
 * each class is fitted against the rest with L-BFGS. Rows are row-major, `dim` values each.
 */
import { InvalidArgumentError } from '../errors.ts';
import { minimizeLbfgs } from './lbfgs.ts';
import { assertNonEmpty, assertPositiveInt } from './validate.ts';

/** Options of {@link fitOneVsRest}. */
export interface LogisticOptions {
  /**
   * L2 strength λ in `Σ log-loss + λ/2 ‖w‖²` (intercept unpenalised); scikit-learn's `C` is `1/λ`.
   * Default 1 (scikit-learn's default C = 1). 0 fits unregularised (diverges on separable data).
   */
  l2?: number;
  /** L-BFGS iteration cap per class; default 500. */
  maxIter?: number;
  /** Stop when the gradient's largest entry is below `tol × rows`; default 1e-6. */
  tol?: number;
}

/** A fitted one-vs-rest classifier. */
export interface OneVsRestModel {
  /** Sorted distinct training classes. */
  readonly classes: Int32Array;
  /** Decision values, `rows × classes.length` row-major (one column when there are two classes). */
  decision(x: Float64Array): Float64Array;
  /** Predicted class per row: argmax of the decision values (first class on ties). */
  predict(x: Float64Array): Int32Array;
}

/** Per-feature mean and standard deviation of the training rows (a constant feature keeps scale 1). */
class Standardiser {
  readonly mean: Float64Array;
  readonly scale: Float64Array;

  constructor(
    x: Float64Array,
    readonly dim: number,
  ) {
    const n = x.length / dim;
    this.mean = new Float64Array(dim);
    this.scale = new Float64Array(dim);
    for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) this.mean[j] += x[i * dim + j] / n;
    for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) this.scale[j] += (x[i * dim + j] - this.mean[j]) ** 2 / n;
    for (let j = 0; j < dim; j++) this.scale[j] = this.scale[j] > 0 ? Math.sqrt(this.scale[j]) : 1;
  }

  apply(x: Float64Array): Float64Array {
    return x.map((v, i) => (v - this.mean[i % this.dim]) / this.scale[i % this.dim]);
  }
}

/** `log(1 + e^t)` without overflow. */
const softplus = (t: number): number => (t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t)));
const sigmoid = (t: number): number => (t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t)));

/**
 * Fits one binary logistic regression on standardised rows `x` with 0/1 targets `y`; returns
 * `[w_0 … w_{dim−1}, bias]`.
 */
function fitBinary(x: Float64Array, dim: number, y: Uint8Array, opts: Required<LogisticOptions>): Float64Array {
  const n = y.length;
  const l2 = opts.l2;
  const objective = (p: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let f = 0;
    for (let i = 0, row = 0; i < n; i++, row += dim) {
      let z = p[dim];
      for (let j = 0; j < dim; j++) z += p[j] * x[row + j];
      f += softplus(y[i] ? -z : z);
      const r = sigmoid(z) - y[i];
      for (let j = 0; j < dim; j++) grad[j] += r * x[row + j];
      grad[dim] += r;
    }
    for (let j = 0; j < dim; j++) {
      f += 0.5 * l2 * p[j] * p[j];
      grad[j] += l2 * p[j];
    }
    return f;
  };
  const gradTol = opts.tol * Math.max(1, n);
  return minimizeLbfgs(objective, new Float64Array(dim + 1), { maxIter: opts.maxIter, gradTol }).x;
}

/**
 * Fits one-vs-rest logistic regression: rows `x` (`y.length × dim`, row-major) with integer classes
 * `y`. Two classes fit one model (as scikit-learn does); one class predicts it always.
 * @example
 * const model = fitOneVsRest(xTrain, 128, yTrain, { l2: 1 });
 * const yHat = model.predict(xTest);
 */
export function fitOneVsRest(
  x: Float64Array,
  dim: number,
  y: ArrayLike<number>,
  opts: LogisticOptions = {},
): OneVsRestModel {
  const o = resolveOptions(opts);
  assertPositiveInt(dim, 'fitOneVsRest: dim');
  assertNonEmpty(y, 'fitOneVsRest: labels');
  if (x.length !== y.length * dim)
    throw new InvalidArgumentError(`fitOneVsRest: x has ${x.length} values, expected ${y.length} × ${dim}`);
  for (let i = 0; i < x.length; i++)
    if (!Number.isFinite(x[i])) throw new InvalidArgumentError(`fitOneVsRest: non-finite feature at ${i}`);
  for (let i = 0; i < y.length; i++)
    if (!Number.isInteger(y[i]))
      throw new InvalidArgumentError(`fitOneVsRest: label ${y[i]} at ${i} is not an integer`);
  const classes = Int32Array.from(new Set(Array.from(y))).sort();
  const std = new Standardiser(x, dim);
  const xs = std.apply(x);
  const fitted = classes.length === 2 ? [classes[1]] : classes.length === 1 ? [] : Array.from(classes);
  const params = fitted.map((c) =>
    fitBinary(
      xs,
      dim,
      Uint8Array.from(y, (v) => (v === c ? 1 : 0)),
      o,
    ),
  );
  return makeModel(classes, params, std);
}

function resolveOptions(opts: LogisticOptions): Required<LogisticOptions> {
  const o = { l2: 1, maxIter: 500, tol: 1e-6, ...opts };
  if (!(o.l2 >= 0)) throw new InvalidArgumentError(`fitOneVsRest: l2 ${o.l2} must be ≥ 0`);
  assertPositiveInt(o.maxIter, 'fitOneVsRest: maxIter');
  if (!(o.tol > 0)) throw new InvalidArgumentError(`fitOneVsRest: tol ${o.tol} must be > 0`);
  return o;
}

function makeModel(classes: Int32Array, params: Float64Array[], std: Standardiser): OneVsRestModel {
  const dim = std.dim;
  const decision = (x: Float64Array): Float64Array => {
    if (x.length % dim !== 0)
      throw new InvalidArgumentError(`decision: ${x.length} values is not a multiple of dim ${dim}`);
    const xs = std.apply(x);
    const n = x.length / dim;
    const out = new Float64Array(n * params.length);
    params.forEach((p, c) => {
      for (let i = 0; i < n; i++) {
        let z = p[dim];
        for (let j = 0; j < dim; j++) z += p[j] * xs[i * dim + j];
        out[i * params.length + c] = z;
      }
    });
    return out;
  };
  const predict = (x: Float64Array): Int32Array => {
    const n = x.length / dim;
    if (params.length === 0) return new Int32Array(n).fill(classes[0]);
    const z = decision(x);
    if (params.length === 1) return Int32Array.from({ length: n }, (_, i) => classes[z[i] > 0 ? 1 : 0]);
    return Int32Array.from({ length: n }, (_, i) => classes[argmax(z, i * params.length, params.length)]);
  };
  return { classes, decision, predict };
}

function argmax(z: Float64Array, offset: number, len: number): number {
  let best = 0;
  for (let c = 1; c < len; c++) if (z[offset + c] > z[offset + best]) best = c;
  return best;
}
