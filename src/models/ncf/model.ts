/**
 * Neural collaborative filtering (He et al., WWW 2017) in four architectures sharing one training
 * loop: GMF, MLP and NeuMF on id embeddings, and LinkedIn Learning's seed variant whose learner input
 * is the multi-hot of watched courses and whose course input is the co-watch similarity vector. Scores
 * are logits; training is logistic loss on positives against sampled unseen items, with Adam.
 */
import * as tf from '@tensorflow/tfjs-core';
import { type InteractionLog, userItemRows } from '../../data/index.ts';
import { InvalidArgumentError } from '../../errors.ts';
import { MfBatches, positivesHash } from '../mf/batches.ts';
import { startCursor, type MfCursor } from '../mf/cursor.ts';
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
import { pick, topK } from '../shared/topk.ts';
import { checkK, checkLog, checkPairs } from '../shared/validate.ts';
import type { AdamArrays } from '../shared/adam.ts';
import { scorePairsByUser } from '../shared/pair-scores.ts';
import { trainingBackend } from '../shared/training-backend.ts';
import { resolveNcfConfig, type NcfArch, type NcfConfig, type NcfSettings } from './config.ts';
import { padRows, scoreIdUsers, scoreSeedUsers, withContext, type PaddedRows } from './forward.ts';
import { NcfFoldIn } from './foldin.ts';
import { hostInputs } from './host-inputs.ts';
import { coWatchRows, learnerRows } from './inputs.ts';
import { NCF_KERNELS } from './kernels.ts';
import { initArrays, NcfParams, paramSpecs } from './params.ts';
import { flatRows } from './flat-rows.ts';
import { decodeNcfState, encodeNcfState, NCF_STATE_VERSION, type NcfParts } from './state.ts';
import { learnerFeatures, type Timeline } from './timeline.ts';
import type { NcfStepper } from './stepper.ts';
import { assignParams, tfjsStepperOn } from './tfjs-stepper.ts';
import { chooseTrainer, createHostStepper, trainNcf } from './train.ts';
import { NamedAdam } from '../shared/adam.ts';
import { carveValidation, validationHr } from './validation.ts';

/** Registry kind of each architecture. */
export const NCF_KINDS: Readonly<Record<NcfArch, string>> = { gmf: 'gmf', mlp: 'mlp', neumf: 'neumf', seed: 'ncf' };

/** An NCF recommender of one architecture. */
export class NcfModel implements Recommender<InteractionLog> {
  readonly kind: string;
  private settings: NcfSettings;
  private catalogue = new Catalogue();
  private params: NcfParams | null = null;
  private seed: NcfParts['seed'] = null;
  /** The time context's timeline (when `timeWindowDays` > 0). */
  private timeline: Timeline | null = null;
  /** All courses' flattened inputs (seed variant), host arrays built once per fit or load. */
  /** Every course's co-watch row, padded once for scoring. */
  private allCourses: PaddedRows | null = null;
  /** An unfinished run: its cursor and (between fits) Adam's state on the host; adam null = fresh (zeros). */
  private training: { cursor: MfCursor; adam: AdamArrays | null } | null = null;
  /** The engine of the fit in progress: it holds the newest weights and Adam's state until the fit ends. */
  private engine: NcfStepper | null = null;
  private fitting = false;
  /** The frozen weights on the host for fold-in (read once; dropped whenever the weights change). */
  private folder: Promise<NcfFoldIn> | null = null;

  /** @example new NcfModel('neumf', { dim: 16, epochs: 6 }) */
  constructor(arch: NcfArch, config: NcfConfig = {}) {
    this.kind = NCF_KINDS[arch];
    this.settings = resolveNcfConfig(arch, config);
  }

  /** The options in force, defaults filled in. */
  get config(): NcfSettings {
    return { ...this.settings, layers: [...this.settings.layers] };
  }

