/**
 * A person's own state on this device (issue 10 §2): their history and the user-side parameters a
 * model folded in from it, kept in the profile database (never in the model store, whose shipped
 * model stays read-only and shared). Every change is a read-modify-write under a lock of the origin
 * (Web Locks where available), so two tabs never lose each other's changes; each stored state gets
 * the next revision, and a BroadcastChannel tells the other tabs' profile objects to reload.
 */
import type { ExternalId } from '../data/idmap.ts';
import { LinkrecError, UnknownIdError } from '../errors.ts';
import type { CoursesClient } from '../rpc/client.ts';
import type { ExplainedForHistory, RankedForHistory, RecommendForRequest } from '../rpc/protocol.ts';
import { defaultLocks } from '../store/locks.ts';
import type { LockRequester } from '../store/local-locks.ts';
import { PROFILE_DB_NAME, ProfileDatabase, profileKey } from './database.ts';
import { channelName, emptyState, lockName, wire, withoutRevision, type Where } from './state.ts';
import type { Interaction, ProfileChange, ProfileState } from './types.ts';
import { interaction as checkInteraction, features as checkFeatures, itemId, profileWhere } from './validate.ts';

/** What a profile needs of a courses client: the ranking worker's history methods. */
export type ProfileClient = Pick<CoursesClient, 'rankFor' | 'explainFor' | 'foldIn'>;

/** Options of {@link openProfile}. */
export interface ProfileOptions {
  /** The stored model that folds the person in and ranks for them. */
  modelId: string;
  /** Its `ModelInfo.version`; a state folded by another version is folded again (cold) on first use. */
  version: number;
  /** Whose profile (default `'me'`). */
  person?: string;
  /** The profile database (default `'linkrec-personal'`). */
  dbName?: string;
  /** Lock manager (tests); default `navigator.locks`, or an in-process one where that is missing. */
  locks?: LockRequester;
}

/** Options of {@link PersonalProfile.recommend}: `rankFor`'s, `excludeSeen` defaulting to true. */
export type ProfileRankOptions = Omit<RecommendForRequest, 'modelId' | 'version' | 'history' | 'folded'>;

/**
 * Opens `person`'s profile for the stored model `{ modelId, version }`: the state a reload, or another
 * tab, left is there. Ranking and fold-in run in the client's ranking worker.
 * @example
 * ```ts
 * import { connectCourses, openProfile } from 'linkrec';
 * const courses = await connectCourses();
 * const me = await openProfile(courses, { modelId: 'movies', version: 3 });
 * await me.add({ item: 1193 });                     // folds in incrementally, persists
 * const { items } = await me.recommend({ k: 10 });  // for this history, watched ones left out
 * await me.forget(1193);                            // as if never seen
 * me.onChange(({ state }) => console.log(state.interactions.length)); // this or another tab changed it
 * ```
 */
export async function openProfile(courses: ProfileClient, options: ProfileOptions): Promise<PersonalProfile> {
  const {
    modelId,
    version,
    person = 'me',
    dbName = PROFILE_DB_NAME,
  } = profileWhere(
    { modelId: options.modelId, version: options.version, person: options.person, dbName: options.dbName },
    'options',
  );
  const db = new ProfileDatabase(dbName);
  try {
    const key = profileKey(modelId, person);
    const { state, revision } = await db.read(key);
    const where = { modelId, version, person, key };
    return new PersonalProfile(
      courses,
      db,
      where,
      state ?? emptyState(where, revision),
      options.locks ?? defaultLocks(),
    );
  } catch (err) {
    db.close();
    throw err;
  }
}

/** What a mutation leaves: the next state (null: delete the record), or `unchanged`. */
type Next = Omit<ProfileState, 'revision'> | null | typeof unchanged;
const unchanged = Symbol('unchanged');

