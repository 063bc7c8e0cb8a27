/**
 * GLMix response prediction (Zhang et al., KDD 2016): a logistic regression with a global model over
 * member × course crosses, plus a per-member model over course features and a per-course model over
 * member features, fitted by block coordinate descent with L2 priors — the global model, then each
 * random effect on the others' offsets, repeated. Random effects are fitted all entities at once.
 */
import { currentBackend, type BackendName } from '../../backend/index.ts';
import { InvalidArgumentError } from '../../errors.ts';
import type {
  Explained,
  FitOptions,
  FoldedUser,
  History,
  RecommendForOptions,
  ItemReason,
  FitResult,
  ModelState,
  Ranked,
  RecommendOptions,
  Recommender,
} from '../recommender.ts';
import { Catalogue } from '../shared/catalogue.ts';
import { checkKindAndVersion } from '../shared/state.ts';
import { reportError } from '../shared/instant-fit.ts';
import { historyCandidates } from '../shared/history.ts';
import { pick, topK } from '../shared/topk.ts';
import { checkK, checkLog, checkPairs, throwIfAborted } from '../shared/validate.ts';
import { resolveGlmixConfig, type GlmixConfig, type GlmixSettings } from './config.ts';
import type { CourseData, CourseSide } from './data.ts';
import { checkCourseSide, describeFailure, WIRE_FIELDS } from './check.ts';
import { foldInGlmix, type FrozenGlmix, type GlmixFoldedUser } from './foldin.ts';
import { blockScores, newtonBlock, type BlockData } from './newton.ts';
import { personSide } from './person.ts';
import { profileReason } from './reasons.ts';
import { designBlocks, trainingRows } from './rows.ts';
import {
  decodeGlmixState,
  encodeGlmixState,
  GLMIX_KIND,
  GLMIX_STATE_VERSION,
  type GlmixCoefficients,
} from './state.ts';

/** What an unfitted model (which holds no features) says; a fitted one always has a profile reason. */
const UNFITTED_REASON: ItemReason = { source: 'glmix', text: 'Popular with learners like you' };

/** The GLMix course response model. */
export class GlmixModel implements Recommender<CourseData> {
  readonly kind = GLMIX_KIND;
  private settings: GlmixSettings;
  private catalogue = new Catalogue();
  private data: CourseSide | null = null;
  private beta: GlmixCoefficients | null = null;

  /** @example new GlmixModel({ randomEffects: false }) // the global-only baseline */
  constructor(config: GlmixConfig = {}) {
    this.settings = resolveGlmixConfig(config);
  }

  /** The options in force. */
  get config(): GlmixSettings {
    return { ...this.settings };
  }

  /** The features the model was fitted with (for reasons and blending); null before a fit. */
  get features(): CourseSide | null {
    return this.data;
  }

  async fit(data: CourseData, options: FitOptions = {}): Promise<FitResult> {
    const { onProgress, signal } = options;
    const backend: BackendName = currentBackend() ?? 'cpu';
    const started = performance.now();
    try {
      checkLog(data.log, this.kind);
      checkFeatures(data);
      throwIfAborted(signal, 'glmix fit');
      const s = this.settings;
      const rows = trainingRows(data, s.negatives, s.seed);
      const blocks = designBlocks(data, data.log.userIds.size, data.log.itemIds.size, rows.members, rows.courses);
      onProgress?.({ status: 'start', backend, epochs: s.rounds, samples: rows.y.length });
      const beta = zeros(blocks);
      const part: GlmixCoefficients = {
        fixed: new Float32Array(rows.y.length),
        member: new Float32Array(rows.y.length),
        course: new Float32Array(rows.y.length),
      };
      let loss = NaN;
      const step = async (name: keyof GlmixCoefficients, lambda: number) => {
        const others = (Object.keys(part) as (keyof GlmixCoefficients)[]).filter((k) => k !== name);
        const offset = part[others[0]].map((v, k) => v + part[others[1]][k]);
        await newtonBlock(blocks[name], { y: rows.y, w: rows.w, offset }, beta[name], lambda, s.newtonSteps);
        part[name] = blockScores(blocks[name], beta[name]);
        throwIfAborted(signal, 'glmix fit');
      };
      for (let round = 0; round < s.rounds; round++) {
        const t0 = performance.now();
        await step('fixed', s.lambdaFixed);
        if (s.randomEffects) await step('member', s.lambdaRandom), await step('course', s.lambdaRandom);
        loss = weightedLogLoss(rows.y, rows.w, part);
        const seconds = (performance.now() - t0) / 1000;
        onProgress?.({
          status: 'epoch',
          backend,
          epoch: round + 1,
          epochs: s.rounds,
          loss,
          samplesPerSec: rows.y.length / Math.max(seconds, 1e-6),
        });
      }
      this.catalogue = Catalogue.fromLog(data.log);
      const { log: _log, courseNames: _titles, ...side } = data;
      this.data = side;
      this.beta = beta;
      const seconds = (performance.now() - started) / 1000;
      onProgress?.({ status: 'done', backend, epochs: s.rounds, loss, seconds });
      return { epochs: s.rounds, loss, seconds, backend };
    } catch (err) {
      reportError(onProgress, err);
      throw err;
    }
  }

  async recommend(user: number, options: RecommendOptions = {}): Promise<Ranked> {
    const k = checkK(options.k);
    this.catalogue.checkUser(user);
    const items = this.catalogue.candidates(user, options);
    const n = this.catalogue.nItems;
    const all = this.scorePairs(
      new Int32Array(n).fill(user),
      Int32Array.from({ length: n }, (_, i) => i),
    );
    return topK(items, pick(all, items), k);
  }

