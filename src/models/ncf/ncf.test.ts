import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../backend/index.ts';
import { InvalidArgumentError } from '../../errors.ts';
import { checkerboardFixture } from '../../testing/recommender-fixtures.ts';
import type { FitProgress } from '../recommender.ts';
import { resolveNcfConfig } from './config.ts';
import { NcfModel } from './model.ts';
import { createModel, modelFromState } from '../registry.ts';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('NCF options', () => {
  it('fills defaults and rejects bad values by name', () => {
    expect(resolveNcfConfig('neumf', {}).layers).toEqual([64, 32]);
    expect(() => resolveNcfConfig('mlp', { layers: [7] })).toThrow(/layers\[0\] must be an even integer/);
    expect(() => resolveNcfConfig('seed', { window: -1 })).toThrow(InvalidArgumentError);
    expect(() => resolveNcfConfig('gmf', { lrDecay: 0 })).toThrow(/lrDecay/);
  });
});

describe('NCF early stopping', () => {
  it('reports the validation HR@10 each epoch and stops once it stops improving', async () => {
    // 60 same-parity items per user: enough unseen items for the 50 validation negatives.
    const board = checkerboardFixture(16, 120);
    const events: FitProgress[] = [];
    const m = new NcfModel('gmf', {
      dim: 8,
      epochs: 40,
      batchSize: 128,
      negatives: 2,
      learningRate: 0.05,
      patience: 2,
      seed: 3,
    });
    const result = await m.fit(board.log, { onProgress: (e) => events.push(e) });
    const epochs = events.filter((e) => e.status === 'epoch') as Extract<FitProgress, { status: 'epoch' }>[];
    const metrics = epochs.map((e) => e.metric?.value ?? NaN);
    expect(metrics.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(epochs.map((e) => e.metric?.name)).toEqual(epochs.map(() => 'val_hr10'));
    expect(result.epochs).toBe(epochs.length);
    expect(Math.max(...metrics)).toBeGreaterThan(0.5);
    if (result.epochs < 40) {
      const best = Math.max(...metrics.slice(0, -2));
      expect(metrics.slice(-2).every((v) => v <= best)).toBe(true);
    }
    // The best epoch's weights are kept: they already rank user 0's held-out item first.
    const top = await m.recommend(0, { k: 1, excludeSeen: true });
    expect(top.items[0]).toBe(board.heldOut[0]);
    m.dispose();
  });
});

describe('seed-NCF with causal windows and a time context', () => {
  const timed = () => {
    const board = checkerboardFixture(16, 24);
    // Each user's watches a day apart, in item order: the windows and the time context have something to read.
    const times = Float64Array.from(board.log.items, (i, k) => (board.log.users[k] * 3 + i) * 86_400);
    return { ...board, log: { ...board.log, times } };
  };

  it('learns the checkerboard and round-trips its timeline through a state bit for bit', async () => {
    const { log, heldOut } = timed();
    const m = new NcfModel('seed', {
      dim: 8,
      epochs: 30,
      batchSize: 64,
      learningRate: 0.05,
      window: 4,
      neighbours: 6,
      causal: true,
      timeWindowDays: 5,
    });
    await m.fit(log);
    const top = await m.recommend(0, { k: 3, excludeSeen: true });
    expect(top.items).toContain(heldOut[0]);
    const users = Int32Array.from({ length: 16 }, (_, u) => u);
    const items = Int32Array.from(users, (u) => heldOut[u]);
    const state = await m.toState();
    expect(state.stateVersion).toBe(2);
    expect(state.tensors['timeline.ptr'].data.length).toBe(25);
    const copy = new NcfModel('seed');
    await copy.fromState(structuredClone(state));
    expect(Array.from(await copy.score(users, items))).toEqual(Array.from(await m.score(users, items)));
    m.dispose();
    copy.dispose();
  });

  it('a version-1 state (no time context) upgrades and scores as before', async () => {
    const { log } = timed();
    const m = createModel('ncf', { dim: 4, epochs: 1, batchSize: 64, neighbours: 4 });
    await m.fit(log);
    const v2 = await m.toState();
    const { timeWindowDays: _t, causal: _c, ...oldConfig } = v2.config as Record<string, unknown>;
    const v1 = { ...v2, stateVersion: 1, config: oldConfig as typeof v2.config };
    const loaded = await modelFromState(v1);
    const users = Int32Array.of(0, 1, 2);
    const items = Int32Array.of(3, 4, 5);
    expect(Array.from(await loaded.score(users, items))).toEqual(Array.from(await m.score(users, items)));
    m.dispose();
    loaded.dispose();
  });

  it('rejects a state whose timeline pointers run backwards', async () => {
    const { log } = timed();
    const m = new NcfModel('seed', { dim: 4, epochs: 1, batchSize: 64, neighbours: 4, timeWindowDays: 5 });
    await m.fit(log);
    const state = structuredClone(await m.toState());
    (state.tensors['timeline.ptr'].data as Int32Array)[3] = 10_000;
    await expect(new NcfModel('seed').fromState(state)).rejects.toThrow(/timeline/);
    m.dispose();
  });
});