/**
 * One person's profile for one model (see {@link openProfile}). `state` is the last state this object
 * knows (its own changes, and other tabs' once their broadcast arrived); `history()` reads the store.
 * @example
 * ```ts
 * import { connectCourses, openProfile } from 'linkrec';
 * const me = await openProfile(await connectCourses(), { modelId: 'movies', version: 3 });
 * const state = await me.add({ item: 'course-42', duration: 0.8 });
 * console.log(state.folded?.method, state.revision);
 * ```
 */
export class PersonalProfile {
  private current: ProfileState;
  private readonly listeners = new Set<(change: ProfileChange) => void>();
  private readonly channel: BroadcastChannel | undefined;
  private disposed = false;

  /** @internal use {@link openProfile}. */
  constructor(
    private readonly courses: ProfileClient,
    private readonly db: ProfileDatabase,
    private readonly where: Where,
    state: ProfileState,
    private readonly locks: LockRequester,
  ) {
    this.current = state;
    if (typeof BroadcastChannel === 'function') {
      this.channel = new BroadcastChannel(channelName(db.name));
      this.channel.onmessage = (event: MessageEvent<{ key?: unknown }>) => {
        if (event.data?.key === where.key) void this.reload().catch(() => undefined);
      };
    }
  }

  /** The last state this object knows (read-only). */
  get state(): ProfileState {
    return this.current;
  }

  /** The person's interactions as stored now, in the order they were added. */
  async history(): Promise<Interaction[]> {
    return (await this.reload()).interactions.map((i) => ({ ...i }));
  }

  /**
   * Adds one interaction (`time` defaults to now): folds it in warm-started from the kept solution
   * (no refit), stores the result and returns it (a `'relaxed'` write: a crash may lose the latest add,
   * never a forget, which is written `'strict'`). An item the model does not know is an
   * `UnknownIdError` and nothing stored changes; a model that cannot fold in, an `InvalidArgumentError`
   * naming its kind.
   */
  async add(interaction: Interaction): Promise<ProfileState> {
    const checked = checkInteraction(interaction, 'interaction');
    const added: Interaction = { ...checked, time: checked.time ?? Date.now() / 1000 };
    return this.mutate(async (state) => {
      const interactions = [...state.interactions, added];
      const warm = state.modelVersion === this.where.version ? (state.folded ?? undefined) : undefined;
      const history = wire(interactions, state.features);
      const { folded, unknown } = await this.courses.foldIn({ ...this.ref(), history, warm });
      if (unknown.includes(added.item)) throw new UnknownIdError('item', added.item);
      return this.next(state, interactions, folded);
    }, 'relaxed');
  }

  /**
   * Removes every interaction with `item` and folds the rest in from scratch: the stored state is then
   * exactly what a fresh fold-in of the remaining history gives (bit for bit). Should that fold-in
   * fail, the interactions are removed all the same (kept without a fold-in) and the error is thrown.
   */
  async forget(item: ExternalId): Promise<ProfileState> {
    itemId(item, 'item');
    let failure: { error: unknown } | undefined;
    const state = await this.mutate(async (state) => {
      const interactions = state.interactions.filter((i) => i.item !== item);
      if (interactions.length === state.interactions.length) return unchanged;
      try {
        return await this.refolded(state, interactions);
      } catch (error) {
        failure = { error };
        return { ...this.next(state, interactions, null), modelVersion: 0 };
      }
    });
    if (failure) throw failure.error;
    return state;
  }

  /**
   * Replaces the person's own features (what GLMix' per-learner effect reads, e.g.
   * `{ seniority: 2, 'skill:python': 1 }`) and folds the history in again from scratch.
   */
  async setFeatures(features: Record<string, number>): Promise<ProfileState> {
    const checked = checkFeatures(features, 'features');
    return this.mutate(async (state) => this.refolded({ ...state, features: checked }, state.interactions));
  }

  /** Deletes the person's stored record (history, features and fold-in) for this model. */
  async forgetAll(): Promise<ProfileState> {
    return this.mutate(async () => null);
  }

