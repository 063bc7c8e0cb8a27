/**
 * Item-kNN with cosine similarity (benfred/implicit's ItemItemRecommender), wrapping the evaluation
 * baseline `ItemKnnScorer`: fit builds each item's top-k neighbour list; a user's score for an item
 * sums its similarities to the user's training items. The state holds the lists and the histories.
 */
import { type InteractionLog, userItemRows } from '../../data/index.ts';
import { ItemKnnScorer } from './scorer.ts';
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
import { checkHistory, distinctItems, historyCandidates, nothingToFold } from '../shared/history.ts';
import { Catalogue } from '../shared/catalogue.ts';
import { instantFit } from '../shared/instant-fit.ts';
import { checkKindAndVersion, floatTensor, intTensor, readFloat, readInt } from '../shared/state.ts';
import { checkInteger, checkKnownKeys, checkRows } from '../shared/state-checks.ts';
import { pick, topK } from '../shared/topk.ts';
import { checkK, checkPairs } from '../shared/validate.ts';
import { emptyLists, itemDegrees, scoreAllItems, scoreItemsOf, type KnnLists } from './neighbours.ts';

/** Registry key of item-kNN. */
export const ITEMKNN_KIND = 'itemknn';
/** Current state version: tensors `ptr`, `nbr`, `sim` (neighbour lists), `historyPtr`, `history`. */
export const ITEMKNN_STATE_VERSION = 1;

/** Options of {@link ItemKnnModel}. */
export type ItemKnnConfig = {
  /** Neighbours kept per item (default 200, as the baseline). */
  k?: number;
};

/** Item-kNN (cosine) recommender. */
export class ItemKnnModel implements Recommender<InteractionLog> {
  readonly kind = ITEMKNN_KIND;
  readonly config: { k: number };
  private catalogue = new Catalogue();
  private lists: KnnLists = emptyLists();

  /** @example new ItemKnnModel({ k: 100 }) */
  constructor(config: ItemKnnConfig = {}) {
    this.config = { k: config.k ?? 200 };
    if (!Number.isInteger(this.config.k) || this.config.k < 1) {
      throw new InvalidArgumentError(`itemknn: k must be an integer >= 1, got ${this.config.k}`);
    }
  }

  /** Builds the neighbour lists from the log's distinct (user, item) pairs. */
  fit(log: InteractionLog, options: FitOptions = {}): Promise<FitResult> {
    const build = () => {
      const history = userItemRows(log);
      const scorer = new ItemKnnScorer(history, this.config.k);
      return {
        lists: { ptr: scorer.ptr, nbr: scorer.nbr, sim: scorer.sim, history },
        catalogue: Catalogue.fromLog(log).withHistory(history),
      };
    };
    return instantFit(this.kind, log, options, build, (b) => ((this.lists = b.lists), (this.catalogue = b.catalogue)));
  }

  async recommend(user: number, options: RecommendOptions = {}): Promise<Ranked> {
    const k = checkK(options.k);
    this.catalogue.checkUser(user);
    const items = this.catalogue.candidates(user, options);
    return topK(items, pick(scoreAllItems(this.lists, user), items), k);
  }

  /** Nothing to solve: item-kNN reads the history itself (method `'none'`). */
  async foldIn(history: History): Promise<FoldedUser> {
    checkHistory(history, this.catalogue.nItems, this.kind);
    return nothingToFold(this.kind);
  }

  /**
   * Scores as `recommend` does for a training user: the neighbour rows of the history's distinct
   * items summed. An empty history has no neighbours: it gets the items by how many training users
   * had them (most-popular, the best guess for a new person).
   */
  async recommendFor(history: History, options: RecommendForOptions = {}): Promise<Ranked> {
    const k = checkK(options.k);
    checkHistory(history, this.catalogue.nItems, this.kind);
    const items = historyCandidates(this.catalogue.nItems, history, options);
    const nItems = this.catalogue.nItems;
    const scores =
      history.items.length > 0
        ? scoreItemsOf(this.lists, distinctItems(history), nItems)
        : itemDegrees(this.lists.history.indices, nItems);
    return topK(items, pick(scores, items), k);
  }

  async score(users: Int32Array, items: Int32Array): Promise<Float32Array> {
    checkPairs(users, items, this.catalogue.nUsers, this.catalogue.nItems);
    const out = new Float32Array(users.length);
    const cache = new Map<number, Float32Array>();
    for (let t = 0; t < users.length; t++) {
      let all = cache.get(users[t]);
      if (!all) cache.set(users[t], (all = scoreAllItems(this.lists, users[t])));
      out[t] = all[items[t]];
    }
    return out;
  }

  /** The item's neighbour list without the item itself, best first. */
  async similarItems(item: number, k: number): Promise<Ranked> {
    this.catalogue.checkItem(item);
    const n = checkK(k);
    const { ptr, nbr, sim } = this.lists;
    const items: number[] = [];
    const scores: number[] = [];
    for (let q = ptr[item]; q < ptr[item + 1] && items.length < n; q++) {
      if (nbr[q] !== item) items.push(nbr[q]), scores.push(sim[q]);
    }
    return { items: Int32Array.from(items), scores: Float32Array.from(scores) };
  }

  async toState(): Promise<ModelState> {
    const { ptr, nbr, sim, history } = this.lists;
    return {
      kind: this.kind,
      stateVersion: ITEMKNN_STATE_VERSION,
      config: { ...this.config },
      tensors: {
        ptr: intTensor(ptr.slice()),
        nbr: intTensor(nbr.slice()),
        sim: floatTensor(sim.slice(), [sim.length]),
        historyPtr: intTensor(history.indptr.slice()),
        history: intTensor(history.indices.slice()),
      },
      meta: this.catalogue.toMeta(),
    };
  }

  async fromState(state: ModelState): Promise<void> {
    checkKindAndVersion(state, this.kind, ITEMKNN_STATE_VERSION);
    const catalogue = Catalogue.fromMeta(state.meta, this.kind);
    const { nUsers, nItems } = catalogue;
    checkKnownKeys(this.kind, 'config', state.config, ['k']);
    const k =
      state.config.k === undefined
        ? this.config.k
        : checkInteger(this.kind, 'config.k', state.config.k, 1, 2 ** 31 - 1);
    const ptr = readInt(state, 'ptr', [nItems + 1]).slice();
    const nbr = readInt(state, 'nbr').slice();
    checkRows(
      this.kind,
      { ptr: 'tensors.ptr', idx: 'tensors.nbr' },
      { nRows: nItems, nCols: nItems, indptr: ptr, indices: nbr },
      nItems,
    );
    const sim = readFloat(state, 'sim', [nbr.length]).slice();
    const historyPtr = readInt(state, 'historyPtr', [nUsers + 1]).slice();
    const history = { nRows: nUsers, nCols: nItems, indptr: historyPtr, indices: readInt(state, 'history').slice() };
    checkRows(this.kind, { ptr: 'tensors.historyPtr', idx: 'tensors.history' }, history, nItems, true);
    this.config.k = k;
    this.lists = { ptr, nbr, sim, history };
    this.catalogue = catalogue.withHistory(history);
  }

  dispose(): void {
    this.lists = emptyLists();
    this.catalogue = new Catalogue();
  }
}
