import { transfer } from 'comlink';
import type { WasmPaths } from '../backend/loaders.ts';
import type { BackendPreference, BackendReport } from '../backend/types.ts';
import type { ExternalId, IdMap } from '../data/idmap.ts';
import { InvalidArgumentError } from '../errors.ts';
import type { FoldedUser, History, Ranked, RecommendOptions } from '../models/recommender.ts';
import type { ModelInfo, ModelStore } from '../store/types.ts';
import { BackendKeeper, type StartBackend } from './backend-keeper.ts';
import { denseHistory, foldedOfKind, ownFolded } from './history.ts';
import { ModelCache, type HeldModel, type StateLoader } from './model-cache.ts';
import type {
  ExplainedForHistory,
  ExplainedItems,
  FoldInRequest,
  FoldInResult,
  RankedForHistory,
  LoadedModel,
  ModelRef,
  RankedItems,
  RankingApi,
  RecommendForRequest,
  RecommendRequest,
  ScoreRequest,
  ServiceConfig,
  SimilarItemsRequest,
} from './protocol.ts';
import {
  backendPreference,
  checkArgument,
  checkFoldInRequest,
  checkRecommendForRequest,
  checkRecommendRequest,
  checkScoreRequest,
  checkServiceConfig,
  checkSimilarItemsRequest,
  modelId as validModelId,
} from './validate.ts';

/** Options of {@link RankingService}. */
export interface RankingServiceOptions {
  /** Backend to rank on (default `'auto'`). */
  backend?: BackendPreference;
  /** Models kept in memory at once, least recently used evicted first (default 4). */
  maxModels?: number;
  /** Builds a model from a stored state (default: the model registry). */
  fromState?: StateLoader;
  startBackend?: StartBackend;
  /** Where tfjs fetches its wasm binaries (default: the package's own copies; see `configure`). */
  wasmPaths?: WasmPaths;
}

/**
 * The ranking service: a plain class with no `self`, exposed by `workers/rank.worker.ts`. Every request
 * names `{ modelId, version }`; a model this service does not hold at that version is rehydrated from
 * the store (never answered from an empty state), and `StaleModelError` says when the store does not
 * have that version either. Ids are external on the wire; results' typed arrays are transferred.
 *
 * @example
 * comlink.expose(new RankingService(await IdbModelStore.open()));   // or see workers/rank.worker.ts
 */
export class RankingService implements RankingApi {
  private readonly keeper: BackendKeeper;
  private readonly cache: ModelCache;
  private starting: Promise<BackendReport> | undefined;

  constructor(
    private readonly store: ModelStore,
    options: RankingServiceOptions = {},
  ) {
    this.keeper = new BackendKeeper(options.backend ?? 'auto', options.startBackend, options.wasmPaths);
    this.cache = new ModelCache(store, () => this.warm(), options.maxModels ?? 4, options.fromState);
  }

  /** Applies the client's settings (where tfjs finds its wasm); see {@link RankingApi.configure}. */
  async configure(config: ServiceConfig): Promise<void> {
    const { wasmPaths } = checkServiceConfig(config);
    if (wasmPaths !== undefined) this.keeper.wasmPaths = wasmPaths;
  }

  /** Starts the backend once (`prefer`, default the service's); later calls return the same report. */
  warm(prefer?: BackendPreference): Promise<BackendReport> {
    if (prefer !== undefined) {
      try {
        checkArgument(backendPreference, prefer, 'prefer');
      } catch (err) {
        return Promise.reject(err);
      }
    }
    this.starting ??= this.keeper.start(prefer).catch((err: unknown) => {
      this.starting = undefined; // let a later request try again
      throw err;
    });
    return this.starting;
  }

  /** Top-k items for `request.user`, best first. */
  async recommend(request: RecommendRequest): Promise<RankedItems> {
    checkRecommendRequest(request);
    return this.cache.use(request, async (held) => {
      const ranked = await held.model.recommend(held.users.index(request.user), recommendOptions(held, request));
      return rankedItems(held, request, ranked);
    });
  }

  /** Top-k items for `request.user` with a reason each (course models); plain objects, so they clone. */
  async explain(request: RecommendRequest): Promise<ExplainedItems> {
    checkRecommendRequest(request);
    return this.cache.use(request, async (held) => {
      if (!held.model.explain) throw new InvalidArgumentError(`model kind '${held.kind}' gives no reasons`);
      const { reasons, ...ranked } = await held.model.explain(
        held.users.index(request.user),
        recommendOptions(held, request),
      );
      const out = rankedItems(held, request, ranked);
      return Object.assign(out, { reasons: reasons.map(({ source, text }) => ({ source, text })) });
    });
  }

  /** Scores of `(users[i], items[i])`. */
  async score(request: ScoreRequest): Promise<Float32Array> {
    checkScoreRequest(request);
    return this.cache.use(request, async (held) => {
      const users = Int32Array.from(request.users, (id) => held.users.index(id));
      const items = Int32Array.from(request.items, (id) => held.items.index(id));
      const scores = owned(await held.model.score(users, items));
      return transfer(scores, [scores.buffer]);
    });
  }

  /** The `k` nearest items to `request.item` (models with an item space). */
  async similarItems(request: SimilarItemsRequest): Promise<RankedItems> {
    checkSimilarItemsRequest(request);
    return this.cache.use(request, async (held) => {
      if (!held.model.similarItems) throw new InvalidArgumentError(`model kind '${held.kind}' has no item space`);
      const ranked = await held.model.similarItems(held.items.index(request.item), request.k ?? 10);
      return rankedItems(held, request, ranked);
    });
  }

