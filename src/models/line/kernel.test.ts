import { describe, expect, it } from 'vitest';
import { Rng } from '../../data/rng.ts';
import { initVertex, runSamples } from './sgd.ts';
import { buildLineTables } from './tables.ts';

describe('LINE kernel', () => {
  it('handles a dim that is no multiple of 8: a 13-d run matches the same run zero-padded to 16-d', () => {
    const tables = buildLineTables({
      n: 6,
      src: Int32Array.from([0, 1, 2, 3, 4, 0]),
      dst: Int32Array.from([1, 2, 3, 4, 5, 5]),
    });
    const v13 = initVertex(6, 13, new Rng(2)).map((x) => x * 20);
    const pad = (a: Float32Array) =>
      Float32Array.from({ length: 6 * 16 }, (_, i) => (i % 16 < 13 ? a[Math.floor(i / 16) * 13 + (i % 16)] : 0));
    const v16 = pad(v13),
      c13 = v13.map((x) => -x),
      c16 = pad(c13);
    const job = { tables, negatives: 3, total: 500, learningRate: 0.5 };
    runSamples({ ...job, dim: 13, vertex: v13, context: c13 }, 0, 500, new Rng(9));
    runSamples({ ...job, dim: 16, vertex: v16, context: c16 }, 0, 500, new Rng(9));
    const p13 = pad(v13),
      q13 = pad(c13);
    for (let i = 0; i < 6 * 16; i++) {
      expect(v16[i]).toBeCloseTo(p13[i], 5);
      expect(c16[i]).toBeCloseTo(q13[i], 5);
    }
    expect(v13.some((x, i) => x !== initVertex(6, 13, new Rng(2))[i] * 20)).toBe(true);
  });
});
