/**
 * The course blender: NCF (the seed variant by default) and GLMix merged into one list. Each part is
 * first fitted without each member's latest watch; a logistic regression on that held-out validation
 * split learns how much each part's score is worth; then both parts are refitted on everything. Each
 * recommendation carries a reason from the part that contributed most. Saved whole (see `state.ts`).
 */
import { currentBackend, type BackendName } from '../../backend/index.ts';
import { leaveOneOutLatest, userItemRows, type SparseRows } from '../../data/index.ts';
import { InvalidArgumentError } from '../../errors.ts';
import { GlmixModel, type CourseData, type GlmixConfig } from '../glmix/index.ts';
import { relevantWatches } from '../glmix/relevant.ts';
import { NcfModel, type NcfConfig } from '../ncf/index.ts';
import { coWatchRows } from '../ncf/inputs.ts';
import type {
  FitOptions,
  FitResult,
  FoldedUser,
  History,
  ModelState,
  Ranked,
  RecommendForOptions,
  RecommendOptions,
  Recommender,
} from '../recommender.ts';
import type { GlmixFoldedUser } from '../glmix/index.ts';
import { personSide } from '../glmix/person.ts';
import { checkHistory, historyCandidates } from '../shared/history.ts';
import { Catalogue } from '../shared/catalogue.ts';
import { reportError } from '../shared/instant-fit.ts';
import { topK } from '../shared/topk.ts';
import { checkK, checkLog, checkPairs, throwIfAborted } from '../shared/validate.ts';
import { reasonFor, type Reason } from './reasons.ts';
import { BLEND_KIND, decodeBlendState, encodeBlendState } from './state.ts';
import { validationRows } from './validation.ts';
import { blendScore, fitBlendWeights, type BlendWeights } from './weights.ts';

/** Options of the blender: each part's options. */
export interface BlendConfig {
  ncf?: NcfConfig;
  glmix?: GlmixConfig;
  /** Seed of the validation negatives (default 42). */
  seed?: number;
}

/** How the blender loads its parts' states. */
export interface BlendOptions {
  /** Brings a part's stored state to its kind's current version (the registry passes `upgradeState`). */
  upgradePart?: (state: ModelState) => ModelState;
}

/** A recommendation list with a reason per item and each part's score. */
export interface ExplainedRanked extends Ranked {
  reasons: Reason[];
  ncf: Float32Array;
  glmix: Float32Array;
}

/**
 * A blend fold-in: each part's own fold-in in `parts`; `vector` is their concatenation, NCF's vector
 * first, then GLMix' member effect (its last `parts.glmix.vector.length` entries); method `'blend'`,
 * `iterations` the parts' sum, `loss` NaN (the parts' losses are in `parts`).
 */
export interface BlendFoldedUser extends FoldedUser {
  parts: { ncf: FoldedUser; glmix: GlmixFoldedUser };
}

/** Equal standardised weights: used only when the data has no validation split with both labels. */
const FALLBACK_WEIGHTS: BlendWeights = { bias: 0, w: [1, 1], mean: [0, 0], std: [1, 1] };

/** The blended course recommender. */
export class BlendModel implements Recommender<CourseData> {
  readonly kind = BLEND_KIND;
  private ncf: NcfModel | null = null;
  private glmix: GlmixModel | null = null;
  private weights: BlendWeights | null = null;
  private weightsLearned = true;
  private catalogue = new Catalogue();
  private coWatch: Required<SparseRows> | null = null;
  private titles: readonly string[] | null = null;
  private courseName: ((i: number) => string) | null = null;
  private readonly upgradePart: (state: ModelState) => ModelState;

  constructor(
    private config: BlendConfig = {},
    options: BlendOptions = {},
  ) {
    this.upgradePart = options.upgradePart ?? ((s) => s);
  }

  /** The learned weights of the parts (NCF, GLMix), standardised; null before a fit. */
  get learned(): BlendWeights | null {
    return this.weights;
  }

  /** The fitted parts (for side-by-side figures). */
  get parts(): { ncf: NcfModel | null; glmix: GlmixModel | null } {
    return { ncf: this.ncf, glmix: this.glmix };
  }

  /** Names courses in reasons (default: `data.courseNames` of the fit, else "course i"). */
  setCourseNames(name: (item: number) => string): void {
    this.courseName = name;
  }

