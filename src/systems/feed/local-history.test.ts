import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../errors.ts';
import { ActorType, Inventory } from '../../world/feed-enums.ts';
import { generateWorld } from '../../world/generate.ts';
import { connectFeed, type FeedClient } from './client.ts';
import type { FeedInteraction } from './local-history.ts';
import { splitLog } from './split.ts';

describe("a member's feed from their own interaction history", () => {
  const spec = { members: 2000, seed: 4, sessions: 4000, spr: { bits: 16, epochs: 2 } };
  // The world the service rebuilds from the spec (generation is deterministic).
  const w = generateWorld({ members: spec.members, seed: spec.seed, feedSessions: spec.sessions });
  const a = w.feed.activities;
  let client: FeedClient;
  beforeAll(async () => {
    client = await connectFeed({ inThread: true });
    await client.train(spec).done;
  }, 120_000);

  it("with the world's logged interactions, ranks exactly as the stored history", async () => {
    const split = splitLog(w, 0.7, spec.seed);
    const { session, activity, outcome } = w.feed.log.impressions;
    const member = w.feed.log.sessions.member[session[split.trainImpressions[0]]];
    const history: FeedInteraction[] = [];
    for (const i of split.trainImpressions)
      if (w.feed.log.sessions.member[session[i]] === member)
        history.push({ activity: activity[i], clicked: outcome[i] !== 0 });
    expect(history.length).toBeGreaterThan(0);
    const logged = await client.rank({ member, size: 30 });
    const local = await client.rankFor({ member, history, size: 30 });
    expect(local.unknownActivities).toEqual([]);
    expect(local.items.map((i) => [i.activity, i.pctr])).toEqual(logged.items.map((i) => [i.activity, i.pctr]));
  });

  it('differs from no history, lifting the actors the member engaged with', async () => {
    // A member with connections whose network updates the member has not interacted with in the log.
    const conn = w.feed.connections;
    const byActor = new Map<number, number[]>();
    for (let act = 0; act < a.count; act++)
      if (a.inventory[act] === Inventory.NETWORK && a.actorType[act] === ActorType.MEMBER)
        byActor.set(a.actor[act], [...(byActor.get(a.actor[act]) ?? []), act]);
    let member = -1;
    let liked: number[] = [];
    for (let m = 0; m < w.members.count && member < 0; m++) {
      const friends = Array.from(conn.indices.subarray(conn.indptr[m], conn.indptr[m + 1]));
      const active = friends.filter((f) => (byActor.get(f)?.length ?? 0) >= 1);
      if (active.length >= 3) [member, liked] = [m, active.slice(0, 1)];
    }
    expect(member).toBeGreaterThanOrEqual(0);
    const history: FeedInteraction[] = liked.flatMap((f) =>
      (byActor.get(f) ?? []).flatMap((act) => Array.from({ length: 5 }, () => ({ activity: act, clicked: true }))),
    );
    history.push({ activity: a.count + 7, clicked: true });
    const none = await client.rankFor({ member, history: [], size: 100 });
    const mine = await client.rankFor({ member, history, size: 100 });
    expect(mine.unknownActivities).toEqual([a.count + 7]);
    const fromLiked = (f: typeof mine) => f.items.filter((i) => liked.includes(a.actor[i.activity]));
    // The engaged actors' updates score higher (X_ij: clicks on the actor) and rise in the feed.
    const pctr = (f: typeof mine) => new Map(fromLiked(f).map((i) => [i.activity, i.pctr]));
    const before = pctr(none);
    const after = pctr(mine);
    expect(after.size).toBeGreaterThan(0);
    for (const [act, p] of after) if (before.has(act)) expect(p).toBeGreaterThan(before.get(act) as number);
    const meanRank = (f: typeof mine) => {
      const r = fromLiked(f).map((i) => i.rank);
      return r.reduce((s, x) => s + x, 0) / Math.max(r.length, 1);
    };
    expect(meanRank(mine)).toBeLessThan(meanRank(none));
    const top = (f: typeof mine) => f.items.slice(0, 10).map((i) => i.activity);
    expect(top(mine)).not.toEqual(top(none));
    expect(fromLiked(mine)[0].topGroups.some((g) => g.group === 'X_ij')).toBe(true);
    await expect(client.rankFor({ member, history: [{ activity: 1.5, clicked: true }] })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
  });
});