  /** Top-k items for the person's history with the kept fold-in (leaving out what they interacted with unless `excludeSeen: false`). */
  async recommend(options: ProfileRankOptions = {}): Promise<RankedForHistory> {
    const state = await this.usable();
    return this.courses.rankFor(this.rankRequest(state, options));
  }

  /** `recommend` with a reason per item, for models that give reasons. */
  async explain(options: ProfileRankOptions = {}): Promise<ExplainedForHistory> {
    const state = await this.usable();
    return this.courses.explainFor(this.rankRequest(state, options));
  }

  /** Calls `listener` after every change of the state, by this object or another (tab); returns the unsubscribe. */
  onChange(listener: (change: ProfileChange) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Stops listening to other tabs and closes the database connection. */
  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
    this.channel?.close();
    this.db.close();
  }

  private ref(): { modelId: string; version: number } {
    return { modelId: this.where.modelId, version: this.where.version };
  }

  private rankRequest(state: ProfileState, options: ProfileRankOptions): RecommendForRequest {
    return {
      excludeSeen: true,
      ...options,
      ...this.ref(),
      history: wire(state.interactions, state.features),
      folded: state.folded ?? undefined,
    };
  }

  /** The stored state, folded again (cold) first when another model version folded it. */
  private async usable(): Promise<ProfileState> {
    const state = await this.reload();
    if (state.interactions.length === 0 || state.modelVersion === this.where.version) return state;
    return this.mutate(async (fresh) =>
      fresh.modelVersion === this.where.version ? unchanged : this.refolded(fresh, fresh.interactions),
    );
  }

  /** `interactions` folded in from scratch by this profile's model (no fold-in for an empty history). */
  private async refolded(state: ProfileState, interactions: Interaction[]): Promise<Next> {
    if (interactions.length === 0) return this.next(state, interactions, null);
    const { folded } = await this.courses.foldIn({ ...this.ref(), history: wire(interactions, state.features) });
    return this.next(state, interactions, folded);
  }

  private next(
    state: ProfileState,
    interactions: Interaction[],
    folded: ProfileState['folded'],
  ): Omit<ProfileState, 'revision'> {
    return { ...state, interactions, folded, modelVersion: this.where.version, updatedAt: Date.now() };
  }

  /** Read-modify-write under the profile's lock; stores `change`'s result under the next revision and tells the other tabs. */
  private mutate(
    change: (state: ProfileState) => Promise<Next>,
    durability: IDBTransactionDurability = 'strict',
  ): Promise<ProfileState> {
    if (this.disposed) return Promise.reject(new LinkrecError(`profile ${this.where.key} is disposed`));
    return this.locks.request(lockName(this.db.name, this.where.key), {}, async () => {
      const { state, revision } = await this.db.read(this.where.key);
      const before = state ?? emptyState(this.where, revision);
      const next = await change(before);
      if (next === unchanged) return this.publish(before, 'local');
      const written = await this.db.write(this.where.key, next && withoutRevision(next), durability);
      const after = next ? { ...next, revision: written } : emptyState(this.where, written);
      this.channel?.postMessage({ key: this.where.key, revision: written });
      return this.publish(after, 'local');
    });
  }

  /** Reads the stored state and takes it when it is newer than the one known here. */
  private async reload(): Promise<ProfileState> {
    const { state, revision } = await this.db.read(this.where.key);
    return this.publish(state ?? emptyState(this.where, revision), 'remote');
  }

  /** Takes `state` when it is newer than the one known here (and tells the listeners); returns the newest. */
  private publish(state: ProfileState, origin: ProfileChange['origin']): ProfileState {
    if (state.revision > this.current.revision) {
      this.current = state;
      for (const listener of [...this.listeners]) {
        try {
          listener({ state, origin });
        } catch (error) {
          queueMicrotask(() => {
            throw error; // a listener's bug is reported, never taken for a failed change
          });
        }
      }
    }
    return this.current;
  }
}
