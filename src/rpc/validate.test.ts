import { describe, expect, it, vi } from 'vitest';
import { InvalidArgumentError } from '../errors.ts';
import { FeedService } from '../systems/feed/service.ts';
import { modelKinds } from '../models/registry.ts';
import { TalentService } from '../systems/talent/service.ts';
import { MemoryModelStore } from '../store/memory-store.ts';
import { checkerboardCsv, NODE_MF } from '../testing/rpc-fixtures.ts';
import { BaselineService } from './baseline-service.ts';
import type { TrainRequest, WireProgress } from './protocol.ts';
import { RankingService } from './ranking-service.ts';
import { TrainingService } from './training-service.ts';
import { checkFeedSpec, checkFeedTrain } from '../systems/feed/validate.ts';
import { checkTalentSearch, checkTalentTrain } from '../systems/talent/validate.ts';
import { checkTrainRequest } from './validate.ts';

const good: TrainRequest = {
  modelId: 'm',
  kind: 'mf',
  config: NODE_MF,
  data: { csv: checkerboardCsv() },
  backend: 'cpu',
};
const bad = (over: object): unknown => ({ ...good, ...over });

/** What `fn` throws (it must throw an InvalidArgumentError). */
function rejection(fn: () => unknown): InvalidArgumentError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidArgumentError);
    return err as InvalidArgumentError;
  }
  throw new Error('expected an InvalidArgumentError');
}

async function rejectionOf(p: Promise<unknown>): Promise<InvalidArgumentError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InvalidArgumentError);
  return err as InvalidArgumentError;
}

