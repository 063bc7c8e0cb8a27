/**
 * A tiny model with a known fold-in, for the history RPC and the personal profile in Node: items are
 * points on a plane, a person's vector is solved by a few fixed-point steps toward the mean of their
 * items (cold from zero, or warm from an earlier solution, so warm and cold results differ in their
 * low bits; a `shift` feature moves the target), and scores are dot products. `nofold` is the same model without any history method.
 */
import { IdMap } from '../data/idmap.ts';
import type {
  FoldedUser,
  History,
  ModelState,
  Ranked,
  Recommender,
  RecommendForOptions,
} from '../models/recommender.ts';
import type { ModelData } from '../models/registry.ts';
import type { StateLoader } from '../rpc/model-cache.ts';

/** Item ids of the fixture's catalogue (external ids 101…108). */
export const FOLD_ITEMS = [101, 102, 103, 104, 105, 106, 107, 108];

/** A stored state of the fixture (`kind` `'fold'` or `'nofold'`). */
export function foldState(kind: 'fold' | 'nofold' = 'fold'): ModelState {
  const points = new Float32Array(FOLD_ITEMS.length * 2);
  FOLD_ITEMS.forEach((_, i) => {
    points[2 * i] = Math.cos(i * 0.8);
    points[2 * i + 1] = Math.sin(i * 0.8);
  });
  return {
    kind,
    stateVersion: 1,
    config: {},
    tensors: { points: { shape: [FOLD_ITEMS.length, 2], dtype: 'float32', data: points } },
    meta: {
      userIds: new IdMap([1], 'user').toJSON() as never,
      itemIds: new IdMap(FOLD_ITEMS, 'item').toJSON() as never,
    },
  };
}

const STEPS = 5;

/** The required methods only (no history methods). */
class PlainModel implements Recommender<ModelData> {
  constructor(
    readonly kind: string,
    protected readonly points: Float32Array,
  ) {}

  fit(): never {
    throw new Error('the fold-in fixture does not train');
  }
  async recommend(): Promise<Ranked> {
    return { items: new Int32Array(0), scores: new Float32Array(0) };
  }
  async score(users: Int32Array): Promise<Float32Array> {
    return new Float32Array(users.length);
  }
  async toState(): Promise<ModelState> {
    return foldState(this.kind as 'fold');
  }
  async fromState(): Promise<void> {}
  dispose(): void {}
}

class FoldModel extends PlainModel {
  async foldIn(history: History, warm?: FoldedUser): Promise<FoldedUser> {
    const target = [0, 0];
    for (const item of history.items) for (let d = 0; d < 2; d++) target[d] += this.points[2 * item + d];
    const n = Math.max(1, history.items.length);
    target[0] += (history.features?.shift ?? 0) * n; // a person's feature moves their target
    const u = warm ? Float32Array.from(warm.vector) : new Float32Array(2);
    for (let step = 0; step < STEPS; step++)
      for (let d = 0; d < 2; d++) u[d] = Math.fround(u[d] + 0.5 * (target[d] / n - u[d]));
    const loss = (u[0] - target[0] / n) ** 2 + (u[1] - target[1] / n) ** 2;
    // A field of this kind's own, as a blend's `parts`: it must survive the wire and the profile store.
    const start = warm ? 'warm' : 'cold';
    return { kind: this.kind, vector: u, method: 'fixed-point', iterations: STEPS, loss, start } as FoldedUser;
  }

  async recommendFor(history: History, options: RecommendForOptions = {}): Promise<Ranked> {
    const u = (options.folded ?? (await this.foldIn(history))).vector;
    const skip = new Set<number>(options.exclude ?? []);
    if (options.excludeSeen) for (const i of history.items) skip.add(i);
    const pool = options.candidates ? [...options.candidates] : FOLD_ITEMS.map((_, i) => i);
    const scored = pool
      .filter((i) => !skip.has(i))
      .map((i) => ({ i, s: Math.fround(u[0] * this.points[2 * i] + u[1] * this.points[2 * i + 1]) }))
      .sort((a, b) => b.s - a.s || a.i - b.i)
      .slice(0, options.k ?? 10);
    return { items: Int32Array.from(scored, (x) => x.i), scores: Float32Array.from(scored, (x) => x.s) };
  }

  async explainFor(history: History, options?: RecommendForOptions) {
    const ranked = await this.recommendFor(history, options);
    return { ...ranked, reasons: Array.from(ranked.items, (i) => ({ source: 'fold', text: `near item ${i}` })) };
  }
}

/** A `RankingServiceOptions.fromState` that builds the fixture (`'nofold'`: no history methods). */
export const foldLoader: StateLoader = async (state) => {
  const points = state.tensors.points.data as Float32Array;
  return state.kind === 'nofold' ? new PlainModel(state.kind, points) : new FoldModel(state.kind, points);
};