  /** `recommend` with the profile match behind each item ("teaches skill Y, which your profile lists"). */
  async explain(user: number, options: RecommendOptions = {}): Promise<Explained> {
    const top = await this.recommend(user, options);
    const side = this.data;
    const reasons = Array.from(top.items, (i) => (side ? profileReason(side, user, i) : UNFITTED_REASON));
    return { ...top, reasons };
  }

  async score(users: Int32Array, items: Int32Array): Promise<Float32Array> {
    checkPairs(users, items, this.catalogue.nUsers, this.catalogue.nItems);
    return this.scorePairs(users, items);
  }

  /** Logits of pairs, with each block's part (global, member, course) when `parts` is given. */
  scorePairs(users: Int32Array, items: Int32Array, parts?: GlmixCoefficients): Float32Array {
    if (!this.data || !this.beta) return new Float32Array(users.length);
    const blocks = designBlocks(this.data, this.catalogue.nUsers, this.catalogue.nItems, users, items);
    const f = blockScores(blocks.fixed, this.beta.fixed);
    const m = blockScores(blocks.member, this.beta.member);
    const c = blockScores(blocks.course, this.beta.course);
    if (parts) Object.assign(parts, { fixed: f, member: m, course: c });
    return f.map((v, k) => v + m[k] + c[k]);
  }

  /**
   * The person's member random effect from `history` alone, the global and per-course models frozen
   * (see `foldin.ts`: durations are seconds watched; feature names as in `person.ts`, unknown ones in
   * `unknownFeatures`). Deterministic: the same history gives a bit-identical result.
   */
  async foldIn(history: History, warm?: FoldedUser): Promise<GlmixFoldedUser> {
    return foldInGlmix(this.frozen(), history, warm);
  }

  /**
   * `recommend` for a person known by `history` (folded in unless `options.folded`); `excludeSeen`
   * leaves out the history's items. The result carries the unknown feature names too.
   */
  async recommendFor(
    history: History,
    options: RecommendForOptions = {},
  ): Promise<Ranked & { unknownFeatures: string[] }> {
    const k = checkK(options.k);
    const m = this.frozen();
    const folded = options.folded ?? (await foldInGlmix(m, history));
    const { side, unknown } = personSide(m.side, history.features);
    const items = historyCandidates(m.nItems, history, options);
    const all = this.scorePerson(side, folded);
    return { ...topK(items, pick(all, items), k), unknownFeatures: unknown };
  }

  /** `recommendFor` with the profile match behind each item, from the history's features. */
  async explainFor(
    history: History,
    options: RecommendForOptions = {},
  ): Promise<Explained & { unknownFeatures: string[] }> {
    const top = await this.recommendFor(history, options);
    const { side } = personSide(this.frozen().side, history.features);
    return { ...top, reasons: Array.from(top.items, (i) => profileReason(side, 0, i)) };
  }

  /** Logits of every course for member 0 of `side` with the folded member effect. */
  scorePerson(side: CourseSide, folded: FoldedUser): Float32Array {
    const { beta, nItems } = this.frozen();
    const blocks = designBlocks(
      side,
      1,
      nItems,
      new Int32Array(nItems),
      Int32Array.from({ length: nItems }, (_, i) => i),
    );
    if (folded.kind !== GLMIX_KIND || folded.vector.length !== blocks.member.d)
      throw new InvalidArgumentError(
        `glmix: folded must be a glmix fold-in of ${blocks.member.d} weights, got kind ${folded.kind} with ${folded.vector.length}`,
      );
    const f = blockScores(blocks.fixed, beta.fixed);
    const m = blockScores(blocks.member, folded.vector);
    const c = blockScores(blocks.course, beta.course);
    return f.map((v, k) => v + m[k] + c[k]);
  }

  private frozen(): FrozenGlmix {
    if (!this.data || !this.beta) throw new InvalidArgumentError('glmix: fit the model (or load a fitted state) first');
    return { side: this.data, beta: this.beta, nItems: this.catalogue.nItems, settings: this.settings };
  }

  async toState(): Promise<ModelState> {
    return encodeGlmixState(this.settings, this.catalogue, this.data, this.beta);
  }

  async fromState(state: ModelState): Promise<void> {
    checkKindAndVersion(state, GLMIX_KIND, GLMIX_STATE_VERSION);
    const parts = decodeGlmixState(state, resolveGlmixConfig(state.config));
    this.settings = parts.settings;
    this.catalogue = parts.catalogue;
    this.data = parts.data;
    this.beta = parts.beta;
  }

  dispose(): void {
    this.catalogue = new Catalogue();
    this.data = null;
    this.beta = null;
  }
}

function zeros(b: { fixed: BlockData; member: BlockData; course: BlockData }): GlmixCoefficients {
  return {
    fixed: new Float32Array(b.fixed.d),
    member: new Float32Array(b.member.nEntities * b.member.d),
    course: new Float32Array(b.course.nEntities * b.course.d),
  };
}

function weightedLogLoss(y: Float32Array, w: Float32Array, p: GlmixCoefficients): number {
  let s = 0;
  let ws = 0;
  for (let k = 0; k < y.length; k++) {
    const z = p.fixed[k] + p.member[k] + p.course[k];
    s += w[k] * (Math.log1p(Math.exp(-Math.abs(z))) + Math.max(z, 0) - y[k] * z);
    ws += w[k];
  }
  return s / Math.max(ws, 1e-12);
}

/** The features must fit the log: the same checks as a stored state's (see `check.ts`). */
function checkFeatures(d: CourseData): void {
  try {
    checkCourseSide(GLMIX_KIND, d, d.log.userIds.size, d.log.itemIds.size, WIRE_FIELDS);
  } catch (err) {
    const problem = describeFailure(err);
    throw problem === null
      ? err
      : new InvalidArgumentError(`glmix: member/course features do not match the log: ${problem}`);
  }
}
