/**
 * Most-popular: every user gets the items ranked by how many training interactions they have. The
 * floor every personalised model must clear; wraps the evaluation baseline `PopularityScorer`.
 */
import { toCsr, type InteractionLog } from '../../data/index.ts';
import { PopularityScorer } from './scorer.ts';
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
import { checkHistory, historyCandidates, nothingToFold } from '../shared/history.ts';
import { Catalogue } from '../shared/catalogue.ts';
import { instantFit } from '../shared/instant-fit.ts';
import { checkKindAndVersion, floatTensor, readFloat } from '../shared/state.ts';
import { checkKnownKeys, checkNonNegative } from '../shared/state-checks.ts';
import { pick, topK } from '../shared/topk.ts';
import { checkK, checkPairs } from '../shared/validate.ts';

/** Registry key of the most-popular model. */
export const POPULAR_KIND = 'popular';
/** Current state version: tensor `counts` [nItems] float32. */
export const POPULAR_STATE_VERSION = 1;

/** Most-popular has no options; the type exists so every model is created the same way. */
export type PopularConfig = Record<string, never>;

/** The most-popular recommender (non-personalised; scores are training interaction counts). */
export class PopularModel implements Recommender<InteractionLog> {
  readonly kind = POPULAR_KIND;
  private catalogue = new Catalogue();
  private counts: Float32Array = new Float32Array(0);

  /** @param config accepted for uniformity; most-popular has no options. */
  constructor(readonly config: PopularConfig = {}) {}

  /** Counts each item's training interactions (repeats count, as in the baseline). */
  fit(log: InteractionLog, options: FitOptions = {}): Promise<FitResult> {
    return instantFit(
      this.kind,
      log,
      options,
      () => ({ counts: new PopularityScorer(toCsr(log, 'user')).counts, catalogue: Catalogue.fromLog(log) }),
      (built) => ((this.counts = built.counts), (this.catalogue = built.catalogue)),
    );
  }

  async recommend(user: number, options: RecommendOptions = {}): Promise<Ranked> {
    const k = checkK(options.k);
    this.catalogue.checkUser(user);
    const items = this.catalogue.candidates(user, options);
    return topK(items, pick(this.counts, items), k);
  }

  /** Nothing to solve: most-popular has no user-side parameters (method `'none'`). */
  async foldIn(history: History): Promise<FoldedUser> {
    checkHistory(history, this.catalogue.nItems, this.kind);
    return nothingToFold(this.kind);
  }

  /** The most popular items, less `exclude` (and the history's items with `excludeSeen`). */
  async recommendFor(history: History, options: RecommendForOptions = {}): Promise<Ranked> {
    const k = checkK(options.k);
    checkHistory(history, this.catalogue.nItems, this.kind);
    const items = historyCandidates(this.catalogue.nItems, history, options);
    return topK(items, pick(this.counts, items), k);
  }

  async score(users: Int32Array, items: Int32Array): Promise<Float32Array> {
    checkPairs(users, items, this.catalogue.nUsers, this.catalogue.nItems);
    return pick(this.counts, items);
  }

  async toState(): Promise<ModelState> {
    return {
      kind: this.kind,
      stateVersion: POPULAR_STATE_VERSION,
      config: {},
      tensors: { counts: floatTensor(this.counts.slice(), [this.counts.length]), ...this.catalogue.historyTensors() },
      meta: this.catalogue.toMeta(),
    };
  }

  async fromState(state: ModelState): Promise<void> {
    checkKindAndVersion(state, this.kind, POPULAR_STATE_VERSION);
    checkKnownKeys(this.kind, 'config', state.config, []);
    const catalogue = Catalogue.fromState(state);
    const counts = readFloat(state, 'counts', [catalogue.nItems]);
    checkNonNegative(this.kind, 'tensors.counts', counts);
    this.counts = counts.slice();
    this.catalogue = catalogue;
  }

  dispose(): void {
    this.counts = new Float32Array(0);
    this.catalogue = new Catalogue();
  }
}
