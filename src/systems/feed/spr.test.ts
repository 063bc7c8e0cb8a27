import { describe, expect, it } from 'vitest';
import { Rng } from '../../data/rng.ts';
import { AbortError } from '../../errors.ts';
import { auc } from '../../eval/metrics/classification.ts';
import type { SprDataset } from './spr/dataset.ts';
import { GROUP_COUNT } from './spr/groups.ts';
import { hashFeature } from './spr/hash.ts';
import { SprModel } from './spr/model.ts';

const BITS = 12;
/** Synthetic rows: bias + 3 of 40 binary features with known weights, labels drawn from the logit. */
function synthetic(n: number, seed: number): { data: SprDataset; trueLogit: Float64Array } {
  const rng = new Rng(seed),
    mask = (1 << BITS) - 1;
  const beta = Float64Array.from({ length: 40 }, (_, j) => (j % 2 ? 1.5 : -1.5) * (j < 20 ? 1 : 0.3));
  const offsets = new Uint32Array(n + 1),
    idx = new Int32Array(n * 4),
    val = new Float32Array(n * 4).fill(1),
    grp = new Uint8Array(n * 4);
  const labels = new Uint8Array(n),
    trueLogit = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let z = -1;
    idx[r * 4] = hashFeature(0, 0, 0, mask);
    for (let t = 1; t < 4; t++) {
      const j = rng.int(40);
      idx[r * 4 + t] = hashFeature(1, j, 0, mask);
      grp[r * 4 + t] = 1 + (j % 6);
      z += beta[j];
    }
    trueLogit[r] = z;
    labels[r] = rng.bernoulli(1 / (1 + Math.exp(-z))) ? 1 : 0;
    offsets[r + 1] = (r + 1) * 4;
  }
  return { data: { count: n, offsets, idx, val, grp, labels, inventory: new Uint8Array(n) }, trueLogit };
}

describe('SPR (hashed logistic regression)', () => {
  const train = synthetic(20_000, 1).data,
    test = synthetic(5_000, 2);

  it('learns a known logistic model: ranks like the true logit and is calibrated', async () => {
    const m = new SprModel({ bits: BITS, epochs: 4 });
    const progress: string[] = [];
    await m.fit(train, { onProgress: (p) => progress.push(p.status) });
    expect(progress).toEqual(['start', 'epoch', 'epoch', 'epoch', 'epoch', 'done']);
    const p = m.predict(test.data);
    const ideal = auc(test.trueLogit, test.data.labels);
    expect(auc(p, test.data.labels)).toBeGreaterThan(ideal - 0.01);
    const observed = test.data.labels.reduce((s, y) => s + y, 0),
      expected = p.reduce((s, x) => s + x, 0);
    expect(observed / expected).toBeGreaterThan(0.93);
    expect(observed / expected).toBeLessThan(1.07);
  });

  it('explains a prediction: group contributions sum to the logit', async () => {
    const m = new SprModel({ bits: BITS, epochs: 1 });
    await m.fit(train);
    const { idx, val, grp, offsets } = test.data;
    const c = m.contributions(idx, val, grp, offsets[7], offsets[8]);
    expect(c).toHaveLength(GROUP_COUNT);
    expect(c.reduce((s, x) => s + x, 0)).toBeCloseTo(m.logit(idx, val, offsets[7], offsets[8]), 5);
  });

  it('toState → fromState gives identical predictions, and training resumes from the epoch reached', async () => {
    const m = new SprModel({ bits: BITS, epochs: 2 });
    await m.fit(train);
    const state = await m.toState();
    const copy = new SprModel(state.config as { bits: number });
    await copy.fromState(state);
    expect(Array.from(copy.predict(test.data))).toEqual(Array.from(m.predict(test.data)));
    const resumed = new SprModel({ ...(state.config as { bits: number }), epochs: 3 });
    await resumed.fromState(state);
    const epochs: number[] = [];
    await resumed.fit(train, { onProgress: (p) => p.status === 'epoch' && epochs.push(p.epoch) });
    expect(epochs).toEqual([3]);
    await expect(new SprModel({ bits: BITS + 1 }).fromState(state)).rejects.toThrow(/shape/);
  });

  it('an aborted fit rejects with AbortError; bad options are rejected', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(new SprModel({ bits: BITS }).fit(train, { signal: ac.signal })).rejects.toBeInstanceOf(AbortError);
    expect(() => new SprModel({ bits: 40 })).toThrow(/bits/);
  });
});
