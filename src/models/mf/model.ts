/**
 * Matrix factorisation for implicit feedback: score(u, i) = <p_u, q_i> + b_u + b_i, trained with
 * logistic loss on each positive against `negatives` sampled unseen items, NamedAdam<WeightName> and L2 (the GMF /
 * "MF with negative sampling" baseline of He et al., NCF, WWW 2017). Runs on any tfjs backend.
 */
import { type InteractionLog, userItemRows } from '../../data/index.ts';
import { InvalidArgumentError } from '../../errors.ts';
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
import { checkHistory, rankFolded } from '../shared/history.ts';
import { Catalogue } from '../shared/catalogue.ts';
import { reportError } from '../shared/instant-fit.ts';
import { checkKindAndVersion } from '../shared/state.ts';
import { candidateItems, pick, topK } from '../shared/topk.ts';
import { checkK, checkLog, checkPairs } from '../shared/validate.ts';
import { NamedAdam } from '../shared/adam.ts';
import { trainingBackend } from '../shared/training-backend.ts';
import { MfBatches, positivesHash } from './batches.ts';
import { MfFoldIn } from './foldin.ts';
import { MF_KERNELS } from './kernels.ts';
import { resolveMfConfig, type MfConfig, type MfSettings } from './config.ts';
import { startCursor, type MfCursor } from './cursor.ts';
import { decodeMfState, encodeMfState, MF_KIND, MF_STATE_VERSION } from './state.ts';
import { train } from './train.ts';
import { MfWeights, WEIGHT_NAMES, type WeightArrays, type WeightName } from './weights.ts';

/** The matrix-factorisation recommender. */
export class MfModel implements Recommender<InteractionLog> {
  readonly kind = MF_KIND;
  private settings: MfSettings;
  private catalogue = new Catalogue();
  private weights: MfWeights | null = null;
  /** Present while a run is unfinished (mid-fit, after an abort, or loaded from a checkpoint). */
  private training: { cursor: MfCursor; adam: NamedAdam<WeightName> } | null = null;
  private fitting = false;
  /** The frozen item side on the host for fold-in (read once; dropped whenever the weights change). */
  private folder: Promise<MfFoldIn> | null = null;

  /** @example new MfModel({ dim: 32, epochs: 8, seed: 1 }) */
  constructor(config: MfConfig = {}) {
    this.settings = resolveMfConfig(config);
  }

  /** The options in force, defaults filled in. */
  get config(): MfSettings {
    return { ...this.settings };
  }

  /**
   * Trains from scratch, or resumes when the model holds an unfinished run (loaded from a checkpoint,
   * or left by an aborted fit) on the same data; resuming on other data throws InvalidArgumentError.
   */
  async fit(log: InteractionLog, options: FitOptions = {}): Promise<FitResult> {
    if (this.fitting) throw new InvalidArgumentError('mf: fit is already running on this model');
    this.fitting = true;
    this.folder = null;
    try {
      checkLog(log, this.kind);
      const backend = trainingBackend(MF_KERNELS);
      const rows = userItemRows(log);
      const { batchSize, negatives, seed } = this.settings;
      const batches = new MfBatches(rows, batchSize, negatives, seed);
      const run = this.training
        ? this.checkResumable(log, positivesHash(rows))
        : this.startFresh(log, positivesHash(rows));
      const weights = this.weights as MfWeights;
      const session = {
        weights,
        adam: run.adam,
        batches,
        settings: this.settings,
        cursor: run.cursor,
        backend,
        alive: () => this.weights === weights,
        snapshot: () => this.toState(),
      };
      const result = await train(session, options);
      run.adam.dispose();
      this.training = null;
      return result;
    } catch (err) {
      reportError(options.onProgress, err);
      throw err;
    } finally {
      this.fitting = false;
      this.folder = null;
    }
  }

  private startFresh(log: InteractionLog, dataHash: number): { cursor: MfCursor; adam: NamedAdam<WeightName> } {
    this.releaseTensors();
    const { dim, initStd, seed } = this.settings;
    this.catalogue = Catalogue.fromLog(log);
    this.weights = MfWeights.init(this.catalogue.nUsers, this.catalogue.nItems, dim, initStd, seed);
    this.training = { cursor: startCursor(dataHash), adam: NamedAdam.create(this.weights.vars, WEIGHT_NAMES) };
    return this.training;
  }

  private checkResumable(log: InteractionLog, dataHash: number): { cursor: MfCursor; adam: NamedAdam<WeightName> } {
    const run = this.training as { cursor: MfCursor; adam: NamedAdam<WeightName> };
    const sameSize = log.userIds.size === this.catalogue.nUsers && log.itemIds.size === this.catalogue.nItems;
    if (!sameSize || run.cursor.dataHash !== dataHash) {
      throw new InvalidArgumentError(
        'mf: this model holds an unfinished run on other data; resume it on the same log, or create a new model to start over',
      );
    }
    return run;
  }

