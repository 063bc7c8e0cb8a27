import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../errors';
import { aliasProbabilities, flatAlias } from './alias';
import { lineKernel } from './kernel';

describe('GPU LINE tables and kernel source', () => {
  it('builds flat alias tables that reproduce the weights', () => {
    const w = [5, 0, 1, 2, 0.5, 9];
    const p = aliasProbabilities(flatAlias(w));
    const total = w.reduce((a, b) => a + b, 0);
    w.forEach((x, i) => expect(p[i]).toBeCloseTo(x / total, 6));
    expect(() => flatAlias([0, 0])).toThrow(InvalidArgumentError);
  });

  it('specialises the kernel: first order updates the vertex table against itself', () => {
    expect(lineKernel(64, 1)).toContain('vertex[u + i] * vertex[v + i]');
    expect(lineKernel(64, 2)).toContain('vertex[u + i] * context[v + i]');
    expect(lineKernel(32, 2)).toContain('const D: u32 = 32u;');
  });
});
