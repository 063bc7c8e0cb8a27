/**
 * The fused CPU trainer: one typed-array loop per mini-batch — embedding gathers, the GMF product, the
 * MLP tower, the seed variant's sparse sums, the logistic loss and its gradient, each row's backward
 * right after its forward — then dense Adam over every parameter (see `adam.ts` for why dense). The
 * maths is `forward.ts` trainLogits + the tfjs step of `tfjs-stepper.ts` + NamedAdam, so the same
 * initial weights and batches give the tfjs reference's loss curve.
 *
 * Layout: weights and Adam's moments as flat Float32Arrays (the state's format), gradient sums as
 * Float64Arrays zeroed by Adam as it reads them; per-row buffers sized once, the per-batch buffers (the
 * MLP's activations, the seed variant's sums) grown to the largest batch seen. A step allocates nothing
 * once they have grown. GMF and the seed variant run row by row; the MLP layer by layer over the batch
 * (tiled matrix products: `gemm.ts`), since a weight matrix read once for 4 rows is what makes it fast.
 */
import { InvalidArgumentError } from '../../../errors.ts';
import type { AdamArrays } from '../../shared/adam.ts';
import type { NcfSettings } from '../config.ts';
import { outWidth, paramSpecs, type ParamArrays } from '../params.ts';
import type { SeedBatch } from '../seed-batch.ts';
import type { NcfStepInput, NcfStepper, NcfStepperInit } from '../stepper.ts';
import { adamDense, adamStepSize } from './adam.ts';
import { MlpTower } from './mlp-tower.ts';
import { gatherSums, scatterSums } from './seed-sums.ts';

/** A fused CPU engine starting from `init` (its arrays are copied, never shared). */
export function createFusedCpuStepper(init: NcfStepperInit): NcfStepper {
  return new FusedCpuStepper(init);
}

/** Dense weights the L2 term covers whole (the MLP's matrices); every other L2 term is per touched row. */
const DENSE_L2 = /^w\d+$/;

class FusedCpuStepper implements NcfStepper {
  readonly name = 'fused-cpu' as const;
  private readonly s: NcfSettings;
  private readonly names: string[];
  private readonly w: ParamArrays = {};
  private readonly g: Record<string, Float64Array> = {};
  private readonly m: ParamArrays = {};
  private readonly v: ParamArrays = {};
  private adamStep: number;
  private loss = 0;
  /** Seed variant: a row's `u ⊙ c` and its gradient. */
  private readonly x: Float64Array;
  private readonly dx: Float64Array;
  private readonly mlp: MlpTower | null = null;
  /** Where the MLP's output sits in the vector `h` reads (after GMF's in NeuMF). */
  private readonly mlpOffset: number;
  /** The batch's MLP embedding rows' sum of squares (L2). */
  private mlpReg = 0;
  /** The batch's rows grouped by user (consecutive rows of one user), with each group's user and size. */
  private groups = { of: new Int32Array(0), n: 0, user: new Int32Array(0), size: new Int32Array(0) };
  /** Seed variant: per-row learner vector, and the per-batch sums / their gradients (grown as needed). */
  private readonly uRow: Float64Array;
  private sums = new Float64Array(0);
  private courseSums = new Float64Array(0);
  private dSums = new Float64Array(0);
  private dCourseSums = new Float64Array(0);

