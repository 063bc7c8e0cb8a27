import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../backend/index.ts';
import { heldOutRows } from '../../systems/courses/world-eval.ts';
import { courseDataFromWorld } from '../../systems/courses/world-data.ts';
import { leaveOneOutLatest } from '../../data/index.ts';
import { auc } from '../../eval/index.ts';
import { InvalidArgumentError } from '../../errors.ts';
import { generateWorld } from '../../world/index.ts';
import { GlmixModel } from './model.ts';
import { cholSolve, newtonBlock, type BlockData } from './newton.ts';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('GLMix solver', () => {
  it('cholSolve solves a symmetric positive definite system', () => {
    const a = Float64Array.of(4, 2, 2, 3);
    const x = Float64Array.of(2, 1); // A · [0.5, 0] = [2, 1]
    cholSolve(a, x, 2);
    expect(x[0]).toBeCloseTo(0.5, 12);
    expect(x[1]).toBeCloseTo(0, 12);
  });

  it('fits all entities at once exactly as one at a time, to a stationary point', async () => {
    // Three entities, two features, labels that depend on the entity.
    const rows = 60;
    const x = Float32Array.from({ length: rows * 2 }, (_, k) => (k % 2 === 0 ? 1 : Math.sin(k)));
    const entity = Int32Array.from({ length: rows }, (_, k) => k % 3);
    const y = Float32Array.from({ length: rows }, (_, k) => ((k % 3) + Math.sin(2 * k) > 1 ? 1 : 0));
    const t = { y, w: new Float32Array(rows).fill(1), offset: new Float32Array(rows) };
    const together = await newtonBlock({ x, d: 2, entity, nEntities: 3 }, t, new Float32Array(6), 0.5, 8);
    for (let e = 0; e < 3; e++) {
      const mine = Int32Array.from({ length: rows / 3 }, (_, r) => r * 3 + e);
      const b: BlockData = {
        x: Float32Array.from(Array.from(mine).flatMap((k) => [x[2 * k], x[2 * k + 1]])),
        d: 2,
        entity: new Int32Array(mine.length),
        nEntities: 1,
      };
      const alone = await newtonBlock(
        b,
        {
          y: y.filter((_, k) => k % 3 === e),
          w: new Float32Array(mine.length).fill(1),
          offset: new Float32Array(mine.length),
        },
        new Float32Array(2),
        0.5,
        8,
      );
      expect(together[2 * e]).toBeCloseTo(alone[0], 4);
      expect(together[2 * e + 1]).toBeCloseTo(alone[1], 4);
      // Stationary: Σ (p − y) x + λβ = 0.
      let g0 = 0.5 * alone[0];
      for (const k of mine) g0 += 1 / (1 + Math.exp(-(alone[0] + alone[1] * x[2 * k + 1]))) - y[k];
      expect(Math.abs(g0)).toBeLessThan(1e-3);
    }
  });
});

describe('GLMix on the simulated world', () => {
  const world = generateWorld({ seed: 3, members: 1000, watchesPerMember: 8 });
  const data = courseDataFromWorld(world);
  const split = leaveOneOutLatest(data.log);
  const train = { ...data, log: split.train };

  it('random effects add lift over the global model, and a saved model scores identically', async () => {
    // Held-out latest watches (label: past the duration threshold) and sampled unwatched courses.
    const { users: pu, items: pi, y } = heldOutRows(data, split.testItem);
    const full = new GlmixModel();
    const global = new GlmixModel({ randomEffects: false });
    const events: string[] = [];
    await full.fit(train, { onProgress: (e) => events.push(e.status) });
    await global.fit(train);
    expect(events).toEqual(['start', 'epoch', 'epoch', 'epoch', 'done']);
    const a = auc(await full.score(pu, pi), y);
    const g = auc(await global.score(pu, pi), y);
    expect(a).toBeGreaterThan(g + 0.005);
    const loaded = new GlmixModel();
    await loaded.fromState(structuredClone(await full.toState()));
    expect(await loaded.score(pu, pi)).toEqual(await full.score(pu, pi));
    expect((await loaded.recommend(0, { k: 5 })).items).toEqual((await full.recommend(0, { k: 5 })).items);
  });

  it('rejects features that do not match the log', async () => {
    const bad = { ...train, courses: { ...train.courses, category: new Uint8Array(3) } };
    await expect(new GlmixModel().fit(bad)).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});
