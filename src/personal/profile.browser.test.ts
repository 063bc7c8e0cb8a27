/**
 * The personal profile in Chromium with the real ranking worker: a tiny MF trained in the training
 * worker, a profile in this page's IndexedDB (Web Locks, BroadcastChannel), fold-in and ranking in the
 * ranking worker; a reload (new client, new profile object) and a second tab see the same state.
 */
import { afterEach, beforeAll, expect, it } from 'vitest';
import { UnknownIdError } from '../errors.ts';
import type { FoldedUser } from '../models/recommender.ts';
import type { CoursesClient } from '../rpc/client.ts';
import { BROWSER_MF, checkerboardCsv } from '../testing/rpc-fixtures.ts';
import { closeAll, connectWorkers } from '../testing/worker-clients.ts';
import { openProfile, type PersonalProfile } from './profile.ts';
import type { ProfileChange } from './types.ts';

const profiles: PersonalProfile[] = [];
afterEach(() => profiles.splice(0).forEach((p) => p.dispose()));

const run = Math.random().toString(36).slice(2, 8);
const modelId = `profile-mf-${run}`;
let version = 0;
let trainer: CoursesClient;

beforeAll(async () => {
  trainer = await connectWorkers();
  const data = { csv: checkerboardCsv(), file: 'checkerboard.csv' };
  ({ version } = (await trainer.train({ modelId, kind: 'mf', config: BROWSER_MF, data, backend: 'wasm' }).done).info);
}, 120_000);

async function open(courses: CoursesClient, dbName: string): Promise<PersonalProfile> {
  const profile = await openProfile(courses, { modelId, version, dbName });
  profiles.push(profile);
  return profile;
}

const bits = (f: FoldedUser | null | undefined) => (f ? Array.from(new Uint32Array(f.vector.slice().buffer)) : null);
/** Resolves with the first change `profile` sees whose state passes `test` (default: any). */
const nextChange = (profile: PersonalProfile, test: (c: ProfileChange) => boolean = () => true) =>
  new Promise<ProfileChange>((resolve) => {
    const off = profile.onChange((change) => {
      if (test(change)) off(), resolve(change);
    });
  });

it('adds, ranks, forgets bit-exactly and survives a reload, through the ranking worker', async () => {
  const dbName = `profiles-${run}-a`;
  const me = await open(await connectWorkers(), dbName);
  await me.add({ item: 102 });
  const state = await me.add({ item: 104, duration: 1 });
  expect(state.interactions.map((i) => i.item)).toEqual([102, 104]);
  expect(state.folded).toMatchObject({ kind: 'mf', method: expect.any(String) });
  expect(state.folded?.vector.length).toBe((BROWSER_MF.dim as number) + 1); // [p_u, b_u]

  const top = await me.recommend({ k: 5 });
  expect(top.items).toHaveLength(5);
  expect(top.items).not.toContain(102);
  expect(top.items).not.toContain(104);
  expect(top.unknown).toEqual([]);
  expect(bits(top.folded)).toEqual(bits(state.folded)); // ranked with the kept fold-in

  const err = await me.add({ item: 'no-such-course' }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(UnknownIdError);
  expect(me.state).toEqual(state);

  // A reload: a new client (new workers) and a new profile object read the same state and rank the same.
  const reloaded = await open(await connectWorkers(), dbName);
  expect(reloaded.state).toEqual(state);
  const again = await reloaded.recommend({ k: 5 });
  expect(again.items).toEqual(top.items);
  expect(again.scores).toEqual(top.scores);

  // Forget: bit-identical to a fresh (cold) fold-in of what remains.
  const after = await reloaded.forget(102);
  const fresh = await trainer.foldIn({
    modelId,
    version,
    history: { items: [104], times: [after.interactions[0].time as number], durations: [1] },
  });
  expect(after.interactions.map((i) => i.item)).toEqual([104]);
  expect(bits(after.folded)).toEqual(bits(fresh.folded));
});

it('two profile objects (two tabs) see each other change, and never lose a write', async () => {
  const dbName = `profiles-${run}-b`;
  const [tabA, tabB] = [await open(await connectWorkers(), dbName), await open(await connectWorkers(), dbName)];
  const seen = nextChange(tabB);
  const state = await tabA.add({ item: 101 });
  expect(await seen).toEqual({ state, origin: 'remote' });

  await Promise.all([tabA.add({ item: 103 }), tabB.add({ item: 105 })]);
  expect((await tabB.history()).map((i) => i.item).sort()).toEqual([101, 103, 105]);

  const cleared = nextChange(tabA, (c) => c.state.interactions.length === 0);
  await tabB.forgetAll();
  expect((await cleared).state).toMatchObject({ interactions: [], folded: null });
});

it('keeps every one of many quick adds, each a new revision (warm fold-in in the worker, relaxed write, lock)', async () => {
  const me = await open(await connectWorkers(), `profiles-${run}-c`);
  await me.add({ item: 101 });
  for (let i = 0; i < 20; i++) await me.add({ item: 102 + (i % 20) });
  expect(me.state.interactions).toHaveLength(21);
  expect(me.state.revision).toBe(21);
  expect((await me.history()).map((x) => x.item)).toEqual(me.state.interactions.map((x) => x.item));
});

afterEach(closeAll);
