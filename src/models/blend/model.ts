/**
 * The course blender: NCF (the seed variant by default) and GLMix merged into one list. Each part is
 * first fitted without each member's latest watch; a logistic regression on that held-out validation
 * split learns how much each part's score is worth; then both parts are refitted on everything. Each
 * recommendation carries a reason from the part that contributed most.
 */
import { currentBackend, type BackendName } from '../../backend';
import { leaveOneOutLatest, Rng, type InteractionLog } from '../../data';
import { InvalidArgumentError } from '../../errors';
import { GlmixModel, type CourseData, type GlmixConfig } from '../glmix';
import { relevantWatches } from '../glmix/relevant';
import { NcfModel, type NcfConfig } from '../ncf';
import { coWatchRows, type WeightedRows } from '../ncf/inputs';
import type { FitOptions, FitResult, ModelState, Ranked, RecommendOptions, Recommender } from '../recommender';
import { Catalogue } from '../shared/catalogue';
import { reportError } from '../shared/instant-fit';
import { userItemRows } from '../shared/rows';
import { topK } from '../shared/topk';
import { checkK, checkPairs, throwIfAborted } from '../shared/validate';
import { reasonFor, type Reason } from './reasons';
import { blendScore, fitBlendWeights, type BlendWeights } from './weights';

/** Options of the blender: each part's options. */
export interface BlendConfig {
  ncf?: NcfConfig;
  glmix?: GlmixConfig;
  /** Seed of the validation negatives (default 42). */
  seed?: number;
}

/** A recommendation list with a reason per item and each part's score. */
export interface ExplainedRanked extends Ranked {
  reasons: Reason[];
  ncf: Float32Array;
  glmix: Float32Array;
}

/** The blended course recommender. */
export class BlendModel implements Recommender<CourseData> {
  readonly kind = 'blend';
  private ncf: NcfModel | null = null;
  private glmix: GlmixModel | null = null;
  private weights: BlendWeights | null = null;
  private catalogue = new Catalogue();
  private coWatch: WeightedRows | null = null;
  private courseName: (i: number) => string = (i) => `course ${i}`;

  constructor(private readonly config: BlendConfig = {}) {}

  /** The learned weights of the parts (NCF, GLMix), standardised; null before a fit. */
  get learned(): BlendWeights | null {
    return this.weights;
  }

  /** The fitted parts (for side-by-side figures). */
  get parts(): { ncf: NcfModel | null; glmix: GlmixModel | null } {
    return { ncf: this.ncf, glmix: this.glmix };
  }

  /** Names courses in reasons (default "course i"). */
  setCourseNames(name: (item: number) => string): void {
    this.courseName = name;
  }

  async fit(data: CourseData, options: FitOptions = {}): Promise<FitResult> {
    const backend: BackendName = currentBackend() ?? 'cpu';
    const started = performance.now();
    const { onProgress, signal } = options;
    try {
      onProgress?.({ status: 'start', backend, epochs: 2, samples: data.log.length });
      const split = leaveOneOutLatest(data.log);
      const trainData = { ...data, log: split.train };
      const probe = await this.fitParts(trainData, signal);
      const rows = validationRows(data, split.testItem, this.config.seed ?? 42);
      if (rows.y.every((v) => v === rows.y[0])) throw new InvalidArgumentError('blend: the validation split needs both relevant and other watches');
      const x = [await probe.ncf.score(rows.users, rows.items), await probe.glmix.score(rows.users, rows.items)];
      probe.ncf.dispose();
      probe.glmix.dispose();
      this.weights = fitBlendWeights(x, rows.y);
      onProgress?.({ status: 'epoch', backend, epoch: 1, epochs: 2, loss: NaN, samplesPerSec: rows.y.length });
      const full = await this.fitParts(data, signal);
      this.release();
      Object.assign(this, full);
      this.catalogue = Catalogue.fromLog(relevantWatches(data));
      this.coWatch = coWatchRows(userItemRows(relevantWatches(data)), 20);
      const seconds = (performance.now() - started) / 1000;
      onProgress?.({ status: 'epoch', backend, epoch: 2, epochs: 2, loss: NaN, samplesPerSec: data.log.length / seconds });
      onProgress?.({ status: 'done', backend, epochs: 2, loss: NaN, seconds });
      return { epochs: 2, loss: NaN, seconds, backend };
    } catch (err) {
      reportError(onProgress, err);
      throw err;
    }
  }

  private async fitParts(data: CourseData, signal?: AbortSignal): Promise<{ ncf: NcfModel; glmix: GlmixModel }> {
    const ncf = new NcfModel('seed', this.config.ncf);
    const glmix = new GlmixModel(this.config.glmix);
    try {
      // The positives keep the full id maps, so both parts index members and courses alike.
      await ncf.fit(relevantWatches(data), { signal });
      throwIfAborted(signal, 'blend fit');
      await glmix.fit(data, { signal });
      return { ncf, glmix };
    } catch (err) {
      ncf.dispose();
      glmix.dispose();
      throw err;
    }
  }

