import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../backend/index.ts';
import { courseDataFromWorld } from '../../systems/courses/world-data.ts';
import { StateVersionError } from '../../errors.ts';
import { modelFromState } from '../registry.ts';
import { generateWorld } from '../../world/index.ts';
import { BlendModel } from './model.ts';
import { blendScore, fitBlendWeights } from './weights.ts';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('blend weights', () => {
  it('learn to trust the informative part and ignore noise', () => {
    const n = 400;
    const informative = Float32Array.from({ length: n }, (_, k) => Math.sin(k * 1.7) * 3);
    const noise = Float32Array.from({ length: n }, (_, k) => Math.cos(k * 12.9898) * 5);
    const y = Float32Array.from(informative, (v, k) => (v + 0.3 * Math.sin(k * 7.1) > 0 ? 1 : 0));
    const bw = fitBlendWeights([noise, informative], y);
    expect(bw.w[1]).toBeGreaterThan(2);
    expect(Math.abs(bw.w[0])).toBeLessThan(0.5);
    expect(blendScore(bw, [0, 3])).toBeGreaterThan(blendScore(bw, [0, -3]));
  });
});

describe('blended course recommendations', () => {
  it('ranks unwatched courses with a reason each, from learned (not 50/50) weights', async () => {
    const world = generateWorld({ seed: 5, members: 600, watchesPerMember: 6 });
    const data = courseDataFromWorld(world);
    const blend = new BlendModel({ ncf: { epochs: 3, batchSize: 512, neighbours: 10 }, glmix: { rounds: 2 } });
    blend.setCourseNames((c) => world.courses.title[c]);
    await expect(blend.recommend(0)).rejects.toThrow();
    await blend.fit(data);
    const w = blend.learned?.w ?? [];
    expect(w.length).toBe(2);
    expect(w[0]).not.toBeCloseTo(w[1], 2);
    const member = data.log.users[0];
    const r = await blend.explain(member, { k: 10, excludeSeen: true });
    expect(r.items.length).toBe(10);
    expect(r.reasons.length).toBe(10);
    for (const reason of r.reasons) expect(reason.text).toMatch(/watched "|Teaches |where your skills are|learners/);
    const watched = new Set(
      Array.from(
        data.log.items.filter((_, k) => data.log.users[k] === member && data.log.values[k] >= data.relevantSeconds),
      ),
    );
    for (const i of r.items) expect(watched.has(i)).toBe(false);
    const scores = await blend.score(new Int32Array(10).fill(member), r.items);
    expect(Array.from(scores)).toEqual(Array.from(r.scores));
    // Saved whole (weights, parts, titles): a loaded copy explains identically.
    const state = await blend.toState();
    const loaded = await modelFromState(structuredClone(state));
    expect(await (loaded as BlendModel).explain(member, { k: 10, excludeSeen: true })).toEqual(r);
    loaded.dispose();
    // Each embedded part keeps its own kind's version: one this build cannot read is named as such.
    const parts = state.meta.parts as { glmix: { stateVersion: number } };
    parts.glmix.stateVersion = 99;
    await expect(modelFromState(state)).rejects.toThrow(StateVersionError);
    await expect(modelFromState(state)).rejects.toThrow(/glmix/);
    blend.dispose();
  });
});