  /** Trains from scratch, or resumes an unfinished run on the same data (other data: InvalidArgumentError). */
  async fit(log: InteractionLog, options: FitOptions = {}): Promise<FitResult> {
    if (this.fitting) throw new InvalidArgumentError(`${this.kind}: fit is already running on this model`);
    this.fitting = true;
    this.folder = null;
    try {
      checkLog(log, this.kind);
      const backend = trainingBackend(NCF_KERNELS);
      const trainer = chooseTrainer(this.settings.trainer, backend);
      const val = this.settings.patience > 0 ? carveValidation(log, this.settings.seed) : null;
      const trainLog = val?.train.length ? val.train : log;
      const rows = userItemRows(trainLog);
      const { batchSize, negatives, seed } = this.settings;
      const batches = new MfBatches(rows, batchSize, negatives, seed);
      const hash = positivesHash(rows);
      const run = this.training ? this.checkResumable(log, hash) : this.startFresh(log, trainLog, hash);
      const params = this.params as NcfParams;
      const host = hostInputs(this.settings, trainLog, rows, this.seed);
      if (host.timeline) this.timeline = host.timeline;
      const stepper = await this.createStepper(trainer, params, run.adam);
      this.engine = stepper;
      try {
        const result = await trainNcf(
          {
            stepper,
            batches,
            settings: this.settings,
            cursor: run.cursor,
            backend,
            seedInputs: host.seed,
            context: host.context,
            validate: val
              ? async () => {
                  await pullWeights(stepper, params);
                  return validationHr(await this.scoreUnchecked(val.users, val.items));
                }
              : undefined,
            alive: () => this.params === params,
            snapshot: () => this.toState(),
          },
          options,
        );
        await pullWeights(stepper, params);
        this.training = null;
        return result;
      } catch (err) {
        // Aborted (or failed) between steps: the model keeps the engine's last weights and Adam's state, to resume.
        if (this.params === params && this.training === run) {
          await pullWeights(stepper, params);
          run.adam = await stepper.adamState();
        }
        throw err;
      } finally {
        this.engine = null;
        stepper.dispose();
      }
    } catch (err) {
      reportError(options.onProgress, err);
      throw err;
    } finally {
      this.fitting = false;
      this.folder = null;
    }
  }

  /** The engine `trainer` on `params` (tfjs trains the variables in place; the others on host copies). */
  private async createStepper(
    trainer: ReturnType<typeof chooseTrainer>,
    params: NcfParams,
    adam: AdamArrays | null,
  ): Promise<NcfStepper> {
    if (trainer === 'tfjs') {
      return tfjsStepperOn(this.settings, params, NamedAdam.create(params.vars, params.names, adam ?? undefined));
    }
    const { nUsers, nItems } = this.catalogue;
    const weights = await params.toArrays();
    return createHostStepper(trainer, { settings: this.settings, nUsers, nItems, weights, adam: adam ?? undefined });
  }

  private startFresh(
    log: InteractionLog,
    trainLog: InteractionLog,
    dataHash: number,
  ): { cursor: MfCursor; adam: AdamArrays | null } {
    this.releaseTensors();
    this.catalogue = Catalogue.fromLog(log);
    const { nUsers, nItems } = this.catalogue;
    if (this.settings.arch === 'seed') {
      this.setSeed({
        learners: learnerRows(trainLog, this.settings.window),
        courses: coWatchRows(userItemRows(trainLog), this.settings.neighbours),
      });
    }
    this.params = NcfParams.fromArrays(this.settings, nUsers, nItems, initArrays(this.settings, nUsers, nItems));
    this.training = { cursor: startCursor(dataHash), adam: null };
    return this.training;
  }

  private checkResumable(log: InteractionLog, dataHash: number): { cursor: MfCursor; adam: AdamArrays | null } {
    const run = this.training as { cursor: MfCursor; adam: AdamArrays | null };
    const sameSize = log.userIds.size === this.catalogue.nUsers && log.itemIds.size === this.catalogue.nItems;
    if (!sameSize || run.cursor.dataHash !== dataHash) {
      throw new InvalidArgumentError(
        `${this.kind}: this model holds an unfinished run on other data; resume it on the same log, or create a new model`,
      );
    }
    return run;
  }

  private setSeed(seed: NcfParts['seed']): void {
    this.folder = null;
    this.seed = seed;
    this.allCourses = seed
      ? padRows(
          flatRows(
            seed.courses,
            Int32Array.from({ length: seed.courses.nRows }, (_, i) => i),
          ),
        )
      : null;
  }

  async recommend(user: number, options: RecommendOptions = {}): Promise<Ranked> {
    const k = checkK(options.k);
    this.catalogue.checkUser(user);
    const items = this.catalogue.candidates(user, options);
    const all = this.params ? await this.scoreUsers(Int32Array.of(user)) : new Float32Array(0);
    return topK(items, pick(all, items), k);
  }

  /**
   * The person's user side from `history` alone. Seed-NCF: method `'native'`, the pooled learner vector
   * (its learner tower reads the history; nothing is solved). GMF / MLP / NeuMF: their user rows by
   * damped Newton (GMF) or Gauss–Newton (MLP, NeuMF) on the training loss, items frozen, ≤ 10 steps
   * fresh and ≤ 3 from `warm`. See `foldin.ts`.
   */
  async foldIn(history: History, warm?: FoldedUser): Promise<FoldedUser> {
    checkHistory(history, this.catalogue.nItems, this.kind);
    return (await this.foldInSide()).foldIn(history, warm);
  }