  async score(users: Int32Array, items: Int32Array): Promise<Float32Array> {
    checkPairs(users, items, this.catalogue.nUsers, this.catalogue.nItems);
    const { ncf, glmix } = await this.partScores(users, items);
    return ncf.map((v, k) => blendScore(this.weights as BlendWeights, [v, glmix[k]]));
  }

  async recommend(user: number, options: RecommendOptions = {}): Promise<Ranked> {
    const r = await this.explain(user, options);
    return { items: r.items, scores: r.scores };
  }

  /** Top-k with each item's reason and part scores. */
  async explain(user: number, options: RecommendOptions = {}): Promise<ExplainedRanked> {
    const k = checkK(options.k);
    this.catalogue.checkUser(user);
    const items = this.catalogue.candidates(user, options);
    const users = new Int32Array(items.length).fill(user);
    const parts = await this.partScores(users, items);
    const bw = this.weights as BlendWeights;
    const scores = parts.ncf.map((v, t) => blendScore(bw, [v, parts.glmix[t]]));
    const top = topK(items, scores, k);
    const at = new Map(Array.from(items, (i, t) => [i, t]));
    const pick = (a: Float32Array) => Float32Array.from(top.items, (i) => a[at.get(i) as number]);
    const history = this.catalogue.history;
    const reasons = Array.from(top.items, (i) => {
      const t = at.get(i) as number;
      const n = Math.abs((bw.w[0] * (parts.ncf[t] - bw.mean[0])) / bw.std[0]);
      const g = Math.abs((bw.w[1] * (parts.glmix[t] - bw.mean[1])) / bw.std[1]);
      const side = this.glmix?.features ?? null;
      return reasonFor(user, i, n / (n + g || 1), history ?? emptyRows(), this.coWatch as WeightedRows, side, { course: this.courseName });
    });
    return { ...top, reasons, ncf: pick(parts.ncf), glmix: pick(parts.glmix) };
  }

  private async partScores(users: Int32Array, items: Int32Array): Promise<{ ncf: Float32Array; glmix: Float32Array }> {
    if (!this.ncf || !this.glmix || !this.weights) throw new InvalidArgumentError('blend: fit the model first');
    return { ncf: await this.ncf.score(users, items), glmix: await this.glmix.score(users, items) };
  }

  async toState(): Promise<ModelState> {
    throw new InvalidArgumentError('blend: save its parts (ncf, glmix) and weights separately');
  }

  async fromState(_state: ModelState): Promise<void> {
    throw new InvalidArgumentError('blend: load its parts (ncf, glmix) separately');
  }

  dispose(): void {
    this.release();
    this.catalogue = new Catalogue();
  }

  private release(): void {
    this.ncf?.dispose();
    this.glmix?.dispose();
    this.ncf = null;
    this.glmix = null;
  }
}

/** Held-out watches (label: past the threshold) and 3 sampled unwatched courses each (label 0). */
function validationRows(data: CourseData, testItem: Int32Array, seed: number): { users: Int32Array; items: Int32Array; y: Float32Array } {
  const rng = new Rng(seed).fork('blend-validation');
  const seen = userItemRows(data.log);
  const users: number[] = [];
  const items: number[] = [];
  const y: number[] = [];
  const latestSeconds = latestWatchSeconds(data.log);
  const nItems = data.log.itemIds.size;
  testItem.forEach((i, u) => {
    if (i < 0) return;
    users.push(u), items.push(i), y.push(latestSeconds[u] >= data.relevantSeconds ? 1 : 0);
    for (let j = 0; j < 3 && seen.indptr[u + 1] - seen.indptr[u] < nItems; j++) {
      let c = rng.int(nItems);
      while (seen.indices.subarray(seen.indptr[u], seen.indptr[u + 1]).includes(c)) c = rng.int(nItems);
      users.push(u), items.push(c), y.push(0);
    }
  });
  return { users: Int32Array.from(users), items: Int32Array.from(items), y: Float32Array.from(y) };
}

/** Seconds of each user's latest watch (the one leaveOneOutLatest holds out). */
function latestWatchSeconds(log: InteractionLog): Float32Array {
  const out = new Float32Array(log.userIds.size);
  const t = new Float64Array(log.userIds.size).fill(-Infinity);
  for (let k = 0; k < log.length; k++) if (log.times[k] >= t[log.users[k]]) (t[log.users[k]] = log.times[k]), (out[log.users[k]] = log.values[k]);
  return out;
}

function emptyRows() {
  return { nRows: 0, nCols: 0, indptr: new Int32Array(1), indices: new Int32Array(0) };
}
