import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../backend/index.ts';
import { InvalidArgumentError } from '../../errors.ts';
import { courseDataFromWorld } from '../../systems/courses/world-data.ts';
import { generateWorld } from '../../world/index.ts';
import type { History } from '../recommender.ts';
import { BlendModel } from './model.ts';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('blend for a person known by a history', () => {
  const world = generateWorld({ seed: 5, members: 600, watchesPerMember: 6 });
  const data = courseDataFromWorld(world);
  const blend = new BlendModel({ ncf: { epochs: 3, batchSize: 512, neighbours: 10 }, glmix: { rounds: 2 } });
  beforeAll(async () => {
    await blend.fit(data);
  }, 120_000);

  /** Member `u`'s watches (with seconds and times) and member features by name. */
  function historyOf(u: number): History {
    const rows = Array.from({ length: data.log.length }, (_, k) => k).filter((k) => data.log.users[k] === u);
    const s = data.members.skills;
    const features: Record<string, number> = { seniority: data.members.seniority[u] };
    for (let p = s.indptr[u]; p < s.indptr[u + 1]; p++) features[`skill:${data.skillNames?.[s.indices[p]]}`] = 1;
    return {
      items: Int32Array.from(rows, (k) => data.log.items[k]),
      times: Float64Array.from(rows, (k) => data.log.times[k]),
      durations: Float32Array.from(rows, (k) => data.log.values[k]),
      features,
    };
  }

  it("folds each part in, and ranks a training learner's history like the learner", async () => {
    const u = 11;
    const h = historyOf(u);
    const folded = await blend.foldIn(h);
    expect(folded.method).toBe('blend');
    expect(folded.parts.glmix.kind).toBe('glmix');
    expect(folded.parts.glmix.method).toBe('newton');
    expect(folded.parts.ncf.kind).toBe('ncf');
    expect(folded.vector.length).toBe(folded.parts.ncf.vector.length + folded.parts.glmix.vector.length);
    expect(Array.from(folded.vector.subarray(folded.parts.ncf.vector.length))).toEqual(
      Array.from(folded.parts.glmix.vector),
    );
    // Deterministic: the same history folds in bit-identically.
    expect((await blend.foldIn(h)).vector).toEqual(folded.vector);

    const r = await blend.explainFor(h, { k: 10, excludeSeen: true });
    expect(r.items.length).toBe(10);
    for (const i of r.items) expect(Array.from(h.items)).not.toContain(i);
    for (const reason of r.reasons) expect(reason.text).toMatch(/watched "|Teaches |where your skills are|learners/);
    const again = await blend.recommendFor(h, { k: 10, excludeSeen: true, folded });
    expect(again.items).toEqual(r.items);
    // The trained learner's own list: same watches and features, so mostly the same courses.
    const trained = await blend.explain(u, { k: 10, excludeSeen: true });
    const overlap = Array.from(r.items).filter((i) => trained.items.includes(i)).length;
    expect(overlap).toBeGreaterThanOrEqual(7);
    // Reasons come from the same evidence (their watches, their profile) as the learner's own.
    for (const [t, i] of Array.from(r.items).entries()) {
      const at = Array.from(trained.items).indexOf(i);
      if (at >= 0) expect(r.reasons[t]).toEqual(trained.reasons[at]);
    }
  });

  it('differs for different histories and rejects a foreign fold-in', async () => {
    const a = await blend.recommendFor(historyOf(11), { k: 10 });
    const b = await blend.recommendFor(historyOf(222), { k: 10 });
    expect(Array.from(a.items)).not.toEqual(Array.from(b.items));
    const glmixOnly = await (blend.parts.glmix?.foldIn(historyOf(11)) as Promise<unknown>);
    await expect(
      blend.recommendFor(historyOf(11), { folded: glmixOnly as Parameters<BlendModel['foldIn']>[1] }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});
