/**
 * The feed service: a plain class (no `self`) that workers expose through comlink. In the training
 * worker `train` generates the world, trains the SPR on the training sessions and evaluates it; in the
 * ranking worker `load` rebuilds the same world and pipeline from the spec and the SPR's state, then
 * `feed` assembles members' feeds.
 */
import { Rng } from '../../data/rng.ts';
import { InvalidArgumentError, UnknownIdError } from '../../errors.ts';
import type { ModelInfo, ModelStore } from '../../store/types.ts';
import { StoredSlot } from '../../store/stored-slot.ts';
import { INVENTORY_NAMES } from '../../world/feed-enums.ts';
import { describeActivity, describeMember } from '../../world/describe.ts';
import { generateWorld } from '../../world/generate.ts';
import type { World } from '../../world/types.ts';
import type { ModelState } from '../../models/recommender.ts';
import { buildFeedContext, historyFromLog } from './context.ts';
import { evaluateFeed } from './evaluate.ts';
import { buildFprs } from './fpr/index.ts';
import { historyFromInteractions, traceFeedWithHistory, type FeedInteraction } from './local-history.ts';
import { assembleFeed, traceFeed, type FeedItem, type FeedPipeline, type FeedTrace } from './pipeline.ts';
import { FEATURE_GROUP_NAMES, FEATURE_TEMPLATE_NAMES, templateGroup } from './spr/groups.ts';
import { SprModel } from './spr/model.ts';
import { splitLog } from './split.ts';
import { FEED_MODEL_ID, feedState, readFeedState } from './stored.ts';
import type {
  FeedProgress,
  FeedRestoreResult,
  FeedTiming,
  FeedTrainRequest,
  FeedTrainResult,
  FeedWorldSpec,
  WireFeed,
  WireGroupContribution,
} from './wire.ts';
import { checkArgument } from '../../rpc/validate.ts';
import { checkFeedSpec, checkFeedTrain } from './validate.ts';
import { int } from '../../models/shared/schema.ts';

const worldOf = (s: FeedWorldSpec): World =>
  generateWorld({ members: s.members, seed: s.seed, feedSessions: s.sessions ?? s.members * 2 });

/** Every group's contribution to `it`'s logit, with the features that fired in it (largest first). */
function groupsOf(it: FeedItem): WireGroupContribution[] {
  const out: WireGroupContribution[] = FEATURE_GROUP_NAMES.map((group, g) => ({
    group,
    contribution: it.groups?.[g] ?? 0,
    features: [],
  }));
  const f = it.features;
  if (!f) return out;
  for (let t = 0; t < f.value.length; t++) {
    const name = FEATURE_TEMPLATE_NAMES[t];
    if (name === undefined || (f.value[t] === 0 && f.contribution[t] === 0)) continue;
    out[templateGroup(t)].features.push({ name, value: f.value[t], contribution: f.contribution[t] });
  }
  for (const g of out) g.features.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  return out;
}

/**
 * Trains, evaluates and serves the feed. With a store, `keep` stores the SPR (with its world spec and
 * evaluation) after `train`, and `restore` serves it again without retraining.
 */
export class FeedService {
  private world: World | null = null;
  private pipeline: FeedPipeline | null = null;
  /** The last training's bundle until {@link keep} stores it. */
  private readonly slot: StoredSlot;

  constructor(store: ModelStore | null = null) {
    this.slot = new StoredSlot(store, FEED_MODEL_ID, 'feed');
  }

  /** Generates the world, trains the SPR and runs the offline evaluation; {@link keep} then stores it. */
  async train(req: FeedTrainRequest, onProgress?: (p: FeedProgress) => void): Promise<FeedTrainResult> {
    checkFeedTrain(req);
    this.slot.set(null); // never keep an earlier run's feed in place of a failed one
    const w = worldOf(req);
    const r = await evaluateFeed(w, { trainShare: req.trainShare, seed: req.seed, spr: req.spr, fit: { onProgress } });
    [this.world, this.pipeline] = [w, r.pipeline];
    const result: FeedTrainResult = {
      state: await r.pipeline.spr.toState(),
      report: {
        spr: r.spr,
        replay: r.replay,
        uniformTruth: r.uniformTruth,
        calibration: r.calibration,
        trainImpressions: r.sizes.trainImpressions,
        testImpressions: r.sizes.testImpressions,
        trainSeconds: r.trainSeconds,
      },
    };
    const spec: FeedWorldSpec = {
      members: req.members,
      seed: req.seed,
      sessions: req.sessions,
      trainShare: req.trainShare,
    };
    if (this.slot.enabled) this.slot.set(feedState(spec, result.state, result.report));
    return result;
  }

  /** Stores what `train` built last (one atomic save). `StorageQuotaError` when it does not fit (the trained state stays, to retry); `InvalidArgumentError` without a store or before training. */
  keep(): Promise<ModelInfo> {
    return this.slot.keep();
  }

  /** The stored bundle's info in a list (empty when nothing is stored), as every client's `list` gives it. */
  list(): Promise<ModelInfo[]> {
    return this.slot.list();
  }

  /** Deletes the stored bundle; `id` must be this system's (`FEED_MODEL_ID`). */
  delete(id: string): Promise<void> {
    return this.slot.delete(id);
  }