  /** `recommend` for a person described by `history` (folded in first unless `options.folded`). */
  async recommendFor(history: History, options: RecommendForOptions = {}): Promise<Ranked> {
    const side = this.params ? () => this.foldInSide() : null;
    return rankFolded(this.kind, this.catalogue.nItems, history, options, side);
  }

  private foldInSide(): Promise<NcfFoldIn> {
    if (!this.folder) {
      const { settings, allCourses, timeline, catalogue } = this;
      const read = this.params ? this.params.toArrays() : Promise.resolve(initArrays(settings, 0, catalogue.nItems));
      this.folder = read.then((p) => new NcfFoldIn(this.kind, settings, p, allCourses, timeline));
    }
    return this.folder;
  }

  async score(users: Int32Array, items: Int32Array): Promise<Float32Array> {
    checkPairs(users, items, this.catalogue.nUsers, this.catalogue.nItems);
    return this.scoreUnchecked(users, items);
  }

  /** Pair scores through whole-catalogue rows of distinct users, in chunks (the `recommend` path). */
  private async scoreUnchecked(users: Int32Array, items: Int32Array): Promise<Float32Array> {
    if (!this.params) return new Float32Array(users.length);
    const width = this.settings.arch === 'mlp' || this.settings.arch === 'neumf' ? (this.settings.layers[1] ?? 1) : 1;
    return scorePairsByUser(users, items, this.catalogue.nItems, (group) => this.scoreUsers(group), width);
  }

  /** Every item's score for each of `users`: row-major [users.length, nItems]. */
  private async scoreUsers(users: Int32Array): Promise<Float32Array> {
    const vars = (this.params as NcfParams).vars;
    const context = this.timeline && learnerFeatures(this.timeline, users, this.settings.timeWindowDays);
    const t = tf.tidy(() =>
      withContext(
        vars,
        this.seed
          ? scoreSeedUsers(vars, flatRows(this.seed.learners, users), this.allCourses as PaddedRows)
          : scoreIdUsers(this.settings, vars, users),
        context,
      ),
    );
    try {
      return (await t.data()) as Float32Array;
    } finally {
      t.dispose();
    }
  }

  /** The weights, the seed inputs, and while a run is unfinished Adam's slots and the cursor. */
  async toState(): Promise<ModelState> {
    const { settings, catalogue, seed, engine, training: run } = this;
    const cursor = run && { ...run.cursor };
    // During a fit the engine holds the newest weights and Adam's state (reads issued together: one step's).
    const [params, adam] = await Promise.all([
      engine ? engine.weights() : this.params ? this.params.toArrays() : Promise.resolve(null),
      run && (engine ? engine.adamState() : (run.adam ?? zeroAdam(settings, catalogue))),
    ]);
    const training = cursor && adam ? { cursor, adam } : null;
    const empty = initArrays(settings, 0, 0);
    return encodeNcfState(this.kind, {
      settings,
      catalogue,
      params: params ?? empty,
      seed,
      timeline: this.timeline,
      training,
    });
  }

  async fromState(state: ModelState): Promise<void> {
    if (this.fitting) throw new InvalidArgumentError(`${this.kind}: cannot load a state while fit is running`);
    checkKindAndVersion(state, this.kind, NCF_STATE_VERSION);
    const parts = decodeNcfState(state, resolveNcfConfig(this.settings.arch, state.config));
    const { nUsers, nItems } = parts.catalogue;
    const params = NcfParams.fromArrays(parts.settings, nUsers, nItems, parts.params);
    this.releaseTensors();
    this.settings = parts.settings;
    this.catalogue = parts.catalogue;
    this.params = params;
    this.setSeed(parts.seed);
    this.timeline = parts.timeline;
    if (parts.training) this.training = { cursor: parts.training.cursor, adam: parts.training.adam };
  }

  dispose(): void {
    this.releaseTensors();
    this.catalogue = new Catalogue();
    this.setSeed(null);
    this.timeline = null;
  }

  private releaseTensors(): void {
    this.folder = null;
    this.params?.dispose();
    this.params = null;
    this.training = null;
  }
}

/** Copies a host engine's weights into the model's variables (the tfjs engine trains them in place). */
async function pullWeights(stepper: NcfStepper, params: NcfParams): Promise<void> {
  if (stepper.name !== 'tfjs') assignParams(params, await stepper.weights());
}

/** A fresh run's Adam state: zero moments, step 0. */
function zeroAdam(s: NcfSettings, c: Catalogue): AdamArrays {
  const m: Record<string, Float32Array> = {};
  const v: Record<string, Float32Array> = {};
  for (const [n, spec] of Object.entries(paramSpecs(s, c.nUsers, c.nItems))) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    m[n] = new Float32Array(size);
    v[n] = new Float32Array(size);
  }
  return { step: 0, m, v };
}