  constructor(init: NcfStepperInit) {
    const s = (this.s = init.settings);
    const specs = paramSpecs(s, init.nUsers, init.nItems);
    this.names = Object.keys(specs);
    for (const n of this.names) {
      const size = specs[n].shape.reduce((a, b) => a * b, 1);
      const at = (src: ParamArrays | undefined, what: string) => {
        const a = src?.[n];
        if (src && a?.length !== size)
          throw new InvalidArgumentError(`fused-cpu: ${what} '${n}' holds ${a?.length ?? 0} values, expected ${size}`);
        return a ? a.slice() : new Float32Array(size);
      };
      this.w[n] = at(init.weights, 'weight');
      this.m[n] = at(init.adam?.m, 'Adam moment m of');
      this.v[n] = at(init.adam?.v, 'Adam moment v of');
      this.g[n] = new Float64Array(size);
    }
    this.adamStep = init.adam?.step ?? 0;
    this.x = new Float64Array(outWidth(s));
    this.dx = new Float64Array(outWidth(s));
    this.uRow = new Float64Array(s.dim);
    this.mlpOffset = s.arch === 'neumf' ? s.dim : 0;
    if (s.arch === 'mlp' || s.arch === 'neumf') {
      const L = s.layers.length;
      this.mlp = new MlpTower({
        widths: s.layers,
        w: Array.from({ length: L - 1 }, (_, l) => this.w[`w${l + 1}`]),
        b: Array.from({ length: L - 1 }, (_, l) => this.w[`b${l + 1}`]),
        gw: Array.from({ length: L - 1 }, (_, l) => this.g[`w${l + 1}`]),
        gb: Array.from({ length: L - 1 }, (_, l) => this.g[`b${l + 1}`]),
      });
    }
  }

  step(input: NcfStepInput): void {
    const { users, items, labels, context } = input;
    const R = users.length;
    if (R === 0) return;
    const { s, x, dx } = this;
    const arch = s.arch;
    const invR = 1 / R;
    const reg2 = 2 * s.l2 * invR;
    const h = this.w.h;
    const gh = this.g.h;
    const bias = this.w.itemBias;
    const gBias = this.g.itemBias;
    const timeW = this.w.timeW && context ? this.w.timeW[0] : 0;
    const gmf = arch === 'gmf' || arch === 'neumf';
    const d = s.dim;
    const P = gmf ? this.w.gmfUser : bias;
    const Q = gmf ? this.w.gmfItem : bias;
    const gP = gmf ? this.g.gmfUser : gBias;
    const gQ = gmf ? this.g.gmfItem : gBias;
    // The MLP tower runs layer by layer over the whole batch, before and after the per-row loop.
    const mlp = this.mlp;
    const top = mlp ? this.mlpForward(users, items, R) : null;
    const dTop = mlp ? mlp.topGradient() : null;
    const T = mlp ? s.layers[s.layers.length - 1] : 0;
    const off = this.mlpOffset;
    let reg = mlp ? this.mlpReg : 0;
    let gTime = 0;
    let ce = 0;
    const seed = arch === 'seed' ? (input.seed as SeedBatch) : null;
    if (seed) this.seedSums(seed);
    for (let r = 0; r < R; r++) {
      const it = items[r];
      let z = bias[it];
      if (seed) {
        reg += this.seedForward(seed, r, it);
        for (let k = 0; k < d; k++) z += x[k] * h[k];
      }
      const pu = users[r] * d;
      const qi = it * d;
      if (gmf) {
        for (let k = 0; k < d; k++) {
          const p = P[pu + k];
          const q = Q[qi + k];
          z += p * q * h[k];
          reg += p * p + q * q;
        }
      }
      const t = r * T;
      if (top) for (let k = 0; k < T; k++) z += top[t + k] * h[off + k];
      const ctx = context ? context[r] : 0;
      z += ctx * timeW;
      const y = labels[r];
      // softplus(z) − y·z, and its gradient σ(z) − y, each in a form that does not overflow.
      const e = Math.exp(-Math.abs(z));
      ce += (z > 0 ? z : 0) + Math.log1p(e) - y * z;
      const dz = ((z >= 0 ? 1 / (1 + e) : e / (1 + e)) - y) * invR;
      const bi = bias[it];
      reg += bi * bi;
      gBias[it] += dz + reg2 * bi;
      gTime += dz * ctx;
      if (seed) {
        for (let k = 0; k < d; k++) {
          gh[k] += dz * x[k];
          dx[k] = dz * h[k];
        }
        this.seedBackward(seed, r, it, reg2);
      }
      if (gmf) {
        for (let k = 0; k < d; k++) {
          const p = P[pu + k];
          const q = Q[qi + k];
          const hk = h[k];
          gh[k] += dz * p * q;
          gP[pu + k] += dz * hk * q + reg2 * p;
          gQ[qi + k] += dz * hk * p + reg2 * q;
        }
      }
      if (top && dTop) {
        for (let k = 0; k < T; k++) {
          gh[off + k] += dz * top[t + k];
          dTop[t + k] = dz * h[off + k];
        }
      }
    }
    if (mlp) this.mlpBackward(items, R, reg2);
    if (seed) {
      scatterSums(this.g.learner, seed.learners, d, this.dSums);
      scatterSums(this.g.course, seed.courses, d, this.dCourseSums);
    }
    if (this.g.timeW) this.g.timeW[0] += gTime;
    for (const n of this.names) if (DENSE_L2.test(n)) reg += sumOfSquares(this.w[n]);
    // The reference's float32 arithmetic for the reported loss: mean, L2 term, rows · loss, running sum.
    const loss = Math.fround(Math.fround(ce * invR) + Math.fround(reg * Math.fround(s.l2 * invR)));
    this.loss = Math.fround(this.loss + Math.fround(loss * R));
    this.adamStep++;
    const stepSize = adamStepSize(input.learningRate, this.adamStep);
    for (const n of this.names) {
      adamDense(this.w[n], this.g[n], this.m[n], this.v[n], stepSize, DENSE_L2.test(n) ? reg2 : 0);
    }
  }

