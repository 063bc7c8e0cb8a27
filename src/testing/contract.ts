/**
 * The model contract, written once and run for every registry model on every backend (after
 * implicit's RecommenderBaseTestMixin and tfjs' describeWithFlags): known answers, k / exclude /
 * candidates, save → structured clone → load with bit-identical scores, progress order, checkpoints
 * and resume, cancellation, empty and tiny input, and a flat tensor count.
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackendName } from '../backend/index.ts';
import type { InteractionLog } from '../data/index.ts';
import { AbortError, InvalidArgumentError, UnknownIdError } from '../errors.ts';
import { createModel, modelEntry, modelFromState, type ModelData } from '../models/registry.ts';
import type { FitProgress, Json, Recommender } from '../models/recommender.ts';
import { modelIdMaps } from '../models/shared/state.ts';
import { allPairs, bits, expectDescending, fill, fitRecording, tensorsOf } from './contract-helpers.ts';
import { checkerboardFixture, emptyLog, popularityFixture, tinyLog } from './recommender-fixtures.ts';

type Config = { [key: string]: Json };

/** Which model to hold to the contract, and how small it may be. */
export interface ContractCase {
  /** Registry kind. */
  kind: string;
  /** Options of the known-answer fit: enough training to learn the 8 × 8 checkerboard. */
  config: Config;
  /**
   * Options of every other test, as small as the model allows (default `config`). An iterative
   * model needs at least 3 epochs of at least 2 steps on the checkerboard's 24 positives.
   */
  quickConfig?: Config;
  /**
   * Turns each fixture log into what the kind trains on (default: the log itself); a kind on other
   * data (GLMix's watches with features) wraps the same logs, so every case applies unchanged.
   */
  data?: (log: InteractionLog) => ModelData;
  /** Backends to hold it to (default: all); a composite of parts already held everywhere may skip the slow ones. */
  backends?: readonly BackendName[];
}

/** A {@link ContractCase} on one backend, which the caller has already started. */
export interface ContractOptions extends ContractCase {
  backend: BackendName;
}

