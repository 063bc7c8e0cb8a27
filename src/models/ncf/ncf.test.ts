import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../backend';
import { InvalidArgumentError } from '../../errors';
import { checkerboardFixture } from '../../testing/recommender-fixtures';
import type { FitProgress } from '../recommender';
import { resolveNcfConfig } from './config';
import { NcfModel } from './model';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('NCF options', () => {
  it('fills defaults and rejects bad values by name', () => {
    expect(resolveNcfConfig('neumf', {}).layers).toEqual([64, 32]);
    expect(() => resolveNcfConfig('mlp', { layers: [7] })).toThrow(/layers must be a non-empty array of even integers/);
    expect(() => resolveNcfConfig('seed', { window: -1 })).toThrow(InvalidArgumentError);
    expect(() => resolveNcfConfig('gmf', { lrDecay: 0 })).toThrow(/lrDecay/);
  });
});

describe('NCF early stopping', () => {
  it('reports the validation HR@10 each epoch and stops once it stops improving', async () => {
    // 60 same-parity items per user: enough unseen items for the 50 validation negatives.
    const board = checkerboardFixture(16, 120);
    const events: FitProgress[] = [];
    const m = new NcfModel('gmf', { dim: 8, epochs: 40, batchSize: 128, negatives: 2, learningRate: 0.05, patience: 2, seed: 3 });
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
