import * as Comlink from 'comlink';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { IdMap } from '../data/idmap.ts';
import { StaleModelError, UnknownIdError } from '../errors.ts';
import { modelFromState } from '../models/registry.ts';
import { MemoryModelStore } from '../store/memory-store.ts';
import type { ModelInfo } from '../store/types.ts';
import { checkerboardCsv, NODE_MF } from '../testing/rpc-fixtures.ts';
import { installErrorTransfer } from './errors.ts';
import type { RankedItems, RankingApi, RecommendRequest, TrainRequest } from './protocol.ts';
import { RankingService } from './ranking-service.ts';
import { TrainingService } from './training-service.ts';

installErrorTransfer();

const train = (over: Partial<TrainRequest> = {}): TrainRequest => ({
  modelId: 'mf-rank',
  kind: 'mf',
  config: NODE_MF,
  data: { csv: checkerboardCsv(), file: 'checkerboard.csv' },
  backend: 'cpu',
  ...over,
});

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

/** A ranking "worker": the service behind a MessageChannel. */
function connect(service: RankingService): Comlink.Remote<RankingApi> {
  const { port1, port2 } = new MessageChannel();
  Comlink.expose(service, port1);
  const remote = Comlink.wrap<RankingApi>(port2);
  cleanups.push(() => (remote[Comlink.releaseProxy](), port1.close(), service.dispose()));
  return remote;
}

let store: MemoryModelStore;
let v1: ModelInfo;
beforeAll(async () => {
  store = new MemoryModelStore();
  v1 = (await new TrainingService(store).train(train(), () => undefined)).info;
});

