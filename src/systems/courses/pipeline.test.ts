import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../backend/index.ts';
import { InvalidArgumentError, UnknownIdError } from '../../errors.ts';
import { BlendModel } from '../../models/blend/index.ts';
import type { ModelState } from '../../models/recommender.ts';
import { generateWorld } from '../../world/index.ts';
import { coursePipelineFigures } from './pipeline.ts';
import { courseDataFromWorld, relevantWatches } from './world-data.ts';

const world = generateWorld({ seed: 5, members: 300, watchesPerMember: 6 });
const data = courseDataFromWorld(world);
const blend = new BlendModel({ ncf: { epochs: 2, batchSize: 512, neighbours: 7, window: 3 }, glmix: { rounds: 1 } });
let state: ModelState;

beforeAll(async () => {
  await initBackend('wasm');
  await blend.fit(data);
  state = await blend.toState();
}, 60_000); // a few seconds alone; more on a shared machine
afterAll(() => blend.dispose());

describe('coursePipelineFigures', () => {
  it('gives the parts that the running blender scores with, for several learners and courses', async () => {
    const { ncf, glmix } = blend.parts;
    const positives = relevantWatches(data);
    for (const [m, c] of [
      [0, 3],
      [5, 40],
      [17, 99],
    ]) {
      const f = await coursePipelineFigures(state, `m${m}`, `c${c}`);
      const users = Int32Array.of(m);
      const items = Int32Array.of(c);
      const parts = { fixed: new Float32Array(1), member: new Float32Array(1), course: new Float32Array(1) };
      const g = glmix!.scorePairs(users, items, parts)[0];
      expect([f.glmix.global, f.glmix.member, f.glmix.course, f.glmix.score]).toEqual([
        parts.fixed[0],
        parts.member[0],
        parts.course[0],
        g,
      ]);
      expect(f.output.score).toBeCloseTo((await ncf!.score(users, items))[0], 4);
      expect(f.output.interaction + f.output.courseBias).toBeCloseTo(f.output.score, 6);
      expect(f.blend.score).toBeCloseTo((await blend.score(users, items))[0], 4);
      const w = blend.learned!;
      expect(f.blend.weights).toEqual({ ncf: w.w[0], glmix: w.w[1], bias: w.bias });
      expect(f.blend.weights.bias + f.blend.contributions.ncf + f.blend.contributions.glmix).toBeCloseTo(
        f.blend.score,
        6,
      );
      // The towers' inputs: the latest 3 of the learner's distinct relevant courses, ≤ 7 co-watch neighbours.
      const watched = new Set(positives.items.filter((_, k) => positives.users[k] === m));
      expect(f.learner).toEqual({ watched: watched.size, inputs: Math.min(3, watched.size), window: 3, dim: 32 });
      expect(f.course.maxNeighbours).toBe(7);
      expect(f.course.neighbours).toBeGreaterThan(0);
      expect(f.course.neighbours).toBeLessThanOrEqual(7);
      expect(f.output.layers).toEqual([32, 1]);
      expect(f.output.timeContext).toBe(false);
    }
  });

  it('names an unknown learner and refuses an unfitted blender', async () => {
    await expect(coursePipelineFigures(state, 'm999999', 'c1')).rejects.toThrow(UnknownIdError);
    const empty = new BlendModel();
    await expect(coursePipelineFigures(await empty.toState(), 'm0', 'c1')).rejects.toThrow(InvalidArgumentError);
  });
});
