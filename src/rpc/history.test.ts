import * as Comlink from 'comlink';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError, UnknownIdError } from '../errors.ts';
import { MemoryModelStore } from '../store/memory-store.ts';
import { FOLD_ITEMS, foldLoader, foldState } from '../testing/fold-in-fixtures.ts';
import { connectCourses, type CoursesClient } from './client.ts';
import { installErrorTransfer } from './errors.ts';
import type { ModelRef, RankingApi } from './protocol.ts';
import { RankingService } from './ranking-service.ts';

installErrorTransfer();

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

/** The ranking service behind a MessageChannel, as a worker would hold it. */
function connect(store: MemoryModelStore): Comlink.Remote<RankingApi> {
  const service = new RankingService(store, { backend: 'cpu', fromState: foldLoader });
  const { port1, port2 } = new MessageChannel();
  Comlink.expose(service, port1);
  const remote = Comlink.wrap<RankingApi>(port2);
  cleanups.push(() => (remote[Comlink.releaseProxy](), port1.close(), service.dispose()));
  return remote;
}

let store: MemoryModelStore;
let fold: ModelRef;
let nofold: ModelRef;
beforeAll(async () => {
  store = new MemoryModelStore();
  fold = { modelId: 'fold', version: (await store.save('fold', foldState('fold'))).version };
  nofold = { modelId: 'nofold', version: (await store.save('nofold', foldState('nofold'))).version };
});

describe('ranking for a history', () => {
  it('maps ids, reports unknown ones, returns the fold-in it used and reuses a given one', async () => {
    const ranking = connect(store);
    const history = { items: [101, 'x', 103, 999, 'x'], times: [1, 2, 3, 4, 5] };
    const got = await ranking.recommendFor({ ...fold, history, k: 3, excludeSeen: true });
    expect(got.unknown).toEqual(['x', 999]);
    expect(got.folded).toMatchObject({ kind: 'fold', method: 'fixed-point', iterations: 5 });
    expect(got.items).toHaveLength(3);
    expect(got.items).not.toContain(101);
    expect(got.items).not.toContain(103);
    expect(got.items).toEqual(Array.from(got.indices, (i) => FOLD_ITEMS[i]));

    // The same fold-in, solved by foldIn on the known items alone.
    const solved = await ranking.foldIn({ ...fold, history: { items: [101, 103] } });
    expect(solved).toMatchObject({ modelId: 'fold', version: fold.version, kind: 'fold', unknown: [] });
    expect(solved.folded.vector).toEqual(got.folded?.vector);

    // A given fold-in is used as is: a made-up vector ranks item 101's direction first.
    const given = { ...solved.folded, vector: Float32Array.of(1, 0) };
    const forced = await ranking.recommendFor({ ...fold, history, k: 1, folded: given });
    expect(forced.items).toEqual([101]);
    expect(forced.folded?.vector).toEqual(Float32Array.of(1, 0));
  });

  it('warm-starts a fold-in from an earlier one, and explains for a history', async () => {
    const ranking = connect(store);
    const cold = await ranking.foldIn({ ...fold, history: { items: [102, 104] } });
    const warm = await ranking.foldIn({ ...fold, history: { items: [102, 104] }, warm: cold.folded });
    // Five more steps from the solution: closer to the target, so a lower loss.
    expect(warm.folded.loss).toBeLessThan(cold.folded.loss);
    // The kind's own fields travel with it.
    expect(cold.folded).toMatchObject({ start: 'cold' });
    expect(warm.folded).toMatchObject({ start: 'warm' });
    const explained = await ranking.explainFor({ ...fold, history: { items: [102] }, k: 2 });
    expect(explained.indices).toHaveLength(2);
    expect(explained.reasons).toEqual(
      Array.from(explained.indices, (i) => ({ source: 'fold', text: `near item ${i}` })),
    );
    expect(explained.unknown).toEqual([]);
  });

  it('names the kind of a model that cannot answer for a history, and rejects a foreign fold-in', async () => {
    const ranking = connect(store);
    const history = { items: [101] };
    for (const call of [
      () => ranking.recommendFor({ ...nofold, history }),
      () => ranking.explainFor({ ...nofold, history }),
      () => ranking.foldIn({ ...nofold, history }),
    ]) {
      const err = await call().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidArgumentError);
      expect((err as Error).message).toMatch(/model kind 'nofold'/);
    }
    const foreign = { kind: 'mf', vector: new Float32Array(2), method: 'newton', iterations: 1, loss: 0 };
    await expect(ranking.recommendFor({ ...fold, history, folded: foreign })).rejects.toThrow(
      /request.folded was folded in by a 'mf' model, not by this 'fold' model/,
    );
    await expect(ranking.foldIn({ ...fold, history, warm: foreign })).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('validates histories, naming the field', async () => {
    const ranking = connect(store);
    await expect(ranking.foldIn({ ...fold, history: { items: [101, 102], times: [1] } })).rejects.toThrow(
      'request.history.times must be as long as request.history.items (2)',
    );
    await expect(ranking.foldIn({ ...fold, history: { items: [101], durations: [Number.NaN] } })).rejects.toThrow(
      /request.history.durations\[0\] must be a finite number/,
    );
    await expect(ranking.foldIn({ ...fold, history: { items: [101], features: { a: Infinity } } })).rejects.toThrow(
      /request.history.features.a must be a finite number/,
    );
    const bad = { kind: 'fold', vector: [0, 0], method: 'x', iterations: 0, loss: 0 } as never;
    await expect(ranking.recommendFor({ ...fold, history: { items: [] }, folded: bad })).rejects.toThrow(
      /request.folded.vector must be a Float32Array/,
    );
    await expect(ranking.recommendFor({ ...fold, history: { items: [101] }, k: 0 })).rejects.toThrow(/request.k/);
    await expect(ranking.recommendFor({ ...fold, history: { items: [101] }, candidates: [1] })).rejects.toBeInstanceOf(
      UnknownIdError,
    );
  });
});

describe('connectCourses: rankFor, explainFor, foldIn', () => {
  it('answers in-thread as the service does', async () => {
    const client: CoursesClient = await connectCourses({
      inThread: true,
      store,
      backend: 'cpu',
      ranking: { fromState: foldLoader },
    });
    cleanups.push(() => client.dispose());
    const history = { items: [105, 'gone'] };
    const ranked = await client.rankFor({ ...fold, history, k: 4 });
    const direct = await connect(store).recommendFor({ ...fold, history, k: 4 });
    expect(ranked).toEqual(direct);
    const folded = await client.foldIn({ ...fold, history });
    expect(folded.folded).toEqual(ranked.folded);
    expect(folded.unknown).toEqual(['gone']);
    expect((await client.explainFor({ ...fold, history, k: 2 })).reasons).toHaveLength(2);
  });
});
