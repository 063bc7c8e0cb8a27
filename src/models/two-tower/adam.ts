/** Adam (Kingma & Ba) over one flat Float32Array of parameters, with lazily touched rows allowed. */
export class Adam {
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  private t = 0;

  constructor(
    readonly params: Float32Array,
    readonly lr = 0.01,
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
    readonly eps = 1e-8,
  ) {
    this.m = new Float32Array(params.length);
    this.v = new Float32Array(params.length);
  }

  /** Applies `grad` (same length as the parameters) and zeroes it. */
  step(grad: Float32Array): void {
    this.t++;
    const { m, v, params, beta1: b1, beta2: b2 } = this;
    const lrT = (this.lr * Math.sqrt(1 - b2 ** this.t)) / (1 - b1 ** this.t);
    for (let i = 0; i < params.length; i++) {
      const g = grad[i];
      if (g === 0 && m[i] === 0) continue; // untouched embedding rows stay put (sparse inputs)
      m[i] = b1 * m[i] + (1 - b1) * g;
      v[i] = b2 * v[i] + (1 - b2) * g * g;
      params[i] -= (lrT * m[i]) / (Math.sqrt(v[i]) + this.eps);
      grad[i] = 0;
    }
  }
}
