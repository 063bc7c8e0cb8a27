import { describe, expect, it } from 'vitest';
import { aliasProbabilities, aliasTable } from '../../../data/samplers/alias.ts';
import { InvalidArgumentError } from '../../../errors.ts';
import { flatAlias } from '../tables.ts';
import { lineKernel } from './kernel.ts';

describe('GPU LINE tables and kernel source', () => {
  it('narrows the one alias table to Float32 for the kernels, still reproducing the weights', () => {
    const w = [5, 0, 1, 2, 0.5, 9];
    const flat = flatAlias(w);
    const table = aliasTable(w);
    expect(flat.prob).toBeInstanceOf(Float32Array);
    expect([...flat.prob]).toEqual([...Float32Array.from(table.prob)]);
    expect([...flat.alias]).toEqual([...table.alias]);
    const p = aliasProbabilities(flat);
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