describe('training requests', () => {
  it.each([
    [{ data: 'x' }, /request\.data must be one of \{ratingsUrl\}\|\{csv\}\|\{courses\}, got "x"/],
    [{ data: { csv: 5 } }, /request\.data\.csv must be a string/],
    [{ data: { csv: '', extra: 1 } }, /request\.data\.extra is not a known field/],
    [{ modelId: '' }, /request\.modelId must be a string of 1 to 256/],
    [{ modelId: 'x'.repeat(257) }, /request\.modelId/],
    [
      { kind: 'nope' },
      new RegExp(
        `request\\.kind must be one of ${modelKinds()
          .map((k) => `"${k}"`)
          .join(', ')}`,
      ),
    ],
    [{ kind: 'toString' }, /request\.kind must be one of/],
    [{ checkpointEvery: 1.5 }, /request\.checkpointEvery must be an integer in \[0, /],
    [{ checkpointEvery: -1 }, /request\.checkpointEvery/],
    [{ heartbeatMs: 2 ** 32 }, /request\.heartbeatMs must be 0 or an integer in \[10, 600000\]/],
    [{ heartbeatMs: Infinity }, /request\.heartbeatMs/],
    [{ heartbeatMs: 1 }, /request\.heartbeatMs/],
    [{ backend: 'gpu' }, /request\.backend must be one of "auto", "webgpu", "webgl", "wasm", "cpu"/],
    [{ fresh: 'yes' }, /request\.fresh must be true or false/],
    [{ config: [1] }, /request\.config must be a plain object/],
    [{ config: { dim: 2e9 } }, /mf: dim must be an integer in \[1, 1024\], got 2000000000/],
    [{ config: { dimm: 8 } }, /mf: dimm is not a known field \(known: dim, epochs/],
    [{ kind: 'ncf', config: { window: 1e6 } }, /seed: window must be an integer in \[0, 1000\]/],
    [{ kind: 'itemknn', config: { k: 0 } }, /itemknn: k must be an integer in \[1, 10000\]/],
    [{ kind: 'popular', config: { k: 1 } }, /popular\.k is not a known field/],
    [{ kind: 'blend', config: { glmix: { rounds: 1e6 } } }, /glmix: rounds must be an integer in \[1, 100\]/],
    [{ hidden: true }, /request\.hidden is not a known field/],
  ])('%j is refused by name', (over, message) => {
    expect(rejection(() => checkTrainRequest(bad(over))).message).toMatch(message);
  });

  it('names the course data field that is out of bounds (nSeniority: 1e6)', () => {
    const courses = { nSeniority: 1e6, nCategories: 3, relevantSeconds: 60 };
    const err = rejection(() => checkTrainRequest(bad({ kind: 'glmix', config: {}, data: { courses } })));
    expect(err.message).toMatch(/request\.data\.courses\.nSeniority must be an integer in \[1, 100\], got 1000000/);
    expect(err).toMatchObject({ field: 'request.data.courses.nSeniority' });
  });

  it('accepts a good request, and non-objects are refused without a TypeError', () => {
    expect(checkTrainRequest(good)).toBe(good);
    for (const r of [null, undefined, 5, 'x', [], new Map()]) rejection(() => checkTrainRequest(r));
  });

  it('the service refuses before any heartbeat: 2^32 ms no longer floods the progress channel', async () => {
    const events: WireProgress[] = [];
    const service = new TrainingService(new MemoryModelStore());
    const err = await rejectionOf(
      service.train(bad({ heartbeatMs: 2 ** 32 }) as TrainRequest, (p) => void events.push(p)),
    );
    expect(err.message).toMatch(/heartbeatMs/);
    await new Promise((r) => setTimeout(r, 30));
    expect(events).toEqual([
      { status: 'error', modelId: 'm', error: { name: 'InvalidArgumentError', message: err.message } },
    ]);
    await rejectionOf(service.train(bad({ data: 'x' }) as TrainRequest, () => undefined));
    await rejectionOf(service.cancel(7 as unknown as string));
  });
});

describe('ranking requests', () => {
  const service = new RankingService(new MemoryModelStore());
  const ref = { modelId: 'm', version: 1, user: 1 };
  it.each([
    [{ candidates: 5 }, /request\.candidates must be an array/],
    [{ exclude: 'abc' }, /request\.exclude must be an array/],
    [{ candidates: [1, {}] }, /request\.candidates\[1\] must be an id/],
    [{ k: -1 }, /request\.k must be an integer in \[1, 100000\], got -1/],
    [{ k: NaN }, /request\.k .* got NaN/],
    [{ k: 1.5 }, /request\.k/],
    [{ k: 1e9 }, /request\.k/],
    [{ version: 'x' }, /request\.version/],
    [{ user: null }, /request\.user must be an id/],
    [{ excludeSeen: 1 }, /request\.excludeSeen/],
  ])('recommend %j is refused by name (before the store is asked)', async (over, message) => {
    expect((await rejectionOf(service.recommend({ ...ref, ...over } as never))).message).toMatch(message);
    expect((await rejectionOf(service.explain({ ...ref, ...over } as never))).message).toMatch(message);
  });

  it('score, similarItems, deleteModel and warm check theirs', async () => {
    await rejectionOf(service.score({ modelId: 'm', version: 1, users: [1, 2], items: [1] }));
    await rejectionOf(service.score({ modelId: 'm', version: 1, users: 3, items: 3 } as never));
    await rejectionOf(service.similarItems({ modelId: 'm', version: 1, item: 1, k: 0 }));
    await rejectionOf(service.deleteModel('' as string));
    await rejectionOf(service.warm('gpu' as never));
  });
});

describe('baseline, talent and feed requests', () => {
  it('baseline runs', async () => {
    const runBaselines = vi.fn();
    const service = new BaselineService({ runBaselines, origin: 'http://app.test' });
    await rejectionOf(service.run({ ratingsUrl: 5 } as never, () => undefined));
    await rejectionOf(service.run({ ratingsUrl: '/r.csv', seed: 0.5 }, () => undefined));
    await rejectionOf(service.init('gpu' as never));
    expect(runBaselines).not.toHaveBeenCalled();
  });

  it('talent training and search', async () => {
    await rejectionOf(new TalentService().train({ members: 1e9 }));
    await rejectionOf(new TalentService().train({ members: 1000, towerEpochs: Infinity }));
    rejection(() => checkTalentTrain({ members: 1000, lineBackend: 'gpu' }));
    const vocab = { titles: 10, locations: 5 };
    const form = { title: -1, skills: '', location: 255, minYears: 0, text: 'x', pooling: 'mean' };
    expect(checkTalentSearch(form, vocab)).toBe(form);
    expect(rejection(() => checkTalentSearch({ ...form, title: 10 }, vocab)).message).toMatch(
      /form\.title must be an integer in \[-1, 9\]/,
    );
    rejection(() => checkTalentSearch({ ...form, location: 5 }, vocab));
    rejection(() => checkTalentSearch({ ...form, k: 0 }, vocab));
    rejection(() => checkTalentSearch({ ...form, pooling: 'sum' }, vocab));
    rejection(() => checkTalentSearch({ ...form, text: 7 }, vocab));
  });

  it('feed training and loading', async () => {
    await rejectionOf(new FeedService().train({ members: 'x' } as never));
    await rejectionOf(new FeedService().train({ members: 1000, seed: 1, spr: { bits: 40 } }));
    expect(rejection(() => checkFeedTrain({ members: 1000, seed: 1, spr: { bitz: 16 } })).message).toMatch(
      /spr: bitz is not a known field/,
    );
    rejection(() => checkFeedSpec({ members: 1000, seed: 1, trainShare: 1 }));
    rejection(() => checkFeedSpec({ members: 1000, seed: 1, sessions: 1e12 }));
    await rejectionOf(new FeedService().load({ members: -1, seed: 1 }, {} as never));
  });
});
