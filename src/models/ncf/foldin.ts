/**
 * NCF for a person known only by a history (issue 10), on the host with the frozen weights read once
 * per fitted or loaded model.
 *
 * - Seed-NCF (`'ncf'`) needs no solving — the documented path: its learner tower reads the watched
 *   courses. The learner input is the history's latest `window` distinct courses (by `times`, else by
 *   position: later entries are later; ties to the later entry), exactly as `learnerRows` builds a
 *   training learner's; `foldIn` returns method `'native'` and as vector the pooled learner
 *   representation Σ learner[i] / √n (zeros for an empty history: item-side scores only).
 * - GMF, MLP, NeuMF fold the person in: their user rows (GMF `[p_gmf]`, MLP `[p_mlp]`, NeuMF
 *   `[p_gmf…, p_mlp…]`) minimise the training loss on the history with everything else frozen, by the
 *   shared damped Newton / Gauss–Newton solver (`foldin-newton.ts`): GMF's logit is linear in its row,
 *   so that is Newton's method; the MLP tower is Fisher scoring with the exact per-item Jacobian
 *   (backpropagated on the host). Negatives and L2 as MF's fold-in: every unseen item weighted
 *   negatives·|P|/(nItems − |P|), λ = l2·|P|·(1 + negatives) on the user rows. At most
 *   {@link NCF_FRESH_STEPS} steps fresh, {@link NCF_WARM_STEPS} from `warm`. Empty history: zero rows.
 * - With the time context (`timeWindowDays` > 0) the person is scored at their latest `times` entry
 *   (a training learner at their latest watch); without `times`, at the latest day of the training data.
 */
import type { FoldedUser, History } from '../recommender.ts';
import { negativeWeight, solveFoldIn } from '../shared/foldin-newton.ts';
import { checkFolded, distinctItems, type HostFoldIn } from '../shared/history.ts';
import type { NcfSettings } from './config.ts';
import type { PaddedRows } from './forward.ts';
import type { ParamArrays } from './params.ts';
import { recentWatches, type Timeline } from './timeline.ts';

/** Most solver steps of a fresh fold-in. */
export const NCF_FRESH_STEPS = 10;
/** Most solver steps from a warm start. */
export const NCF_WARM_STEPS = 3;

const DAY = 86_400;

/** One NCF model's frozen side on the host. */
export class NcfFoldIn implements HostFoldIn {
  readonly nItems: number;
  /** Seed: every course's tower vector (nItems × dim). */
  private courseVecs: Float32Array | null = null;
  /** MLP: every item's first-layer item part Q_mlp·W1[e:] (nItems × layers[1]). */
  private itemPart: Float64Array | null = null;
  /** GMF columns of the Jacobian (dim × nItems, column-major), constant. */
  private gmfJac: Float64Array | null = null;

  constructor(
    private readonly kind: string,
    private readonly s: NcfSettings,
    private readonly p: ParamArrays,
    allCourses: PaddedRows | null,
    private readonly timeline: Timeline | null,
  ) {
    this.nItems = p.itemBias.length;
    if (s.arch === 'seed' && allCourses) this.courseVecs = rowSums(p.course, s.dim, allCourses);
    const n = this.nItems;
    if (p.gmfUser) {
      this.gmfJac = new Float64Array(s.dim * n);
      for (let j = 0; j < n; j++)
        for (let k = 0; k < s.dim; k++) this.gmfJac[k * n + j] = p.h[k] * p.gmfItem[j * s.dim + k];
    }
    if (p.mlpUser && s.layers.length > 1) {
      const e = s.layers[0] / 2;
      const h1 = s.layers[1];
      this.itemPart = new Float64Array(n * h1);
      for (let j = 0; j < n; j++)
        for (let o = 0; o < h1; o++) {
          let sum = 0;
          for (let k = 0; k < e; k++) sum += p.mlpItem[j * e + k] * p.w1[(e + k) * h1 + o];
          this.itemPart[j * h1 + o] = sum;
        }
    }
  }

  /** Length of a folded vector: the user rows solved (seed: the pooled learner vector). */
  get width(): number {
    const { arch, dim, layers } = this.s;
    return arch === 'seed' || arch === 'gmf' ? dim : arch === 'mlp' ? layers[0] / 2 : dim + layers[0] / 2;
  }

