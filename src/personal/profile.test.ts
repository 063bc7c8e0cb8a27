import 'fake-indexeddb/auto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError, UnknownIdError } from '../errors.ts';
import type { FoldedUser } from '../models/recommender.ts';
import { connectCourses, type CoursesClient } from '../rpc/client.ts';
import type { ModelRef } from '../rpc/protocol.ts';
import { MemoryModelStore } from '../store/memory-store.ts';
import { foldLoader, foldState } from '../testing/fold-in-fixtures.ts';
import { openProfile, type PersonalProfile, type ProfileOptions } from './profile.ts';
import type { ProfileChange } from './types.ts';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

let store: MemoryModelStore;
let fold: ModelRef;
beforeAll(async () => {
  store = new MemoryModelStore();
  fold = { modelId: 'fold', version: (await store.save('fold', foldState('fold'))).version };
});

let n = 0;
const newDb = () => `profiles-${n++}`;

/** A fresh in-thread client: what a page reload gets. */
async function client(): Promise<CoursesClient> {
  const c = await connectCourses({ inThread: true, store, backend: 'cpu', ranking: { fromState: foldLoader } });
  cleanups.push(() => c.dispose());
  return c;
}

async function open(courses: CoursesClient, options: Partial<ProfileOptions> & { dbName: string }) {
  const profile = await openProfile(courses, { ...fold, ...options });
  cleanups.push(() => profile.dispose());
  return profile;
}

const bits = (f: FoldedUser | null) =>
  f ? Array.from(new Uint32Array(f.vector.buffer, f.vector.byteOffset, f.vector.length)) : null;

/** Resolves with the next change `profile` sees. */
/** Resolves with the first change `profile` sees whose state passes `test` (default: any). */
const nextChange = (profile: PersonalProfile, test: (c: ProfileChange) => boolean = () => true) =>
  new Promise<ProfileChange>((resolve) => {
    const off = profile.onChange((change) => {
      if (test(change)) off(), resolve(change);
    });
  });