  async recommend(user: number, options: RecommendOptions = {}): Promise<Ranked> {
    const k = checkK(options.k);
    this.catalogue.checkUser(user);
    const items = this.catalogue.candidates(user, options);
    const all = this.weights ? await this.weights.scoreUsers(Int32Array.of(user)) : new Float32Array(0);
    return topK(items, pick(all, items), k);
  }

  /**
   * Folds a person in from `history` alone: Newton (IRLS) on MF's own loss for [p_u, b_u], the item
   * side frozen; deterministic negatives (every unseen item, weighted to training's expected sampler
   * loss); ≤ 10 steps fresh, 1 from `warm` (an incremental update). Empty history: zeros (ranking by item bias). See `foldin.ts`.
   */
  async foldIn(history: History, warm?: FoldedUser): Promise<FoldedUser> {
    checkHistory(history, this.catalogue.nItems, this.kind);
    return (await this.foldInSolver()).foldIn(history, warm);
  }

  /** `recommend` for a person described by `history` (folded in first unless `options.folded`). */
  async recommendFor(history: History, options: RecommendForOptions = {}): Promise<Ranked> {
    const side = this.weights ? () => this.foldInSolver() : null;
    return rankFolded(this.kind, this.catalogue.nItems, history, options, side);
  }

  private foldInSolver(): Promise<MfFoldIn> {
    if (!this.folder) {
      const weights = this.weights;
      const { dim, negatives, l2 } = this.settings;
      const read = weights ? weights.toArrays() : Promise.resolve(emptyWeights());
      this.folder = read.then((w) => new MfFoldIn(this.kind, w.itemEmb, w.itemBias, dim, negatives, l2));
    }
    return this.folder;
  }

  async score(users: Int32Array, items: Int32Array): Promise<Float32Array> {
    checkPairs(users, items, this.catalogue.nUsers, this.catalogue.nItems);
    return this.weights ? this.weights.score(users, items) : new Float32Array(0);
  }

  /** Items nearest to `item` by cosine similarity of the item embeddings (the item itself left out). */
  async similarItems(item: number, k: number): Promise<Ranked> {
    this.catalogue.checkItem(item);
    const n = checkK(k);
    const { dots, norms2 } = await (this.weights as MfWeights).itemDots(item);
    const cos = new Float32Array(dots.length);
    for (let j = 0; j < dots.length; j++) cos[j] = dots[j] / (Math.sqrt(norms2[j] * norms2[item]) || 1);
    const others = candidateItems(this.catalogue.nItems, { exclude: Int32Array.of(item) });
    return topK(
      others,
      Float32Array.from(others, (j) => cos[j]),
      n,
    );
  }

  /**
   * The weights, and while a run is unfinished also NamedAdam<WeightName>'s slots and the cursor. Every read starts
   * before the first await, so even during a fit the snapshot belongs to one step (its cursor's
   * partial epoch loss is the one of the last checkpoint).
   */
  async toState(): Promise<ModelState> {
    const { settings, catalogue } = this;
    const cursor = this.training && { ...this.training.cursor };
    const [weights, adam] = await Promise.all([
      this.weights ? this.weights.toArrays() : emptyWeights(),
      this.training?.adam.toArrays(),
    ]);
    const training = cursor && adam ? { cursor, adam } : null;
    return encodeMfState({ settings, catalogue, weights, training });
  }

  async fromState(state: ModelState): Promise<void> {
    if (this.fitting) throw new InvalidArgumentError('mf: cannot load a state while fit is running');
    checkKindAndVersion(state, this.kind, MF_STATE_VERSION);
    const parts = decodeMfState(state, resolveMfConfig(state.config));
    const { nUsers, nItems } = parts.catalogue;
    const weights = MfWeights.fromArrays(parts.weights, nUsers, nItems, parts.settings.dim);
    this.releaseTensors();
    this.settings = parts.settings;
    this.catalogue = parts.catalogue;
    this.weights = weights;
    if (parts.training)
      this.training = {
        cursor: parts.training.cursor,
        adam: NamedAdam.create(weights.vars, WEIGHT_NAMES, parts.training.adam),
      };
  }

  dispose(): void {
    this.releaseTensors();
    this.catalogue = new Catalogue();
  }

  private releaseTensors(): void {
    this.folder = null;
    this.weights?.dispose();
    this.training?.adam.dispose();
    this.weights = null;
    this.training = null;
  }
}

function emptyWeights(): WeightArrays {
  return {
    userEmb: new Float32Array(0),
    itemEmb: new Float32Array(0),
    userBias: new Float32Array(0),
    itemBias: new Float32Array(0),
  };
}