  /** The MLP tower's output for the batch ([rows × h_L]); keeps the embedding rows' squares in `mlpReg`. */
  private mlpForward(users: Int32Array, items: Int32Array, R: number): Float64Array {
    const tower = this.mlp as MlpTower;
    const e = this.s.layers[0] / 2;
    const P = this.w.mlpUser;
    const Q = this.w.mlpItem;
    const inputs = tower.inputs(R);
    if (this.groups.of.length < R)
      this.groups = { of: new Int32Array(R), n: 0, user: new Int32Array(R), size: new Int32Array(R) };
    const groups = this.groups;
    let n = 0;
    let reg = 0;
    for (let r = 0; r < R; r++) {
      const u = users[r];
      if (r === 0 || u !== users[r - 1]) {
        groups.user[n] = u;
        groups.size[n] = 0;
        const pu = u * e;
        const o = n * e;
        for (let k = 0; k < e; k++) inputs.user[o + k] = P[pu + k];
        n++;
      }
      groups.of[r] = n - 1;
      groups.size[n - 1]++;
      const pu = u * e;
      const qi = items[r] * e;
      const o = r * e;
      for (let k = 0; k < e; k++) {
        const p = P[pu + k];
        const q = Q[qi + k];
        inputs.item[o + k] = q;
        reg += p * p + q * q;
      }
    }
    groups.n = n;
    this.mlpReg = reg;
    return tower.forward(R, groups);
  }

  /** The tower's backward, then the embedding rows' gradients (plus their per-row L2 term). */
  private mlpBackward(items: Int32Array, R: number, reg2: number): void {
    const groups = this.groups;
    const d = (this.mlp as MlpTower).backward(R, groups);
    const e = this.s.layers[0] / 2;
    const P = this.w.mlpUser;
    const Q = this.w.mlpItem;
    const gP = this.g.mlpUser;
    const gQ = this.g.mlpItem;
    for (let g = 0; g < groups.n; g++) {
      const pu = groups.user[g] * e;
      const decay = reg2 * groups.size[g];
      for (let k = 0; k < e; k++) gP[pu + k] += d.user[g * e + k] + decay * P[pu + k];
    }
    for (let r = 0; r < R; r++) {
      const qi = items[r] * e;
      for (let k = 0; k < e; k++) gQ[qi + k] += d.item[r * e + k] + reg2 * Q[qi + k];
    }
  }