describe('PersonalProfile', () => {
  it('adds incrementally (warm fold-in), persists, and survives a reload', async () => {
    const dbName = newDb();
    const courses = await client();
    const me = await open(courses, { dbName });
    expect(me.state).toMatchObject({
      person: 'me',
      modelId: 'fold',
      revision: 0,
      interactions: [],
      features: {},
      folded: null,
    });

    const first = await me.add({ item: 101, time: 10 });
    expect(first).toMatchObject({ revision: 1, modelVersion: fold.version, interactions: [{ item: 101, time: 10 }] });
    const second = await me.add({ item: 103, duration: 0.5 });
    expect(second.revision).toBe(2);
    expect(second.interactions.map((i) => i.item)).toEqual([101, 103]);
    expect(second.interactions[1].time).toBeGreaterThan(1e9); // now, in seconds

    // Warm: started from the first solution, so not the cold fold-in of the same history.
    const cold = await courses.foldIn({ ...fold, history: { items: [101, 103] } });
    expect(bits(second.folded)).not.toEqual(bits(cold.folded));
    const warm = await courses.foldIn({ ...fold, history: { items: [101, 103] }, warm: first.folded ?? undefined });
    expect(bits(second.folded)).toEqual(bits(warm.folded));

    // A reload: a new client, a new profile object.
    me.dispose();
    const again = await open(await client(), { dbName });
    expect(again.state).toEqual(second);
    expect(again.state.folded).toMatchObject({ start: 'warm' }); // the kind's own fields are stored too
    expect(await again.history()).toEqual(second.interactions);
    const top = await again.recommend({ k: 3 });
    expect(top.items).toHaveLength(3);
    expect(top.items).not.toContain(101); // excludeSeen by default
    expect(top.folded?.vector).toEqual(second.folded?.vector); // the kept fold-in, not a new one
    const all = await again.recommend({ k: 8, excludeSeen: false });
    expect(all.items).toContain(101);
    const explained = await again.explain({ k: 2 });
    expect(explained.reasons).toHaveLength(2);
  });

  it('forget leaves exactly the state of a fresh fold-in without that item (bit for bit)', async () => {
    const dbName = newDb();
    const courses = await client();
    const me = await open(courses, { dbName });
    for (const item of [101, 102, 103, 102, 105]) await me.add({ item, time: item });
    const before = me.state;
    const after = await me.forget(102);
    expect(after.interactions.map((i) => i.item)).toEqual([101, 103, 105]);
    expect(after.revision).toBe(before.revision + 1);
    const fresh = await courses.foldIn({ ...fold, history: { items: [101, 103, 105], times: [101, 103, 105] } });
    expect(bits(after.folded)).toEqual(bits(fresh.folded));
    expect(after.folded).toEqual(fresh.folded);
    // Stored, not only returned.
    const reread = await open(courses, { dbName });
    expect(bits(reread.state.folded)).toEqual(bits(fresh.folded));

    // Forgetting what is not there changes nothing; forgetting the last item leaves no fold-in.
    expect((await me.forget(999)).revision).toBe(after.revision);
    await me.forget(101);
    await me.forget(103);
    expect(await me.forget(105)).toMatchObject({ interactions: [], folded: null });
  });

  it('forgetAll deletes the record, and revisions never go back', async () => {
    const dbName = newDb();
    const courses = await client();
    const me = await open(courses, { dbName });
    await me.add({ item: 104 });
    const gone = await me.forgetAll();
    expect(gone).toMatchObject({ interactions: [], folded: null, revision: 2 });
    const fresh = await open(courses, { dbName });
    expect(fresh.state).toMatchObject({ interactions: [], folded: null, revision: 2, updatedAt: 0 });
    expect((await fresh.add({ item: 101 })).revision).toBe(3);
    // Another person's profile in the same database is apart.
    const other = await open(courses, { dbName, person: 'guest' });
    expect(other.state.interactions).toEqual([]);
  });

  it("keeps the person's features, folds them in from scratch and sends them with every request", async () => {
    const dbName = newDb();
    const courses = await client();
    const me = await open(courses, { dbName });
    await me.add({ item: 101, time: 1 });
    await me.add({ item: 102, time: 2 });
    const state = await me.setFeatures({ shift: 0.25 });
    expect(state.features).toEqual({ shift: 0.25 });
    const history = { items: [101, 102], times: [1, 2], features: { shift: 0.25 } };
    const cold = await courses.foldIn({ ...fold, history });
    expect(bits(state.folded)).toEqual(bits(cold.folded));
    const withFeatures = await courses.rankFor({ ...fold, history, k: 3, excludeSeen: true });
    expect((await me.recommend({ k: 3 })).items).toEqual(withFeatures.items);
    // Forget keeps the features; a reload sees them; bad values are rejected, naming the field.
    expect((await me.forget(101)).features).toEqual({ shift: 0.25 });
    expect((await open(courses, { dbName })).state.features).toEqual({ shift: 0.25 });
    await expect(me.setFeatures({ shift: Number.NaN })).rejects.toThrow(/features.shift must be a finite number/);
  });

  it('rejects unknown items with UnknownIdError and stores nothing', async () => {
    const dbName = newDb();
    const me = await open(await client(), { dbName });
    const kept = await me.add({ item: 101 });
    const err = await me.add({ item: 'nope' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownIdError);
    expect(err).toMatchObject({ kind: 'item', id: 'nope' });
    expect(me.state).toEqual(kept);
    expect(await me.history()).toEqual(kept.interactions);
    await expect(me.add({ item: 101, time: Number.NaN })).rejects.toThrow(/interaction.time must be a finite number/);
  });

  it('tells a second profile object (another tab) of every change', async () => {
    const dbName = newDb();
    const [tabA, tabB] = [await open(await client(), { dbName }), await open(await client(), { dbName })];
    const seen = nextChange(tabB);
    const state = await tabA.add({ item: 106 });
    expect(await seen).toEqual({ state, origin: 'remote' });
    expect(tabB.state).toEqual(state);

    // Both write at once: the lock serializes them, nothing is lost.
    await Promise.all([tabA.add({ item: 101 }), tabB.add({ item: 102 })]);
    const items = (await tabA.history()).map((i) => i.item);
    expect(items.sort()).toEqual([101, 102, 106]);
    const forgotten = nextChange(tabA, (c) => c.state.interactions.length === 0);
    await tabB.forgetAll();
    expect((await forgotten).state.interactions).toEqual([]);
  });

  it('folds again when the model is replaced, and says when the new one cannot fold in', async () => {
    const dbName = newDb();
    const local = new MemoryModelStore();
    const v1 = (await local.save('m', foldState('fold'))).version;
    const courses = await connectCourses({
      inThread: true,
      store: local,
      backend: 'cpu',
      ranking: { fromState: foldLoader },
    });
    cleanups.push(() => courses.dispose());
    const old = await open(courses, { dbName, modelId: 'm', version: v1 });
    await old.add({ item: 101 });
    await old.add({ item: 102 });

    const v2 = (await local.save('m', foldState('fold'))).version;
    const renewed = await open(courses, { dbName, modelId: 'm', version: v2 });
    await renewed.recommend({ k: 2 });
    const cold = await courses.foldIn({ modelId: 'm', version: v2, history: { items: [101, 102] } });
    expect(renewed.state.modelVersion).toBe(v2);
    expect(bits(renewed.state.folded)).toEqual(bits(cold.folded)); // folded from scratch by v2

    const v3 = (await local.save('m', foldState('nofold'))).version;
    const plain = await open(courses, { dbName, modelId: 'm', version: v3 });
    await expect(plain.recommend()).rejects.toThrow(InvalidArgumentError);
    await expect(plain.add({ item: 103 })).rejects.toThrow(/model kind 'nofold' .* cannot fold in/);
    // Forgetting still removes the data, then reports the failed fold-in.
    await expect(plain.forget(101)).rejects.toThrow(InvalidArgumentError);
    expect((await plain.history()).map((i) => i.item)).toEqual([102]);
    expect(plain.state.folded).toBeNull();
  });
});