  /** The stored feed's info (no weights read), or null when nothing is stored (or there is no store). */
  stored(): Promise<ModelInfo | null> {
    return this.slot.stored();
  }

  /**
   * Serves the stored feed without retraining: rebuilds its world and pipeline, loads the SPR.
   * @throws ModelNotFoundError when nothing (or only the info) is stored: the browser may have evicted it.
   */
  async restore(): Promise<FeedRestoreResult> {
    const { info, state } = await this.slot.load();
    const { spec, spr, report } = readFeedState(state);
    await this.load(spec, spr);
    return { spec, report, stored: info };
  }

  /** Rebuilds the pipeline of `spec` with a trained SPR state (from `train`, possibly in another worker). */
  async load(spec: FeedWorldSpec, state: ModelState): Promise<void> {
    checkFeedSpec(spec);
    const w = worldOf(spec);
    const split = splitLog(w, spec.trainShare ?? 0.7, spec.seed);
    const ctx = buildFeedContext(w, historyFromLog(w, split.trainImpressions));
    const spr = new SprModel(state.config as { bits?: number });
    await spr.fromState(state);
    [this.world, this.pipeline] = [w, { ctx, fprs: buildFprs(ctx), spr }];
  }

  /** `count` members spread over the world, with a line describing each. */
  members(count: number): { id: number; text: string }[] {
    const w = this.ready().world;
    checkArgument(int(1, 10_000), count, 'count');
    const rng = new Rng(w.seed).fork('demo-members');
    return Array.from({ length: Math.min(count, w.members.count) }, () => rng.int(w.members.count)).map((id) => ({
      id,
      text: describeMember(w, id),
    }));
  }

  /** The member's feed (`size` items), every item explained. */
  feed(member: number, size = 20): WireFeed {
    const { world: w, pipeline } = this.ready();
    this.checkRequest(member, size);
    const t0 = performance.now();
    const { items, trace } = traceFeed(pipeline, { member, time: w.now }, { explain: true });
    return this.wire(member, size, items, trace, performance.now() - t0);
  }

  /**
   * The member's feed ranked from their own interaction history (kept on their device) in place of
   * the world's logged one: the SPR's member × actor features and the network FPR's affinity come
   * from `history`. Activity ids the world lacks are reported in `unknownActivities`, not counted.
   */
  feedFor(member: number, history: FeedInteraction[], size = 20): WireFeed & { unknownActivities: number[] } {
    const { world: w, pipeline } = this.ready();
    this.checkRequest(member, size);
    const t0 = performance.now();
    const local = historyFromInteractions(w.feed.activities, member, history);
    const { items, trace } = traceFeedWithHistory(pipeline, { member, time: w.now }, local.history, {
      explain: true,
    });
    return { ...this.wire(member, size, items, trace, performance.now() - t0), unknownActivities: local.unknown };
  }

  private checkRequest(member: number, size: number): void {
    const w = this.ready().world;
    if (!Number.isInteger(member) || member < 0 || member >= w.members.count)
      throw new UnknownIdError('member', member);
    checkArgument(int(1, 1000), size, 'size');
  }

  private wire(member: number, size: number, items: FeedItem[], trace: FeedTrace, ms: number): WireFeed {
    const w = this.ready().world;
    return {
      member,
      memberText: describeMember(w, member),
      candidates: trace.candidates,
      ms,
      trace,
      items: items.slice(0, size).map((it) => ({
        activity: it.activity,
        text: describeActivity(w, it.activity),
        inventory: INVENTORY_NAMES[it.inventory],
        source: it.source,
        fprScore: it.fprScore,
        pctr: it.pctr,
        sprRank: it.sprRank,
        rank: it.rank,
        changes: it.changes,
        topGroups: Array.from(it.groups ?? [], (c, g) => ({ group: FEATURE_GROUP_NAMES[g], contribution: c }))
          .filter((g) => g.group !== 'bias')
          .sort((x, y) => Math.abs(y.contribution) - Math.abs(x.contribution))
          .slice(0, 3),
        groups: groupsOf(it),
      })),
    };
  }

  /** Assembly latency over `members` random members, measured inside this worker. */
  time(members = 1000): FeedTiming {
    const { world: w, pipeline } = this.ready();
    checkArgument(int(1, 100_000), members, 'members');
    const rng = new Rng(11),
      times = new Float64Array(members);
    for (let i = 0; i < 50; i++) assembleFeed(pipeline, { member: rng.int(w.members.count), time: w.now });
    for (let i = 0; i < members; i++) {
      const t0 = performance.now();
      assembleFeed(pipeline, { member: rng.int(w.members.count), time: w.now });
      times[i] = performance.now() - t0;
    }
    times.sort();
    const q = (p: number): number => times[Math.min(members - 1, Math.floor(p * members))];
    return { members, p50: q(0.5), p99: q(0.99), mean: times.reduce((s, x) => s + x, 0) / members };
  }

  private ready(): { world: World; pipeline: FeedPipeline } {
    if (!this.world || !this.pipeline) throw new InvalidArgumentError('feed service: call train or load first');
    return { world: this.world, pipeline: this.pipeline };
  }
}