  /** The person's user-side vector (see the module comment); `history` checked by the caller. */
  foldIn(history: History, warm?: FoldedUser): FoldedUser {
    if (this.s.arch === 'seed')
      return { kind: this.kind, vector: this.pooledLearner(history), method: 'native', iterations: 0, loss: NaN };
    const D = this.width;
    const positives = distinctItems(history);
    if (positives.length === 0)
      return { kind: this.kind, vector: new Float32Array(D), method: 'newton', iterations: 0, loss: 0 };
    if (warm) checkFolded(warm, this.kind, D);
    const n = this.nItems;
    const offset = this.offsets(history);
    const rows = positives.length * (1 + (positives.length < n ? this.s.negatives : 0));
    const solution = solveFoldIn(
      {
        nItems: n,
        dim: D,
        positives,
        negWeight: negativeWeight(this.s.negatives, positives.length, n),
        ridge: new Float64Array(D).fill(this.s.l2 * rows),
        logits: (x, z) => this.idLogits(x, offset, z, null),
        jacobian: (x) => {
          const J = new Float64Array(D * n);
          this.idLogits(x, offset, new Float64Array(n), J);
          return J;
        },
      },
      warm ? { x0: Float64Array.from(warm.vector), maxIter: NCF_WARM_STEPS } : { maxIter: NCF_FRESH_STEPS },
    );
    const method = this.s.arch === 'gmf' ? 'newton' : 'gauss-newton';
    return {
      kind: this.kind,
      vector: Float32Array.from(solution.x),
      method,
      iterations: solution.iterations,
      loss: solution.loss,
    };
  }

  /** Every item's score for the person: `vector` from {@link foldIn} of this history. */
  scores(history: History, vector: Float32Array): Float32Array {
    const offset = this.offsets(history);
    const n = this.nItems;
    const z = new Float64Array(n);
    if (this.s.arch === 'seed') {
      const d = this.s.dim;
      const c = this.courseVecs as Float32Array;
      const uh = Float64Array.from(vector, (v, k) => v * this.p.h[k]);
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let k = 0; k < d; k++) sum += uh[k] * c[j * d + k];
        z[j] = sum + offset[j];
      }
    } else this.idLogits(Float64Array.from(vector), offset, z, null);
    return Float32Array.from(z);
  }

  /** Seed: Σ learner[i] / √n over the history's latest `window` distinct courses. */
  private pooledLearner(history: History): Float32Array {
    const d = this.s.dim;
    const items = latestDistinct(history, this.s.window);
    const u = new Float64Array(d);
    for (const i of items) for (let k = 0; k < d; k++) u[k] += this.p.learner[i * d + k];
    const norm = 1 / Math.sqrt(Math.max(items.length, 1));
    return Float32Array.from(u, (v) => v * norm);
  }

  /** Item bias plus the time-context term at the person's moment. */
  private offsets(history: History): Float64Array {
    const out = Float64Array.from(this.p.itemBias);
    const t = this.timeline;
    if (!t || !this.p.timeW || this.s.timeWindowDays <= 0) return out;
    const day = momentDay(history, t);
    const w = this.p.timeW[0];
    for (let j = 0; j < out.length; j++) out[j] += w * recentWatches(t, j, day, this.s.timeWindowDays, 0);
    return out;
  }

  /**
   * GMF / MLP / NeuMF logits at user rows `x` into `z`; with `J` also ∂z/∂x (column-major): GMF's
   * columns constant, the MLP's backpropagated through the ReLU layers per item.
   */
  private idLogits(x: Float64Array, offset: Float64Array, z: Float64Array, J: Float64Array | null): void {
    const { s, p } = this;
    const n = this.nItems;
    z.set(offset);
    let at = 0;
    if (p.gmfUser) {
      const d = s.dim;
      const hx = Float64Array.from({ length: d }, (_, k) => p.h[k] * x[k]);
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let k = 0; k < d; k++) sum += hx[k] * p.gmfItem[j * d + k];
        z[j] += sum;
      }
      if (J) J.set(this.gmfJac as Float64Array, 0);
      at = d;
    }
    if (p.mlpUser) this.mlpLogits(x, at, z, J);
  }

  /** The MLP tower's part: user row `x[at…]`, head `h[at…]`. */
  private mlpLogits(x: Float64Array, at: number, z: Float64Array, J: Float64Array | null): void {
    const { s, p } = this;
    const n = this.nItems;
    const e = s.layers[0] / 2;
    const hm = p.h.subarray(at);
    if (s.layers.length === 1) {
      // No hidden layer: the head reads the concatenation directly, linear in x.
      let ux = 0;
      for (let k = 0; k < e; k++) ux += hm[k] * x[at + k];
      for (let j = 0; j < n; j++) {
        let sum = ux;
        for (let k = 0; k < e; k++) sum += hm[e + k] * p.mlpItem[j * e + k];
        z[j] += sum;
      }
      if (J) for (let k = 0; k < e; k++) J.fill(hm[k], (at + k) * n, (at + k + 1) * n);
      return;
    }
    const widths = s.layers;
    const L = widths.length - 1;
    const h1 = widths[1];
    const userPart = new Float64Array(h1);
    for (let o = 0; o < h1; o++) {
      let sum = p.b1[o];
      for (let k = 0; k < e; k++) sum += x[at + k] * p.w1[k * h1 + o];
      userPart[o] = sum;
    }
    const acts = widths.map((w) => new Float64Array(w)); // acts[l] = a_l (l ≥ 1)
    const grads = widths.map((w) => new Float64Array(w));
    const itemPart = this.itemPart as Float64Array;
    for (let j = 0; j < n; j++) {
      const a1 = acts[1];
      for (let o = 0; o < h1; o++) a1[o] = Math.max(0, userPart[o] + itemPart[j * h1 + o]);
      for (let l = 2; l <= L; l++) {
        const inW = widths[l - 1];
        const outW = widths[l];
        const w = p[`w${l}`];
        const b = p[`b${l}`];
        const prev = acts[l - 1];
        const cur = acts[l];
        for (let o = 0; o < outW; o++) {
          let sum = b[o];
          for (let i = 0; i < inW; i++) sum += prev[i] * w[i * outW + o];
          cur[o] = Math.max(0, sum);
        }
      }
      let out = 0;
      const top = acts[L];
      for (let o = 0; o < widths[L]; o++) out += top[o] * hm[o];
      z[j] += out;
      if (!J) continue;
      // Backward: ∂z/∂pre_l = ∂z/∂a_l ⊙ [a_l > 0]; ∂z/∂a_{l−1} = W_l · ∂z/∂pre_l; ∂z/∂x = W1[:e] · ∂z/∂pre_1.
      const gTop = grads[L];
      for (let o = 0; o < widths[L]; o++) gTop[o] = top[o] > 0 ? hm[o] : 0;
      for (let l = L; l >= 2; l--) {
        const inW = widths[l - 1];
        const outW = widths[l];
        const w = p[`w${l}`];
        const g = grads[l];
        const below = grads[l - 1];
        const prev = acts[l - 1];
        for (let i = 0; i < inW; i++) {
          if (prev[i] <= 0) {
            below[i] = 0;
            continue;
          }
          let sum = 0;
          for (let o = 0; o < outW; o++) sum += w[i * outW + o] * g[o];
          below[i] = sum;
        }
      }
      const g1 = grads[1];
      for (let k = 0; k < e; k++) {
        let sum = 0;
        for (let o = 0; o < h1; o++) sum += p.w1[k * h1 + o] * g1[o];
        J[(at + k) * n + j] = sum;
      }
    }
  }
}