/** Registers the contract suite for `kind` on `backend` (call inside a vitest file). */
export function describeRecommenderContract(o: ContractOptions): void {
  if (o.backends && !o.backends.includes(o.backend)) return;
  const entry = modelEntry(o.kind);
  const data = o.data ?? ((log: InteractionLog) => log);
  const quick = o.quickConfig ?? o.config;
  const onBackend = () => expect(tf.getBackend()).toBe(o.backend);
  // Bit-for-bit training reproducibility is promised where summation order is fixed.
  const exactTraining = o.backend === 'cpu' || o.backend === 'wasm';
  const board = checkerboardFixture();
  const nUsers = board.log.userIds.size;
  const nItems = board.log.itemIds.size;
  let fitted: Recommender<ModelData>;

  describe(`${o.kind} on ${o.backend}`, () => {
    beforeAll(async () => {
      onBackend();
      fitted = createModel(o.kind, o.config);
      await fitted.fit(data(entry.personalised ? board.log : popularityFixture().log));
    });
    afterAll(() => fitted?.dispose());

    it('gives the known answer', async () => {
      onBackend();
      if (!entry.personalised) {
        const { expectedOrder } = popularityFixture();
        for (let u = 0; u < 5; u++) expect((await fitted.recommend(u, { k: 5 })).items).toEqual(expectedOrder);
        return;
      }
      for (let u = 0; u < nUsers; u++) {
        const top = await fitted.recommend(u, { k: 1, exclude: board.trainItems[u] });
        expect(top.items, `user ${u}`).toEqual(Int32Array.of(board.heldOut[u]));
        // The model remembers what each user had in training: excludeSeen gives the same answer.
        expect((await fitted.recommend(u, { k: 1, excludeSeen: true })).items, `user ${u}`).toEqual(
          Int32Array.of(board.heldOut[u]),
        );
      }
      if (fitted.similarItems) {
        for (let i = 0; i < nItems; i++) {
          const near = await fitted.similarItems(i, 2);
          expect(near.items.length).toBeGreaterThan(0);
          expect(near.items).not.toContain(i);
          expect(near.items[0] % 2, `item ${i}`).toBe(i % 2);
        }
      }
    });

    it('honours k, exclude and candidates, and agrees with score', async () => {
      onBackend();
      const items = entry.personalised ? nItems : 5;
      const all = await fitted.recommend(0, { k: items + 3 });
      expect(all.items.length).toBe(items);
      expect(new Set(all.items).size).toBe(items);
      expectDescending(all.scores);
      expect(bits(await fitted.score(fill(0, items), all.items))).toEqual(bits(all.scores));
      expect((await fitted.recommend(0, { k: 2 })).items).toEqual(all.items.subarray(0, 2));
      expect((await fitted.recommend(0, { k: 0 })).items.length).toBe(0);
      const exclude = all.items.slice(0, 2);
      const rest = await fitted.recommend(0, { k: items, exclude });
      expect(rest.items).toEqual(all.items.subarray(2));
      const candidates = Int32Array.of(all.items[3], all.items[1], all.items[4], all.items[1]);
      expect((await fitted.recommend(0, { k: 9, candidates })).items).toEqual(
        Int32Array.of(all.items[1], all.items[3], all.items[4]),
      );
      expect((await fitted.recommend(0, { k: 9, candidates, exclude })).items).toEqual(
        Int32Array.of(all.items[3], all.items[4]),
      );
      await expect(fitted.recommend(0, { candidates: Int32Array.of(items) })).rejects.toBeInstanceOf(UnknownIdError);
      await expect(fitted.recommend(0, { exclude: Int32Array.of(-1) })).rejects.toBeInstanceOf(UnknownIdError);
    });

    it('saves, structured-clones and loads with bit-identical scores', async () => {
      onBackend();
      const state = await fitted.toState();
      expect(state).toMatchObject({ kind: o.kind, stateVersion: entry.stateVersion });
      expect(modelIdMaps(state).users.id(0)).toBe('u0');
      const loaded = await modelFromState(structuredClone(state));
      try {
        const [users, items] = allPairs(state);
        expect(bits(await loaded.score(users, items))).toEqual(bits(await fitted.score(users, items)));
        expect(await loaded.recommend(1, { k: 3 })).toEqual(await fitted.recommend(1, { k: 3 }));
        const unseen = await loaded.recommend(1, { k: nItems, excludeSeen: true });
        expect(unseen).toEqual(await fitted.recommend(1, { k: nItems, excludeSeen: true }));
        if (entry.personalised) for (const i of board.trainItems[1]) expect(unseen.items).not.toContain(i);
        expect(tensorsOf(await loaded.toState())).toEqual(tensorsOf(state));
      } finally {
        loaded.dispose();
      }
      expect(tensorsOf(state)).toEqual(tensorsOf(await fitted.toState()));
    });

    it('reports progress in order, with checkpoints when asked', async () => {
      onBackend();
      const m = createModel(o.kind, quick);
      const { events, states, result } = await fitRecording(m, data(board.log), { checkpointEvery: 1 });
      m.dispose();
      const statuses = events.map((e) => e.status);
      expect(statuses[0]).toBe('start');
      expect(statuses.at(-1)).toBe('done');
      expect(statuses).not.toContain('error');
      const start = events[0] as Extract<FitProgress, { status: 'start' }>;
      const epochs = events.filter((e) => e.status === 'epoch');
      expect(epochs.map((e) => e.epoch)).toEqual(Array.from({ length: start.epochs }, (_, k) => k + 1));
      expect(result.epochs).toBe(start.epochs);
      for (const e of events) if ('backend' in e) expect(e.backend).toBe(o.backend);
      const checkpoints = events.filter((e) => e.status === 'checkpoint');
      expect(checkpoints.length).toBe(states.length);
      if (!entry.iterative) return expect(checkpoints.length).toBe(0);
      expect(checkpoints.length).toBeGreaterThanOrEqual(2);
      for (const e of epochs) expect(Number.isFinite(e.loss) && e.samplesPerSec > 0).toBe(true);
      const steps = checkpoints.map((c) => c.cursor.epoch * 1000 + c.cursor.step);
      expect(steps).toEqual([...steps].sort((a, b) => a - b));
      for (const s of states) expect(structuredClone(s).meta.cursor).toBeDefined();
    });

    it('resumes from a checkpoint where it stopped', async (ctx) => {
      if (!entry.iterative) return ctx.skip();
      onBackend();
      const straight = createModel(o.kind, quick);
      const { states } = await fitRecording(straight, data(board.log), { checkpointEvery: 1 });
      const mid = states[Math.floor(states.length / 2)];
      const cursor = mid.meta.cursor as { epoch: number; step: number };
      const resumed = await modelFromState(structuredClone(mid));
      const { events } = await fitRecording(resumed, data(board.log), {});
      const firstEpoch = events.find((e) => e.status === 'epoch') as Extract<FitProgress, { status: 'epoch' }>;
      expect(firstEpoch.epoch).toBe(cursor.epoch + 1);
      const [users, items] = allPairs(mid);
      const [a, b] = [await straight.score(users, items), await resumed.score(users, items)];
      if (exactTraining) expect(bits(b)).toEqual(bits(a));
      else b.forEach((v, k) => expect(v).toBeCloseTo(a[k], 3));
      straight.dispose();
      resumed.dispose();
    });

    it('cancels with AbortError and stays usable', async () => {
      onBackend();
      const m = createModel(o.kind, quick);
      await m.fit(data(board.log));
      const before = await m.recommend(0, { k: 3 });
      const ctrl = new AbortController();
      const abortOn = entry.iterative ? 'epoch' : 'start';
      const events: FitProgress[] = [];
      const run = m.fit(data(board.log), {
        signal: ctrl.signal,
        onProgress: (e) => (events.push(e), e.status === abortOn && ctrl.abort()),
      });
      await expect(run).rejects.toBeInstanceOf(AbortError);
      expect(events.at(-1)).toMatchObject({ status: 'error', error: { name: 'AbortError' } });
      const after = await m.recommend(0, { k: 3 });
      expect(after.items.length).toBe(3);
      expect(after.scores.every(Number.isFinite)).toBe(true);
      if (!entry.iterative) expect(after).toEqual(before);
      await expect(m.fit(data(board.log), { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
      expect((await m.fit(data(board.log))).epochs).toBeGreaterThan(0);
      m.dispose();
    });

    it('rejects empty or NaN input, fits a 1 × 1 log and rejects bad ids', async () => {
      onBackend();
      const m = createModel(o.kind, quick);
      await expect(m.recommend(0)).rejects.toBeInstanceOf(UnknownIdError);
      await expect(m.fit(data(emptyLog()))).rejects.toThrow(InvalidArgumentError);
      await expect(m.fit(data(emptyLog()))).rejects.toThrow(/empty/);
      await expect(m.fit(data({ ...tinyLog(), values: Float32Array.of(NaN) }))).rejects.toBeInstanceOf(
        InvalidArgumentError,
      );
      await m.fit(data(tinyLog()));
      const top = await m.recommend(0);
      expect(top.items).toEqual(Int32Array.of(0));
      expect(Number.isFinite(top.scores[0])).toBe(true);
      await expect(m.recommend(1)).rejects.toBeInstanceOf(UnknownIdError);
      await expect(m.recommend(NaN)).rejects.toBeInstanceOf(InvalidArgumentError);
      await expect(m.recommend(0, { k: -1 })).rejects.toBeInstanceOf(InvalidArgumentError);
      await expect(m.score(Int32Array.of(0), Int32Array.of(1))).rejects.toBeInstanceOf(UnknownIdError);
      await expect(m.score(Int32Array.of(0, 0), Int32Array.of(0))).rejects.toBeInstanceOf(InvalidArgumentError);
      m.dispose();
    });

    it('keeps tf.memory().numTensors flat across epochs and frees everything on dispose', async () => {
      onBackend();
      const start = tf.memory().numTensors;
      const m = createModel(o.kind, quick);
      const counts: number[] = [];
      await m.fit(data(board.log), { onProgress: (e) => e.status === 'epoch' && counts.push(tf.memory().numTensors) });
      expect(new Set(counts).size).toBe(1);
      const settled = tf.memory().numTensors;
      await m.recommend(0);
      await m.score(Int32Array.of(0, 1), Int32Array.of(1, 0));
      await m.similarItems?.(0, 2);
      await m.toState();
      expect(tf.memory().numTensors).toBe(settled);
      m.dispose();
      expect(tf.memory().numTensors).toBe(start);
    });
  });
}
