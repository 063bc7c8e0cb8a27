import { describe, expect, it } from 'vitest';
import { DataFormatError, ModelNotFoundError, StateVersionError, StorageQuotaError } from '../../errors.ts';
import { MemoryModelStore } from '../../store/memory-store.ts';
import { FeedService } from './service.ts';
import { FEED_MODEL_ID, readFeedState } from './stored.ts';
import type { WireFeed } from './wire.ts';

const SPEC = { members: 1_500, seed: 3, sessions: 3_000, spr: { bits: 14, epochs: 1 } };

/** A feed with every measured time replaced by "any number": the rest must match exactly. */
function anyTimes(feed: WireFeed): unknown {
  const t = feed.trace,
    any = expect.any(Number);
  return {
    ...feed,
    ms: any,
    trace: {
      ...t,
      ms: any,
      fprs: t.fprs.map((f) => ({ ...f, ms: any })),
      spr: { ...t.spr, ms: any },
      rerank: { ...t.rerank, ms: any },
    },
  };
}

describe('feed state in the model store', () => {
  it('a new service restores the SPR, its world and its evaluation: bit-identical feeds, no retraining', async () => {
    const store = new MemoryModelStore();
    const trained = new FeedService(store);
    const { report } = await trained.train(SPEC);
    const stored = await trained.keep();
    expect(stored).toMatchObject({ id: FEED_MODEL_ID, kind: 'feed', stateVersion: 1, version: 1 });

    const fresh = new FeedService(store);
    expect(await fresh.stored()).toEqual(stored);
    const restored = await fresh.restore();
    expect(restored.stored).toEqual(stored);
    expect(restored.spec).toEqual({ members: 1_500, seed: 3, sessions: 3_000 });
    expect(restored.report).toEqual(report);
    const members = fresh.members(5);
    expect(members).toEqual(trained.members(5));
    for (const { id } of members) expect(fresh.feed(id, 10)).toEqual(anyTimes(trained.feed(id, 10)));

    const { state } = await store.load(FEED_MODEL_ID);
    expect(() => readFeedState({ ...state, stateVersion: 2 })).toThrow(StateVersionError);
    expect(() => readFeedState({ ...state, meta: { ...state.meta, world: { members: -1, seed: 3 } } })).toThrow(
      /meta\.world\.members/,
    );
    expect(() => readFeedState({ ...state, meta: { world: state.meta.world } })).toThrow(DataFormatError);
  });

  it('nothing stored or a vanished model is ModelNotFoundError; a full quota is StorageQuotaError', async () => {
    const store = new MemoryModelStore();
    const service = new FeedService(store);
    expect(await service.stored()).toBeNull();
    await expect(service.restore()).rejects.toBeInstanceOf(ModelNotFoundError);
    const small = new FeedService(new MemoryModelStore({ quota: 1_000 }));
    await small.train(SPEC);
    await expect(small.keep()).rejects.toBeInstanceOf(StorageQuotaError);
    expect(small.members(1)).toHaveLength(1); // the trained feed still serves this session
  });
});
