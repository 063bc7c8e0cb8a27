/**
 * The second-pass ranker: logistic regression on hashed sparse features, P(interact | member, update),
 * trained by per-example AdaGrad with L2 on plain typed arrays (fast on the host, no tensors to
 * dispose). It follows the model interface's lifecycle — `fit` with progress and abort, `toState` /
 * `fromState`, `dispose` — but scores feature rows (member, update, time, FPR score), not (user, item)
 * pairs, so it is not a registry `Recommender<InteractionLog>`; the feed pipeline calls `predictRow`.
 */
import { Rng } from '../../../data/rng.ts';
import { AbortError } from '../../../errors.ts';
import type { FitOptions, FitResult, ModelState } from '../../../models/recommender.ts';
import { checkKindAndVersion, floatTensor, readFloat } from '../../../models/shared/state.ts';
import { checkInteger, checkNonNegative } from '../../../models/shared/state-checks.ts';
import { SPR_KIND, SPR_STATE_VERSION } from '../../../models/state-kinds.ts';
import { resolveSprConfig, type SprConfig, type SprSettings } from './config.ts';
import type { SprDataset } from './dataset.ts';
import { GROUP_COUNT } from './groups.ts';

// Kind and version live in the state-kind table (models never import a system); re-exported here.
export { SPR_KIND, SPR_STATE_VERSION };

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
const EPS = 1e-8;

/** Hashed logistic-regression CTR model. */
export class SprModel {
  readonly kind = SPR_KIND;
  readonly settings: SprSettings;
  private weights: Float32Array;
  private accum: Float32Array;
  private epochsDone = 0;

  constructor(config: SprConfig = {}) {
    this.settings = resolveSprConfig(config);
    this.weights = new Float32Array(1 << this.settings.bits);
    this.accum = new Float32Array(1 << this.settings.bits);
  }

  /** Number of weights in the hashed table (2^bits). */
  get size(): number {
    return this.weights.length;
  }

  /** Mask of the hashed index space. */
  get mask(): number {
    return (1 << this.settings.bits) - 1;
  }

  /** Logit of one feature row. */
  logit(idx: ArrayLike<number>, val: ArrayLike<number>, lo: number, hi: number): number {
    let z = 0;
    for (let p = lo; p < hi; p++) z += this.weights[idx[p]] * val[p];
    return z;
  }

  /** pCTR of one feature row. */
  predictRow(idx: ArrayLike<number>, val: ArrayLike<number>, lo: number, hi: number): number {
    return sigmoid(this.logit(idx, val, lo, hi));
  }

  /**
   * Each group's additive share of the logit of one row (index = `FeatureGroup` code); with `size`,
   * any other per-feature key below it (e.g. the feature template codes).
   */
  contributions(
    idx: ArrayLike<number>,
    val: ArrayLike<number>,
    grp: ArrayLike<number>,
    lo: number,
    hi: number,
    size: number = GROUP_COUNT,
  ): Float64Array {
    const out = new Float64Array(size);
    for (let p = lo; p < hi; p++) out[grp[p]] += this.weights[idx[p]] * val[p];
    return out;
  }

  /** pCTR of every row of a dataset. */
  predict(d: SprDataset): Float64Array {
    return Float64Array.from({ length: d.count }, (_, r) =>
      this.predictRow(d.idx, d.val, d.offsets[r], d.offsets[r + 1]),
    );
  }

  /** Trains `epochs` more passes (resuming after `fromState`); reports an epoch event per pass. */
  async fit(d: SprDataset, options: FitOptions = {}): Promise<FitResult> {
    const { epochs, seed } = this.settings,
      t0 = performance.now();
    options.onProgress?.({ status: 'start', backend: 'cpu', epochs, samples: d.count });
    const order = Uint32Array.from({ length: d.count }, (_, i) => i);
    let loss = NaN;
    for (let e = this.epochsDone; e < epochs; e++) {
      if (options.signal?.aborted) throw new AbortError('spr training aborted');
      const te = performance.now();
      new Rng(seed).fork(e).shuffle(order);
      loss = this.epoch(d, order);
      this.epochsDone = e + 1;
      const sec = Math.max(1e-9, (performance.now() - te) / 1000);
      options.onProgress?.({
        status: 'epoch',
        backend: 'cpu',
        epoch: e + 1,
        epochs,
        loss,
        samplesPerSec: d.count / sec,
      });
      await new Promise((r) => setTimeout(r, 0)); // let an abort or a progress message through
    }
    const seconds = (performance.now() - t0) / 1000;
    options.onProgress?.({ status: 'done', backend: 'cpu', epochs, loss, seconds });
    return { epochs, loss, seconds, backend: 'cpu' };
  }

  /** One AdaGrad pass; returns the mean log-loss seen during the pass. */
  private epoch(d: SprDataset, order: Uint32Array): number {
    const w = this.weights,
      G = this.accum,
      { l2, learningRate: lr } = this.settings;
    let loss = 0;
    for (const r of order) {
      const lo = d.offsets[r],
        hi = d.offsets[r + 1],
        y = d.labels[r];
      const p = sigmoid(this.logit(d.idx, d.val, lo, hi));
      loss -= Math.log(y ? Math.max(p, 1e-12) : Math.max(1 - p, 1e-12));
      const g = p - y;
      for (let q = lo; q < hi; q++) {
        const i = d.idx[q],
          grad = g * d.val[q] + l2 * w[i];
        G[i] += grad * grad;
        w[i] -= (lr * grad) / Math.sqrt(G[i] + EPS);
      }
    }
    return loss / Math.max(1, d.count);
  }

  /** A snapshot (copies of the weight and AdaGrad tables). */
  async toState(): Promise<ModelState> {
    const n = this.weights.length,
      s = this.settings;
    return {
      kind: SPR_KIND,
      stateVersion: SPR_STATE_VERSION,
      config: { bits: s.bits, l2: s.l2, learningRate: s.learningRate, epochs: s.epochs, seed: s.seed },
      tensors: { weights: floatTensor(this.weights.slice(), [n]), accum: floatTensor(this.accum.slice(), [n]) },
      meta: { epochsDone: this.epochsDone },
    };
  }

  /**
   * Restores a snapshot of the same `bits`: finite weights, AdaGrad sums >= 0 (a step divides by
   * their root), a whole number of epochs done.
   * @throws StateVersionError for another version; StateFormatError naming a malformed field.
   */
  async fromState(state: ModelState): Promise<void> {
    checkKindAndVersion(state, SPR_KIND, SPR_STATE_VERSION);
    const n = 1 << this.settings.bits;
    const weights = readFloat(state, 'weights', [n]);
    const accum = readFloat(state, 'accum', [n]);
    checkNonNegative(SPR_KIND, 'tensors.accum', accum);
    const done = state.meta.epochsDone;
    const epochsDone = done === undefined ? 0 : checkInteger(SPR_KIND, 'meta.epochsDone', done, 0, 2 ** 31 - 1);
    this.weights = weights.slice();
    this.accum = accum.slice();
    this.epochsDone = epochsDone;
  }

  /** Releases the weight tables. */
  dispose(): void {
    this.weights = new Float32Array(0);
    this.accum = new Float32Array(0);
  }
}
