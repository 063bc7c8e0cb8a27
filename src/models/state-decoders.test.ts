/**
 * Decoders that trusted their input (issue 12 §2): each case is a state or a wire payload that used
 * to load (and write out of range, spin, or score NaN) or throw a generic TypeError,
 * and must now be a typed error naming the field. (The store codec's cases are in `store/codec.test.ts`.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/index.ts';
import {
  DataFormatError,
  InvalidArgumentError,
  StateFormatError,
  StateVersionError,
  UnknownIdError,
} from '../errors.ts';
import { COURSE_SIZES, richCourseData, validStates } from '../testing/model-states.ts';
import { courseDataFromWire, courseDataToWire, type WireCourseData } from './glmix/wire.ts';
import { LineModel } from './line/model.ts';
import type { ModelState } from './recommender.ts';
import { modelFromState } from './registry.ts';

let states: Record<string, ModelState>;

beforeAll(async () => {
  await initBackend('cpu');
  states = await validStates();
}, 60_000);

const copy = (name: string): ModelState => structuredClone(states[name]);
const ints = (s: ModelState, name: string) => s.tensors[name].data as Int32Array;
const floats = (s: ModelState, name: string) => s.tensors[name].data as Float32Array;

/** The error `load` rejects with (a load that resolves fails the test). */
async function failure(load: Promise<unknown>): Promise<Error> {
  const out = await load.then(
    () => null,
    (e: unknown) => e as Error,
  );
  expect(out, 'the state loaded').not.toBeNull();
  return out as Error;
}

async function expectField(state: ModelState, field: string): Promise<void> {
  const err = await failure(modelFromState(state));
  expect(err).toBeInstanceOf(StateFormatError);
  expect(err).toBeInstanceOf(DataFormatError);
  expect(err).toMatchObject({ kind: state.kind, field });
  expect(err.message).toContain(`state of model kind "${state.kind}"`);
}

describe('GLMix state', () => {
  it('refuses a seniority past nSeniority instead of writing into another member’s block', async () => {
    const state = copy('glmix');
    expect(state.meta.nSeniority).toBe(COURSE_SIZES.nSeniority);
    ints(state, 'm.seniority')[0] = 7;
    await expectField(state, 'tensors.m.seniority');
    // 256 wraps to 0 in the byte column: it must be caught on the stored int32 value.
    ints(state, 'm.seniority')[0] = 256;
    await expectField(state, 'tensors.m.seniority');
  });

  it('checks categories, difficulties, skill offsets and finite coefficients', async () => {
    const spoil: [string, (s: ModelState) => void][] = [
      ['tensors.c.category', (s) => (ints(s, 'c.category')[1] = COURSE_SIZES.nCategories)],
      ['tensors.c.difficulty', (s) => (ints(s, 'c.difficulty')[1] = 3)],
      ['tensors.m.skills.ptr', (s) => (ints(s, 'm.skills.ptr')[2] = 2 ** 31 - 1)],
      ['tensors.c.skills.idx', (s) => (ints(s, 'c.skills.idx')[0] = COURSE_SIZES.skills)],
      ['tensors.beta.member', (s) => (floats(s, 'beta.member')[3] = Number.NaN)],
      ['meta.nSeniority', (s) => (s.meta.nSeniority = 1e6)],
      ['meta.relevantSeconds', (s) => (s.meta.relevantSeconds = 0)],
    ];
    for (const [field, change] of spoil) {
      const state = copy('glmix');
      change(state);
      await expectField(state, field);
    }
  });
});

describe('course data from the wire', () => {
  const wire = (): WireCourseData => courseDataToWire(richCourseData());
  const refused = (w: WireCourseData, field: RegExp) => {
    const started = performance.now();
    expect(() => courseDataFromWire(w)).toThrow(DataFormatError);
    expect(() => courseDataFromWire(w)).toThrow(field);
    expect(performance.now() - started).toBeLessThan(500);
  };

  it('refuses skill offsets that decrease, overshoot or do not end at the index count', () => {
    const down = wire();
    down.members.skills.indptr[2] = 1;
    refused(down, /members\.skills\.indptr: decreases at 2/);
    const huge = wire();
    huge.courses.skills.indptr[3] = 2 ** 31 - 1;
    refused(huge, /courses\.skills\.indptr/);
    const short = wire();
    short.members.skills = { ...short.members.skills, indptr: short.members.skills.indptr.subarray(1) };
    refused(short, /members\.skills\.indptr/);
  });

  it('refuses out-of-range skills, seniorities and categories, wrong lengths and bad sizes', () => {
    const cases: [RegExp, (w: WireCourseData) => void][] = [
      [/members\.skills\.indices/, (w) => (w.members.skills.indices[0] = COURSE_SIZES.skills)],
      [/members\.seniority: value 0 is 7/, (w) => (w.members.seniority[0] = 7)],
      [/courses\.category/, (w) => (w.courses.category[0] = 200)],
      [/courses\.difficulty/, (w) => (w.courses.difficulty = new Uint8Array(3))],
      [/nSeniority/, (w) => (w.nSeniority = 1e6)],
      [/relevantSeconds/, (w) => (w.relevantSeconds = 0)],
      [/relevantSeconds/, (w) => (w.relevantSeconds = 5e-324)], // overflowed the watch weights to Infinity
      [/members must be an object/, (w) => ((w as { members: unknown }).members = null)],
      [/courseNames/, (w) => ((w as { courseNames: unknown }).courseNames = [1, 2])],
    ];
    for (const [field, change] of cases) {
      const w = wire();
      change(w);
      refused(w, field);
    }
    expect(courseDataFromWire(wire()).log.length).toBe(richCourseData().log.length);
  });
});

