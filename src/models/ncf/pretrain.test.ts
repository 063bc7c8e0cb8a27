import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../backend/index.ts';
import { InvalidArgumentError } from '../../errors.ts';
import { checkerboardFixture } from '../../testing/recommender-fixtures.ts';
import type { FitProgress } from '../recommender.ts';
import { resolveNcfConfig } from './config.ts';
import { NcfModel } from './model.ts';
import { fitPretrainedNeuMF, pretrainedNeuMFState } from './pretrain.ts';

beforeAll(async () => {
  await initBackend('wasm');
}, 60_000);

const board = checkerboardFixture(16, 120);
const shared = { dim: 8, layers: [16, 8], batchSize: 128, negatives: 2, learningRate: 0.02, seed: 5 };

async function trained(arch: 'gmf' | 'mlp', epochs: number): Promise<NcfModel> {
  const m = new NcfModel(arch, { ...shared, epochs });
  await m.fit(board.log);
  return m;
}

describe('NeuMF from pre-trained GMF and MLP', () => {
  it('starts as α·GMF + (1 − α)·MLP, logit for logit', async () => {
    const [gmf, mlp] = [await trained('gmf', 2), await trained('mlp', 2)];
    const settings = resolveNcfConfig('neumf', shared);
    const neumf = new NcfModel('neumf', settings);
    await neumf.fromState(pretrainedNeuMFState(await gmf.toState(), await mlp.toState(), settings, 0, 0.3));
    const users = Int32Array.from({ length: 40 }, (_, k) => k % 16);
    const items = Int32Array.from({ length: 40 }, (_, k) => (k * 7) % 120);
    const [g, m, n] = await Promise.all([gmf.score(users, items), mlp.score(users, items), neumf.score(users, items)]);
    for (let k = 0; k < users.length; k++) expect(n[k]).toBeCloseTo(0.3 * g[k] + 0.7 * m[k], 4);
    // The state is an unfinished run at its start: Adam's step count and moments are zero.
    const state = await neumf.toState();
    expect(state.meta.cursor).toMatchObject({ epoch: 0, step: 0, extra: { adamStep: 0 } });
    expect(Array.from(state.tensors['adam.v.gmfUser'].data as Float32Array).every((x) => x === 0)).toBe(true);
    for (const x of [gmf, mlp, neumf]) x.dispose();
  }, 120_000);

  it('fine-tunes from the pre-trained weights (with early stopping on the carved split)', async () => {
    const stages: string[] = [];
    const first: Record<string, number> = {};
    let stage = '';
    const { model, fits } = await fitPretrainedNeuMF(
      board.log,
      { ...shared, epochs: 2, patience: 2, learningRate: 0.005 },
      {
        gmf: { epochs: 6, learningRate: 0.02 },
        mlp: { epochs: 6, learningRate: 0.02 },
        onStage: (s) => stages.push((stage = s)),
        onProgress: (e: FitProgress) => {
          if (e.status === 'epoch' && e.epoch === 1) first[stage] = e.loss;
        },
      },
    );
    expect(stages).toEqual(['gmf', 'mlp', 'neumf']);
    // The pre-training runs inherit NeuMF's early stopping.
    for (const f of [fits.gmf, fits.mlp])
      expect(f.epochs).toBeGreaterThanOrEqual(1), expect(f.epochs).toBeLessThanOrEqual(6);
    expect(fits.neumf.epochs).toBeLessThanOrEqual(2);
    // From scratch NeuMF's first epoch has the loss of random weights; from the pre-trained ones, far less.
    const scratch = new NcfModel('neumf', { ...shared, epochs: 1, patience: 2, learningRate: 0.005 });
    const s = await scratch.fit(board.log);
    expect(first.neumf).toBeLessThan(0.8 * s.loss);
    const top = await model.recommend(0, { k: 1, excludeSeen: true });
    expect(top.items[0]).toBe(board.heldOut[0]);
    model.dispose();
    scratch.dispose();
  }, 120_000);

  it('keeps the pre-trained start when fine-tuning loses to it on validation', async () => {
    // A step size of 5 wrecks the weights in one epoch: the start wins and is kept, as a finished model.
    const { model, fits } = await fitPretrainedNeuMF(
      board.log,
      { ...shared, epochs: 1, patience: 1, learningRate: 5 },
      { gmf: { epochs: 6, learningRate: 0.02 }, mlp: { epochs: 6, learningRate: 0.02 } },
    );
    expect(fits.neumf.epochs).toBe(0);
    expect((await model.toState()).meta.cursor).toBeUndefined();
    const top = await model.recommend(0, { k: 1, excludeSeen: true });
    expect(top.items[0]).toBe(board.heldOut[0]);
    model.dispose();
  }, 120_000);

  it('rejects a GMF or MLP shaped unlike the NeuMF', async () => {
    await expect(fitPretrainedNeuMF(board.log, shared, { gmf: { dim: 4 } })).rejects.toThrow(InvalidArgumentError);
    await expect(fitPretrainedNeuMF(board.log, shared, { mlp: { layers: [32, 8] } })).rejects.toThrow(/mlp.layers/);
    await expect(fitPretrainedNeuMF(board.log, shared, { alpha: 2 })).rejects.toThrow(/alpha/);
  });
});