describe('RankingService over a MessageChannel', () => {
  it('ranks by external ids, as the stored model ranks by dense index', async () => {
    const ranking = connect(new RankingService(store, { backend: 'cpu' }));
    const got = await ranking.recommend({ modelId: 'mf-rank', version: v1.version, user: 3, k: 5 });

    const { state } = await store.load('mf-rank');
    const model = await modelFromState(state);
    const users = IdMap.fromJSON(state.meta.userIds);
    const items = IdMap.fromJSON(state.meta.itemIds);
    const direct = await model.recommend(users.index(3), { k: 5 });
    model.dispose();
    expect(got).toEqual({
      modelId: 'mf-rank',
      version: v1.version,
      items: Array.from(direct.items, (i) => items.id(i)),
      indices: direct.items,
      scores: direct.scores,
    });
    // The checkerboard: user 3 (odd) likes odd items (external ids 101, 103, …).
    expect(got.items.every((id) => Number(id) % 2 === 1)).toBe(true);
  });

  it('honours exclude (unknown ids ignored) and candidates, and scores pairs', async () => {
    const ranking = connect(new RankingService(store, { backend: 'cpu' }));
    const ref = { modelId: 'mf-rank', version: v1.version };
    const top = await ranking.recommend({ ...ref, user: 3, k: 3 });
    const without = await ranking.recommend({ ...ref, user: 3, k: 3, exclude: [top.items[0], 'no-such-item'] });
    expect(without.items).not.toContain(top.items[0]);
    expect(without.items.slice(0, 2)).toEqual(top.items.slice(1));

    // excludeSeen leaves out exactly the user's training items (the CSV's rows of user 3).
    const seen = new Set(
      checkerboardCsv()
        .split('\n')
        .map((line) => line.split(','))
        .filter((f) => f[0] === '3')
        .map((f) => Number(f[1])),
    );
    const everything = await ranking.recommend({ ...ref, user: 3, k: 1000 });
    const unseen = await ranking.recommend({ ...ref, user: 3, k: 1000, excludeSeen: true });
    expect(seen.size).toBeGreaterThan(0);
    expect(unseen.items).toEqual(everything.items.filter((id) => !seen.has(Number(id))));

    const picked = await ranking.recommend({ ...ref, user: 3, k: 2, candidates: [102, 104, 105] });
    expect(picked.items).toEqual([105, expect.any(Number)]);
    const scores = await ranking.score({ ...ref, users: [3, 3], items: [105, 104] });
    expect(scores).toBeInstanceOf(Float32Array);
    expect(scores[0]).toBeGreaterThan(scores[1]);
    expect(scores[0]).toBeCloseTo(picked.scores[0], 5);

    const similar = await ranking.similarItems({ ...ref, item: 105, k: 4 });
    expect(similar.items).not.toContain(105);
    expect(similar.items.filter((id) => Number(id) % 2 === 1).length).toBeGreaterThanOrEqual(3);
  });

  it('sends result arrays by transfer (the service keeps no copy)', async () => {
    const sent: (RankedItems | Float32Array)[] = [];
    class Spy extends RankingService {
      override async recommend(r: RecommendRequest): Promise<RankedItems> {
        const out = await super.recommend(r);
        sent.push(out);
        return out;
      }
    }
    const ranking = connect(new Spy(store, { backend: 'cpu' }));
    const got = await ranking.recommend({ modelId: 'mf-rank', version: v1.version, user: 4, k: 6 });
    expect(got.scores).toHaveLength(6);
    const [out] = sent as RankedItems[];
    expect(out.scores.buffer.byteLength).toBe(0); // detached by the transfer
    expect(out.indices.buffer.byteLength).toBe(0);
  });

  it('rehydrates from the store when it holds another version, and says StaleModelError when the store lacks it', async () => {
    const local = new MemoryModelStore();
    const first = (await new TrainingService(local).train(train({ modelId: 'm' }), () => undefined)).info;
    const service = new RankingService(local, { backend: 'cpu' });
    const ranking = connect(service);
    expect(await ranking.loadedModels()).toEqual([]);
    await ranking.recommend({ modelId: 'm', version: first.version, user: 1 });
    expect(await ranking.loadedModels()).toEqual([{ modelId: 'm', version: first.version, kind: 'mf' }]);

    const second = (
      await new TrainingService(local).train(train({ modelId: 'm', config: { ...NODE_MF, seed: 9 } }), () => undefined)
    ).info;
    const fresh = await ranking.recommend({ modelId: 'm', version: second.version, user: 1 });
    expect(fresh.version).toBe(second.version);
    expect(await ranking.loadedModels()).toEqual([{ modelId: 'm', version: second.version, kind: 'mf' }]);

    const stale = await ranking.recommend({ modelId: 'm', version: first.version, user: 1 }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(StaleModelError);
    expect(stale).toMatchObject({ id: 'm', expected: first.version, found: second.version });
    const missing = await ranking.recommend({ modelId: 'none', version: 1, user: 1 }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ name: 'StaleModelError', id: 'none', expected: 1, found: null });
  });

  it('a new service (a restarted worker) answers from the store, never from empty state', async () => {
    const a = await connect(new RankingService(store, { backend: 'cpu' })).recommend({
      modelId: 'mf-rank',
      version: v1.version,
      user: 7,
    });
    const b = await connect(new RankingService(store, { backend: 'cpu' })).recommend({
      modelId: 'mf-rank',
      version: v1.version,
      user: 7,
    });
    expect(b).toEqual(a);
    expect(b.items).toHaveLength(10);
  });

  it('unknown users cross as UnknownIdError with kind and id', async () => {
    const ranking = connect(new RankingService(store, { backend: 'cpu' }));
    const err = await ranking
      .recommend({ modelId: 'mf-rank', version: v1.version, user: 'ghost' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownIdError);
    expect(err).toMatchObject({ kind: 'user', id: 'ghost' });
  });

  it('lists and deletes stored models, unloading them', async () => {
    const local = new MemoryModelStore();
    const info = (await new TrainingService(local).train(train({ modelId: 'gone' }), () => undefined)).info;
    const ranking = connect(new RankingService(local, { backend: 'cpu' }));
    await ranking.recommend({ modelId: 'gone', version: info.version, user: 1 });
    expect((await ranking.models()).map((m) => m.id)).toEqual(['gone']);
    await ranking.deleteModel('gone');
    expect(await ranking.models()).toEqual([]);
    expect(await ranking.loadedModels()).toEqual([]);
  });
});