describe('NCF and shared history offsets', () => {
  it('refuses learner, course, timeline and seen offsets that are not monotone from 0', async () => {
    const cases: [string, string, string][] = [
      ['ncf', 'learners.ptr', 'tensors.learners.ptr'],
      ['ncf', 'courses.ptr', 'tensors.courses.ptr'],
      ['ncf', 'timeline.ptr', 'tensors.timeline.ptr'],
      ['popular', 'seen.ptr', 'tensors.seen.ptr'],
      ['mf', 'seen.ptr', 'tensors.seen.ptr'],
      ['itemknn', 'ptr', 'tensors.ptr'],
    ];
    for (const [kind, tensor, field] of cases) {
      const state = copy(kind);
      const ptr = ints(state, tensor);
      ptr[2] = ptr[1] - 1;
      await expectField(state, field);
      const start = copy(kind);
      ints(start, tensor)[0] = 1;
      await expectField(start, field);
    }
  });

  it('refuses NCF seed inputs that name unknown courses', async () => {
    const state = copy('ncf');
    ints(state, 'learners.idx')[0] = 99;
    await expectField(state, 'tensors.learners.idx');
  });
});

describe('non-finite weights', () => {
  it('refuses NaN and ±Infinity in every float tensor of every kind instead of scoring NaN', async () => {
    for (const [kind, tensor] of [
      ['mf', 'userEmb'],
      ['mf', 'adam.v.itemBias'],
      ['popular', 'counts'],
      ['itemknn', 'sim'],
      ['gmf', 'h'],
      ['blend', 'cowatch.w'],
    ]) {
      for (const bad of [Number.NaN, Infinity, -Infinity]) {
        const state = copy(kind);
        floats(state, tensor)[0] = bad;
        await expectField(state, `tensors.${tensor}`);
      }
    }
  });

  it('refuses a negative Adam second moment (the next step would divide by its root)', async () => {
    const state = copy('mf');
    floats(state, 'adam.v.userEmb')[0] = -1;
    await expectField(state, 'tensors.adam.v.userEmb');
  });
});

describe('state envelope and blend parts', () => {
  it('gives a typed error, never a TypeError, for a state of the wrong shape', async () => {
    for (const spoil of [
      (s: ModelState) => ((s as { config: unknown }).config = null),
      (s: ModelState) => ((s as { meta: unknown }).meta = null),
      (s: ModelState) => ((s as { tensors: unknown }).tensors = null),
      (s: ModelState) => ((s.tensors.counts as { shape: unknown }).shape = 'x'),
      (s: ModelState) => ((s.tensors as Record<string, unknown>).counts = null),
      (s: ModelState) => (s.meta.itemIds = { kind: 'item', ids: [1] }),
    ]) {
      const state = copy('popular');
      spoil(state);
      expect(await failure(modelFromState(state))).toBeInstanceOf(StateFormatError);
    }
    expect(await failure(modelFromState(null as unknown as ModelState))).toBeInstanceOf(StateFormatError);
  });

  it('refuses a blend whose part covers other courses, or whose spread is 0', async () => {
    const part = copy('blend');
    (part.meta.parts as { glmix: { meta: { nItems: number } } }).glmix.meta.nItems = 7;
    expect(await failure(modelFromState(part))).toBeInstanceOf(StateFormatError);
    const spread = copy('blend');
    (spread.meta.weights as { std: number[] }).std[1] = 0;
    await expectField(spread, 'meta.weights.std[1]');
  });
});

describe('LINE', () => {
  it('refuses a state of another version, another order, or with a non-finite vector', async () => {
    const v99 = { ...copy('line'), stateVersion: 99 };
    expect(await failure(new LineModel().fromState(v99))).toBeInstanceOf(StateVersionError);
    // Trained with both orders; told it is first-order only, it used to drop the second order silently.
    const first = copy('line');
    first.config.order = 'first';
    expect(await failure(new LineModel().fromState(first))).toMatchObject({
      name: 'StateFormatError',
      field: 'tensors.second',
    });
    const missing = copy('line');
    delete missing.tensors.context;
    expect(await failure(new LineModel().fromState(missing))).toMatchObject({
      name: 'StateFormatError',
      field: 'tensors.context',
    });
    const nan = copy('line');
    floats(nan, 'first')[5] = Number.NaN;
    expect(await failure(new LineModel().fromState(nan))).toMatchObject({
      name: 'StateFormatError',
      field: 'tensors.first',
    });
    const done = copy('line');
    done.meta.done = [1, -1];
    expect(await failure(new LineModel().fromState(done))).toMatchObject({
      name: 'StateFormatError',
      field: 'meta.done[1]',
    });
  });

  it('checks recommend’s k and candidates', async () => {
    const m = new LineModel();
    await m.fromState(copy('line'));
    for (const k of [-1, Number.NaN, 1.5]) await expect(m.recommend(0, { k })).rejects.toThrow(InvalidArgumentError);
    await expect(m.recommend(0, { candidates: Int32Array.of(1, 99) })).rejects.toThrow(UnknownIdError);
    await expect(m.recommend(0, { candidates: Int32Array.of(1, -1) })).rejects.toThrow(UnknownIdError);
    const top = await m.recommend(0, { k: 2, candidates: Int32Array.of(1, 5, 0) });
    expect(Array.from(top.items).sort()).toEqual([1, 5]);
    expect((await m.recommend(0, { k: 0 })).items.length).toBe(0);
    expect(Array.from((await m.recommend(0, { candidates: Int32Array.of(3, 3, 3) })).items)).toEqual([3]);
    await expect(m.score(Int32Array.of(0, 1), Int32Array.of(2))).rejects.toThrow(InvalidArgumentError);
  });
});