  /**
   * Top-k items for a person known only by `request.history` (external ids; unknown ones left out and
   * reported). Folds the history in first unless `request.folded` is given; the result carries the
   * fold-in it used, so the caller can keep it.
   */
  async recommendFor(request: RecommendForRequest): Promise<RankedForHistory> {
    checkRecommendForRequest(request);
    return this.cache.use(request, async (held) => {
      const { model } = held;
      if (!model.recommendFor) throw cannot(held, 'recommend for a history');
      const { history, unknown } = denseHistory(held.items, request.history);
      const folded = await foldedFor(held, history, request.folded);
      const ranked = await model.recommendFor(history, { ...recommendOptions(held, request), folded });
      return withReport(rankedItems(held, request, ranked), unknown, folded);
    });
  }

  /** `recommendFor` with a reason per item (models with `explainFor`). */
  async explainFor(request: RecommendForRequest): Promise<ExplainedForHistory> {
    checkRecommendForRequest(request);
    return this.cache.use(request, async (held) => {
      const { model } = held;
      if (!model.explainFor) throw cannot(held, 'explain for a history');
      const { history, unknown } = denseHistory(held.items, request.history);
      const folded = await foldedFor(held, history, request.folded);
      const { reasons, ...ranked } = await model.explainFor(history, { ...recommendOptions(held, request), folded });
      const out = rankedItems(held, request, ranked);
      Object.assign(out, { reasons: reasons.map(({ source, text }) => ({ source, text })) });
      return withReport(out as ExplainedItems, unknown, folded);
    });
  }

  /** The person's user-side parameters solved from `request.history`, warm-started from `request.warm`. */
  async foldIn(request: FoldInRequest): Promise<FoldInResult> {
    checkFoldInRequest(request);
    return this.cache.use(request, async (held) => {
      const { model } = held;
      if (!model.foldIn) throw cannot(held, 'fold in a history');
      const { history, unknown } = denseHistory(held.items, request.history);
      const warm = request.warm && foldedOfKind(request.warm, held.kind, 'request.warm');
      const folded = ownFolded(await model.foldIn(history, warm));
      return { modelId: request.modelId, version: held.version, kind: held.kind, folded, unknown };
    });
  }

  /** Models held in memory now, by id and version (most recently used first). */
  async loadedModels(): Promise<LoadedModel[]> {
    return this.cache.list();
  }

  models(): Promise<ModelInfo[]> {
    return this.store.list();
  }

  async deleteModel(modelId: string): Promise<void> {
    checkArgument(validModelId, modelId, 'modelId');
    this.cache.unload(modelId);
    await this.store.delete(modelId);
  }

  /** The backend tfjs runs on here, or null before it started. */
  async backend(): Promise<BackendReport | null> {
    return this.keeper.report;
  }

  /** Frees every model held. */
  dispose(): void {
    this.cache.clear();
  }
}

/** What a model kind cannot do: `InvalidArgumentError` naming the kind. */
function cannot(held: HeldModel, what: string): InvalidArgumentError {
  return new InvalidArgumentError(`model kind '${held.kind}' (model '${held.modelId}') cannot ${what}`);
}

/** The caller's fold-in (checked to be this kind's), else one solved now where the model folds in. */
async function foldedFor(
  held: HeldModel,
  history: History,
  given: FoldedUser | undefined,
): Promise<FoldedUser | undefined> {
  if (given) return foldedOfKind(given, held.kind, 'request.folded');
  return held.model.foldIn?.(history); // copied once, by `withReport`
}

/** `out` with the history's unknown ids and the fold-in used (a copy: the caller keeps it). */
function withReport<T extends RankedItems>(
  out: T,
  unknown: RankedForHistory['unknown'],
  folded: FoldedUser | undefined,
): T & RankedForHistory {
  return Object.assign(out, folded ? { unknown, folded: ownFolded(folded) } : { unknown });
}

/** The ranking options a recommend and a recommendFor request share. */
type RankingOptions = Pick<RecommendRequest, 'k' | 'exclude' | 'candidates' | 'excludeSeen'>;

/** A request's options with external ids turned into the model's dense indices. */
function recommendOptions(held: HeldModel, request: RankingOptions): RecommendOptions {
  return {
    k: request.k,
    exclude: request.exclude ? knownIndices(held.items, request.exclude) : undefined,
    candidates: request.candidates ? Int32Array.from(request.candidates, (id) => held.items.index(id)) : undefined,
    excludeSeen: request.excludeSeen,
  };
}

/** Dense indices of the ids the model knows (unknown ones can never be recommended anyway). */
function knownIndices(map: IdMap, ids: readonly ExternalId[]): Int32Array {
  return Int32Array.from(ids.map((id) => map.indexOrMinusOne(id)).filter((i) => i >= 0));
}

function rankedItems(held: HeldModel, ref: ModelRef, ranked: Ranked): RankedItems {
  const indices = owned(ranked.items);
  const scores = owned(ranked.scores);
  const items = Array.from(indices, (i) => held.items.id(i));
  return transfer({ modelId: ref.modelId, version: held.version, items, indices, scores }, [
    indices.buffer,
    scores.buffer,
  ]);
}

/**
 * A copy of `a` in a buffer of its own: transferring detaches the buffer, and a model may hand out a
 * view of memory it keeps. Results are k items or one score per pair, so the copy is cheap.
 */
function owned<T extends Int32Array | Float32Array>(a: T): T {
  return a.slice() as T;
}
