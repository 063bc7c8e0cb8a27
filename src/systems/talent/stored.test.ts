import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DataFormatError, ModelNotFoundError, StateVersionError, StorageQuotaError } from '../../errors.ts';
import { IdbModelStore } from '../../store/idb-store.ts';
import { MemoryModelStore } from '../../store/memory-store.ts';
import type { ModelState } from '../../models/recommender.ts';
import { TalentService, type TalentSearchForm } from './service.ts';
import { restoreTalent, TALENT_MODEL_ID } from './stored.ts';

const REQUEST = { members: 1_500, maxSamples: 40_000, towerEpochs: 2 };
const FORMS: TalentSearchForm[] = [
  { title: 3, skills: '', location: 255, minYears: 0, text: '', pooling: 'max', k: 8 },
  { title: -1, skills: '', location: 255, minYears: 2, text: 'senior engineer', pooling: 'mean', k: 8 },
];

describe('talent search state in the model store', () => {
  const store = new MemoryModelStore();
  let trained: TalentService;
  let state: ModelState;

  beforeAll(async () => {
    trained = new TalentService(store);
    await trained.train(REQUEST);
    expect(await store.list()).toEqual([]); // training alone stores nothing: keep() does
    await trained.keep();
    state = (await store.load(TALENT_MODEL_ID)).state;
  }, 60_000);

  it('restores LINE embeddings and the two-tower model in a new service: bit-identical search scores, no retraining', async () => {
    const info = await store.info(TALENT_MODEL_ID);
    expect(info).toMatchObject({
      kind: 'talent-search',
      stateVersion: 1,
      version: 1,
      meta: { members: 1_500, seed: 1, lineBackend: 'CPU' },
    });
    const fresh = new TalentService(store);
    expect(await fresh.stored()).toEqual(info);
    const restored = await fresh.restore();
    expect(restored).toEqual({ members: 1_500, queries: 300, lineBackend: 'CPU', stored: info });
    expect(fresh.vocab()).toEqual(trained.vocab());
    for (const form of FORMS) expect(fresh.search(form)).toEqual(trained.search(form));
    expect(fresh.companyMap()).toEqual(trained.companyMap()); // the same company vectors
    // The pipeline view says the vectors were restored, with the stored settings, and no training time.
    const before = trained.inspect(FORMS[1]).pipeline;
    const after = fresh.inspect(FORMS[1]).pipeline;
    expect(after.line).toEqual(
      before.line.map((l) => ({ ...l, source: 'restored', chunks: null, seconds: null, backend: 'CPU' })),
    );
    expect(after.graphs).toEqual(before.graphs);
  });

  it('says nothing is stored, and that a model which vanished after being listed is gone (ModelNotFoundError)', async () => {
    const empty = new TalentService(new MemoryModelStore());
    expect(await empty.stored()).toBeNull();
    await expect(empty.restore()).rejects.toBeInstanceOf(ModelNotFoundError);
    await expect(new TalentService().restore()).rejects.toBeInstanceOf(ModelNotFoundError);

    const evicted = new MemoryModelStore();
    await evicted.save(TALENT_MODEL_ID, state);
    const service = new TalentService(evicted);
    expect(await service.stored()).not.toBeNull();
    await evicted.delete(TALENT_MODEL_ID); // the browser evicts it behind the page's back
    await expect(service.restore()).rejects.toBeInstanceOf(ModelNotFoundError);
  });

  it('refuses a bundle of another version, a missing part or embeddings of another world with typed errors', async () => {
    await expect(restoreTalent({ ...state, stateVersion: 99 })).rejects.toBeInstanceOf(StateVersionError);
    const noTower = {
      ...state,
      tensors: Object.fromEntries(Object.entries(state.tensors).filter(([k]) => !k.startsWith('tower/'))),
    };
    await expect(restoreTalent(noTower)).rejects.toThrow(/tower/);
    const parts = state.config.parts as { [k: string]: { [k: string]: unknown } };
    const wrongKind = {
      ...state,
      config: { parts: { ...parts, skill: { ...parts.skill, kind: 'mf' } } },
    } as ModelState;
    await expect(restoreTalent(wrongKind)).rejects.toBeInstanceOf(DataFormatError);
    const otherWorld = { ...state, meta: { ...state.meta, members: 1_600 } };
    await expect(restoreTalent(otherWorld)).rejects.toThrow(
      /company embeddings have \d+ rows, the world has \d+ companys|tower vocabularies/,
    );
    const nan = structuredClone(state);
    (nan.tensors['tower/cross'].data as Float32Array)[0] = NaN;
    await expect(restoreTalent(nan)).rejects.toThrow(/cross.*(non-finite|NaN)/);
  });

  it('a save over the quota raises StorageQuotaError, and the trained model still serves this session', async () => {
    const service = new TalentService(new MemoryModelStore({ quota: 10_000 }));
    await service.train({ members: 1_000, maxSamples: 10_000, towerEpochs: 1 });
    const before = service.search(FORMS[0]);
    await expect(service.keep()).rejects.toBeInstanceOf(StorageQuotaError);
    expect(service.search(FORMS[0])).toEqual(before);
    expect(before).toHaveLength(8);
  });

  it('IndexedDB: info whose weights vanished is ModelNotFoundError, not a format error', async () => {
    const name = 'talent-evicted';
    const idb = await IdbModelStore.open(name);
    await idb.save(TALENT_MODEL_ID, state);
    const raw = await openDB(name);
    await raw.delete('weights', TALENT_MODEL_ID);
    raw.close();
    const service = new TalentService(idb);
    expect(await service.stored()).toMatchObject({ id: TALENT_MODEL_ID });
    await expect(service.restore()).rejects.toBeInstanceOf(ModelNotFoundError);
    idb.close();
  });
});