/** The day a person is scored at: their latest `times` entry, else the training data's latest day. */
function momentDay(history: History, t: Timeline): number {
  const times = history.times;
  if (times && times.length > 0) {
    let latest = -Infinity;
    for (let k = 0; k < times.length; k++) latest = Math.max(latest, times[k]);
    return latest / DAY;
  }
  let latest = 0;
  for (let u = 0; u < t.learnerDay.length; u++) latest = Math.max(latest, t.learnerDay[u]);
  return latest;
}

/**
 * The latest `window` distinct items of `history` (0 = all), ascending — `learnerRows`' rule: by time
 * (ties to the later entry), or by position when `times` is absent.
 */
export function latestDistinct(history: History, window: number): Int32Array {
  const { items, times } = history;
  const order = Array.from(items.keys());
  order.sort((a, b) => (times ? times[b] - times[a] : 0) || b - a);
  const kept = new Set<number>();
  for (const k of order) {
    if (window > 0 && kept.size >= window) break;
    kept.add(items[k]);
  }
  return Int32Array.from(kept).sort();
}

/** Σ w · table[idx] per padded row (the course tower's vectors), float32 like the device path. */
function rowSums(table: Float32Array, d: number, rows: PaddedRows): Float32Array {
  const out = new Float32Array(rows.n * d);
  const acc = new Float64Array(d);
  for (let r = 0; r < rows.n; r++) {
    acc.fill(0);
    for (let t = 0; t < rows.width; t++) {
      const w = rows.w[r * rows.width + t];
      if (w === 0) continue;
      const i = rows.idx[r * rows.width + t];
      for (let k = 0; k < d; k++) acc[k] += w * table[i * d + k];
    }
    out.set(acc, r * d);
  }
  return out;
}