  async fit(data: CourseData, options: FitOptions = {}): Promise<FitResult> {
    const backend: BackendName = currentBackend() ?? 'cpu';
    const started = performance.now();
    const { onProgress, signal } = options;
    try {
      checkLog(data.log, this.kind);
      throwIfAborted(signal, 'blend fit');
      onProgress?.({ status: 'start', backend, epochs: 2, samples: data.log.length });
      const split = leaveOneOutLatest(data.log);
      const rows = validationRows(data, split.testItem, this.config.seed ?? 42);
      // A log too small for a split with both labels (e.g. one watch) gets equal weights instead.
      const learnable = rows.y.some((v) => v !== rows.y[0]);
      let weights = FALLBACK_WEIGHTS;
      let loss = NaN;
      if (learnable) {
        const probe = await this.fitParts({ ...data, log: split.train }, signal);
        try {
          const x = [await probe.ncf.score(rows.users, rows.items), await probe.glmix.score(rows.users, rows.items)];
          weights = fitBlendWeights(x, rows.y);
          loss = blendLogLoss(weights, x, rows.y);
          // Reported while the probe is alive, so both epochs see the same tensor count.
          onProgress?.({
            status: 'epoch',
            backend,
            epoch: 1,
            epochs: 2,
            loss,
            samplesPerSec: rows.y.length / secondsSince(started),
          });
        } finally {
          probe.ncf.dispose();
          probe.glmix.dispose();
        }
      } else onProgress?.({ status: 'epoch', backend, epoch: 1, epochs: 2, loss, samplesPerSec: 0 });
      const full = await this.fitParts(data, signal);
      // Commit only now: an aborted or failed fit leaves the previous model whole.
      this.release();
      Object.assign(this, full, { weights, weightsLearned: learnable, titles: data.courseNames ?? null });
      const positives = relevantWatches(data);
      this.catalogue = Catalogue.fromLog(positives);
      this.coWatch = coWatchRows(userItemRows(positives), 20);
      const seconds = secondsSince(started);
      onProgress?.({ status: 'epoch', backend, epoch: 2, epochs: 2, loss, samplesPerSec: data.log.length / seconds });
      onProgress?.({ status: 'done', backend, epochs: 2, loss, seconds });
      return { epochs: 2, loss, seconds, backend };
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
      return reasonFor(user, i, n / (n + g || 1), history ?? emptyRows(), this.coWatch as Required<SparseRows>, side, {
        course: (c) => this.title(c),
      });
    });
    return { ...top, reasons, ncf: pick(parts.ncf), glmix: pick(parts.glmix) };
  }

  /**
   * Folds the person into each part: NCF from the history's relevant watches (what it trains on:
   * durations past GLMix' threshold, every item without durations), GLMix from the whole history and
   * its features. See {@link BlendFoldedUser} for the layout.
   */
  async foldIn(history: History, warm?: FoldedUser): Promise<BlendFoldedUser> {
    const { ncf, glmix } = this.fittedParts();
    checkHistory(history, this.catalogue.nItems, this.kind);
    if (!ncf.foldIn || !glmix.foldIn) throw new InvalidArgumentError('blend: a part cannot fold a person in');
    const prior = warm ? blendParts(warm) : undefined;
    const n = await ncf.foldIn(this.relevantOnly(history), prior?.ncf);
    const g = await glmix.foldIn(history, prior?.glmix);
    const vector = new Float32Array(n.vector.length + g.vector.length);
    vector.set(n.vector);
    vector.set(g.vector, n.vector.length);
    return {
      kind: this.kind,
      vector,
      method: 'blend',
      iterations: n.iterations + g.iterations,
      loss: NaN,
      parts: { ncf: n, glmix: g },
    };
  }

  /** `recommend` for a person known by `history` (folded in unless `options.folded`, a blend fold-in). */
  async recommendFor(history: History, options: RecommendForOptions = {}): Promise<Ranked> {
    const r = await this.explainFor(history, options);
    return { items: r.items, scores: r.scores };
  }

  /** `explain` for a person known by `history`: reasons from their watches and features. */
  async explainFor(history: History, options: RecommendForOptions = {}): Promise<ExplainedRanked> {
    const k = checkK(options.k);
    const { ncf, glmix } = this.fittedParts();
    checkHistory(history, this.catalogue.nItems, this.kind);
    if (!ncf.recommendFor) throw new InvalidArgumentError('blend: the NCF part cannot rank a history');
    const folded = options.folded ? blendParts(options.folded) : (await this.foldIn(history)).parts;
    const nItems = this.catalogue.nItems;
    const items = historyCandidates(nItems, history, options);
    // NCF through its own recommendFor over the whole catalogue, back into item order.
    const ncfTop = await ncf.recommendFor(this.relevantOnly(history), { k: nItems, folded: folded.ncf });
    const ncfAll = new Float32Array(nItems);
    ncfTop.items.forEach((i, t) => (ncfAll[i] = ncfTop.scores[t]));
    const side = glmix.features as NonNullable<GlmixModel['features']>;
    const person = personSide(side, history.features).side;
    const glmixAll = glmix.scorePerson(person, folded.glmix);
    const bw = this.weights as BlendWeights;
    const scores = Float32Array.from(items, (i) => blendScore(bw, [ncfAll[i], glmixAll[i]]));
    const top = topK(items, scores, k);
    const watched = this.relevantOnly(history).items;
    const mine = { nRows: 1, nCols: nItems, indptr: Int32Array.of(0, watched.length), indices: watched };
    const reasons = Array.from(top.items, (i) => {
      const n = Math.abs((bw.w[0] * (ncfAll[i] - bw.mean[0])) / bw.std[0]);
      const g = Math.abs((bw.w[1] * (glmixAll[i] - bw.mean[1])) / bw.std[1]);
      return reasonFor(0, i, n / (n + g || 1), mine, this.coWatch as Required<SparseRows>, person, {
        course: (c) => this.title(c),
      });
    });
    const pick = (a: Float32Array) => Float32Array.from(top.items, (i) => a[i]);
    return { ...top, reasons, ncf: pick(ncfAll), glmix: pick(glmixAll) };
  }

  /** The history's relevant watches (NCF's positives); all of it without durations. */
  private relevantOnly(history: History): History {
    const d = history.durations;
    const side = this.glmix?.features;
    if (!d || !side) return { items: history.items, ...(history.times ? { times: history.times } : {}) };
    const keep = Array.from(d.keys()).filter((k) => d[k] >= side.relevantSeconds);
    return {
      items: Int32Array.from(keep, (k) => history.items[k]),
      ...(history.times ? { times: Float64Array.from(keep, (k) => (history.times as Float64Array)[k]) } : {}),
    };
  }

  private fittedParts(): { ncf: NcfModel; glmix: GlmixModel } {
    if (!this.ncf || !this.glmix || !this.weights) throw new InvalidArgumentError('blend: fit the model first');
    return { ncf: this.ncf, glmix: this.glmix };
  }

  private async partScores(users: Int32Array, items: Int32Array): Promise<{ ncf: Float32Array; glmix: Float32Array }> {
    if (!this.ncf || !this.glmix || !this.weights) throw new InvalidArgumentError('blend: fit the model first');
    return { ncf: await this.ncf.score(users, items), glmix: await this.glmix.score(users, items) };
  }

  async toState(): Promise<ModelState> {
    const config = { ...this.config } as ModelState['config'];
    if (!this.ncf || !this.glmix || !this.weights || !this.coWatch)
      return encodeBlendState(config, this.catalogue, null);
    const parts = { ncf: await this.ncf.toState(), glmix: await this.glmix.toState() };
    return encodeBlendState(config, this.catalogue, {
      weights: this.weights,
      coWatch: this.coWatch,
      parts,
      courseNames: this.titles,
      learned: this.weightsLearned,
    });
  }

  async fromState(state: ModelState): Promise<void> {
    const { catalogue, fitted } = decodeBlendState(state, this.upgradePart);
    let loaded: { ncf: NcfModel; glmix: GlmixModel } | null = null;
    if (fitted) {
      const ncf = new NcfModel('seed', fitted.parts.ncf.config as NcfConfig);
      const glmix = new GlmixModel(fitted.parts.glmix.config as GlmixConfig);
      try {
        await ncf.fromState(fitted.parts.ncf);
        await glmix.fromState(fitted.parts.glmix);
      } catch (err) {
        ncf.dispose();
        glmix.dispose();
        throw err;
      }
      loaded = { ncf, glmix };
    }
    this.release();
    this.config = state.config as BlendConfig;
    this.catalogue = catalogue;
    Object.assign(this, loaded ?? {}, {
      weights: fitted?.weights ?? null,
      weightsLearned: fitted?.learned ?? true,
      coWatch: fitted?.coWatch ?? null,
      titles: fitted?.courseNames ?? null,
    });
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

  private title(item: number): string {
    return this.courseName?.(item) ?? this.titles?.[item] ?? `course ${item}`;
  }
}

/** The parts of a blend fold-in (from {@link BlendModel.foldIn}). */
function blendParts(folded: FoldedUser): BlendFoldedUser['parts'] {
  const parts = (folded as Partial<BlendFoldedUser>).parts;
  if (folded.kind !== BLEND_KIND || !parts?.ncf || !parts.glmix)
    throw new InvalidArgumentError(
      `blend: options.folded must be a blend fold-in (with its parts), got '${folded.kind}'`,
    );
  return parts;
}

function secondsSince(started: number): number {
  return Math.max((performance.now() - started) / 1000, 1e-6);
}

/** Mean log-loss of the blended scores on the validation rows (what the weights minimise, less L2). */
function blendLogLoss(bw: BlendWeights, x: Float32Array[], y: Float32Array): number {
  let s = 0;
  for (let k = 0; k < y.length; k++) {
    const z = blendScore(bw, [x[0][k], x[1][k]]);
    s += Math.log1p(Math.exp(-Math.abs(z))) + Math.max(z, 0) - y[k] * z;
  }
  return s / Math.max(y.length, 1);
}

function emptyRows() {
  return { nRows: 0, nCols: 0, indptr: new Int32Array(1), indices: new Int32Array(0) };
}
