import { describe, expect, it } from 'vitest';
import { AbortError, InvalidArgumentError } from '../../errors.ts';
import { Adam } from './adam.ts';
import { TwoTowerModel, type IdBags } from './model.ts';

/** 6 queries and 12 members in 3 groups; a pair is positive iff the groups agree (ids: group, then a unique id). */
function grouped(): { queries: IdBags; members: IdBags; query: Int32Array; member: Int32Array; label: Uint8Array } {
  const qb = Array.from({ length: 6 }, (_, q) => [q % 3, 3 + q]);
  const mb = Array.from({ length: 12 }, (_, m) => [m % 3, 3 + m]);
  const toBags = (b: number[][], vocab: number): IdBags => ({
    offsets: Uint32Array.from([0, ...b.map((_, i) => 2 * (i + 1))]),
    values: Uint32Array.from(b.flat()),
    vocab,
  });
  const query: number[] = [],
    member: number[] = [],
    label: number[] = [];
  for (let q = 0; q < 6; q++)
    for (let m = 0; m < 12; m++) {
      query.push(q);
      member.push(m);
      label.push(q % 3 === m % 3 ? 1 : 0);
    }
  return {
    queries: toBags(qb, 9),
    members: toBags(mb, 15),
    query: Int32Array.from(query),
    member: Int32Array.from(member),
    label: Uint8Array.from(label),
  };
}

describe('two-tower', () => {
  it('learns which members go with which queries (known answer: same group)', async () => {
    const d = grouped();
    const model = new TwoTowerModel(9, 15, { epochs: 40, batchSize: 8, learningRate: 0.02, hidden: 16, dim: 8 });
    const losses = await model.fit(d.queries, d.members, d);
    expect(losses[losses.length - 1]).toBeLessThan(losses[0] / 2);
    for (let q = 0; q < 6; q++) {
      const qv = model.embedQuery([q % 3, 3 + q]);
      const s = Array.from({ length: 12 }, (_, m) => model.scoreVectors(qv, model.embedMember([m % 3, 3 + m])));
      const pos = s.filter((_, m) => m % 3 === q % 3),
        neg = s.filter((_, m) => m % 3 !== q % 3);
      expect(Math.min(...pos)).toBeGreaterThan(Math.max(...neg));
    }
  });

  it('aborts, and rejects empty training data', async () => {
    const d = grouped();
    const ctl = new AbortController();
    ctl.abort();
    await expect(new TwoTowerModel(9, 15).fit(d.queries, d.members, d, { signal: ctl.signal })).rejects.toBeInstanceOf(
      AbortError,
    );
    const none = { query: new Int32Array(0), member: new Int32Array(0), label: new Uint8Array(0) };
    await expect(new TwoTowerModel(9, 15).fit(d.queries, d.members, none)).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('Adam moves a parameter against its gradient by about the step size', () => {
    const p = Float32Array.from([1, 2]);
    new Adam(p, 0.1).step(Float32Array.from([3, 0]));
    expect(p[0]).toBeCloseTo(0.9, 5);
    expect(p[1]).toBe(2);
  });
});