  /** The batch's learner and course sums (seed variant), and zeroed gradient sums of the same shape. */
  private seedSums(seed: SeedBatch): void {
    const d = this.s.dim;
    const nl = seed.learners.n * d;
    const nc = seed.courses.n * d;
    if (this.sums.length < nl) (this.sums = new Float64Array(nl)), (this.dSums = new Float64Array(nl));
    if (this.courseSums.length < nc)
      (this.courseSums = new Float64Array(nc)), (this.dCourseSums = new Float64Array(nc));
    gatherSums(this.w.learner, seed.learners, d, this.sums);
    gatherSums(this.w.course, seed.courses, d, this.courseSums);
    this.dSums.fill(0, 0, nl);
    this.dCourseSums.fill(0, 0, nc);
  }

  /**
   * Row r's `u ⊙ c` into x: u the learner's sum less the row's own item when in the history (FISM),
   * scaled by 1/√max(count − inHist, 1); c the course's co-watch sum. Returns Σ u² + Σ c².
   */
  private seedForward(seed: SeedBatch, r: number, it: number): number {
    const d = this.s.dim;
    const { x, uRow, sums, courseSums } = this;
    const L = this.w.learner;
    const lu = seed.rowUser[r];
    const inH = seed.inHist[r];
    const scale = Math.fround(1 / Math.sqrt(Math.max(seed.learners.count[lu] - inH, 1)));
    const su = lu * d;
    const sc = seed.rowItem[r] * d;
    const self = it * d;
    let reg = 0;
    for (let k = 0; k < d; k++) {
      const uk = (sums[su + k] - inH * L[self + k]) * scale;
      const ck = courseSums[sc + k];
      uRow[k] = uk;
      x[k] = uk * ck;
      reg += uk * uk + ck * ck;
    }
    return reg;
  }

  private seedBackward(seed: SeedBatch, r: number, it: number, reg2: number): void {
    const d = this.s.dim;
    const { dx, uRow, courseSums, dSums, dCourseSums } = this;
    const gL = this.g.learner;
    const lu = seed.rowUser[r];
    const inH = seed.inHist[r];
    const scale = Math.fround(1 / Math.sqrt(Math.max(seed.learners.count[lu] - inH, 1)));
    const su = lu * d;
    const sc = seed.rowItem[r] * d;
    const self = it * d;
    for (let k = 0; k < d; k++) {
      const ck = courseSums[sc + k];
      const uk = uRow[k];
      const du = (dx[k] * ck + reg2 * uk) * scale;
      dSums[su + k] += du;
      if (inH !== 0) gL[self + k] -= inH * du;
      dCourseSums[sc + k] += dx[k] * uk + reg2 * ck;
    }
  }

  async lossSum(): Promise<number> {
    return this.loss;
  }

  setLossSum(value: number): void {
    this.loss = value;
  }

  async weights(): Promise<ParamArrays> {
    return copyAll(this.w, this.names);
  }

  async adamState(): Promise<AdamArrays> {
    return { step: this.adamStep, m: copyAll(this.m, this.names), v: copyAll(this.v, this.names) };
  }

  setWeights(weights: ParamArrays): void {
    for (const n of this.names) {
      if (weights[n]?.length !== this.w[n].length)
        throw new InvalidArgumentError(`fused-cpu: weight '${n}' must hold ${this.w[n].length} values`);
      this.w[n].set(weights[n]);
    }
  }

  dispose(): void {}
}

function sumOfSquares(a: Float32Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k] * a[k];
  return s;
}

function copyAll(src: ParamArrays, names: readonly string[]): ParamArrays {
  return Object.fromEntries(names.map((n) => [n, src[n].slice()]));
}
