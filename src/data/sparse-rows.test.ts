import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors.ts';
import {
  cooToCsr,
  csrHas,
  csrIndices,
  csrLength,
  csrOrder,
  csrPosition,
  csrRow,
  distinctRows,
  groupBy,
  pairsToCsr,
  transpose,
  type SparseRows,
} from './sparse-rows.ts';
import { Rng } from './rng.ts';

/** Entries of a CSR as [row, col, value] triples in storage order. */
function triples(csr: Required<SparseRows>): number[][] {
  const out: number[][] = [];
  for (let r = 0; r < csr.nRows; r++) {
    for (let k = csr.indptr[r]; k < csr.indptr[r + 1]; k++) out.push([r, csr.indices[k], csr.values[k]]);
  }
  return out;
}

const coo = fc
  .record({ nRows: fc.integer({ min: 1, max: 8 }), nCols: fc.integer({ min: 1, max: 8 }) })
  .chain(({ nRows, nCols }) =>
    fc.record({
      nRows: fc.constant(nRows),
      nCols: fc.constant(nCols),
      entries: fc.array(fc.tuple(fc.nat(nRows - 1), fc.nat(nCols - 1), fc.integer({ min: -9, max: 9 })), {
        maxLength: 40,
      }),
    }),
  );

function build(c: { nRows: number; nCols: number; entries: [number, number, number][] }): Required<SparseRows> {
  const rows = Int32Array.from(c.entries, (e) => e[0]);
  const cols = Int32Array.from(c.entries, (e) => e[1]);
  const values = Float32Array.from(c.entries, (e) => e[2]);
  return cooToCsr(rows, cols, values, c.nRows, c.nCols);
}

describe('SparseRows', () => {
  it('matches a naive stable sort by (row, col), keeping repeats in source order', () => {
    fc.assert(
      fc.property(coo, (c) => {
        const naive = c.entries.map((e, k) => [...e, k]).sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[3] - b[3]);
        expect(triples(build(c))).toEqual(naive.map((e) => e.slice(0, 3)));
      }),
      { numRuns: 200, seed: 1 },
    );
  });

  it('answers csrHas and csrRow like a set lookup', () => {
    fc.assert(
      fc.property(coo, (c) => {
        const csr = build(c);
        for (let r = 0; r < c.nRows; r++) {
          const row = [...csrRow(csr, r).indices];
          for (let col = -1; col <= c.nCols; col++) {
            expect(csrHas(csr, r, col)).toBe(c.entries.some((e) => e[0] === r && e[1] === col));
          }
          expect(row).toEqual([...row].sort((a, b) => a - b));
        }
      }),
      { numRuns: 100, seed: 2 },
    );
  });

  it('transposes to the CSR of swapped coordinates, and back', () => {
    fc.assert(
      fc.property(coo, (c) => {
        const csr = build(c);
        const swapped = {
          nRows: c.nCols,
          nCols: c.nRows,
          entries: c.entries.map(([r, col, v]) => [col, r, v] as [number, number, number]),
        };
        expect(triples(transpose(csr))).toEqual(triples(build(swapped)));
        expect(transpose(transpose(csr))).toEqual(csr);
      }),
      { numRuns: 100, seed: 3 },
    );
  });

  it('returns row views that share memory', () => {
    const csr = cooToCsr(Int32Array.of(1, 0, 1), Int32Array.of(2, 0, 0), Float32Array.of(5, 6, 7), 2, 3);
    const row = csrRow(csr, 1);
    expect([...row.indices]).toEqual([0, 2]);
    expect([...row.values]).toEqual([7, 5]);
    row.values[0] = 9;
    expect(csr.values[1]).toBe(9);
  });

  it('finds positions, merges repeats and transposes a 0/1 matrix without inventing values', () => {
    const csr = cooToCsr(Int32Array.of(0, 0, 1, 0), Int32Array.of(3, 1, 2, 3), Float32Array.of(1, 2, 3, 4), 2, 4);
    expect(csrPosition(csr, 0, 3)).toBe(1); // row 0 is [1, 3, 3]: the first of the repeats
    expect(csrPosition(csr, 0, 2)).toBe(-1);
    expect(csrPosition(csr, 1, 2)).toBe(3);
    const binary = distinctRows(csr);
    expect(binary.values).toBeUndefined();
    expect([...binary.indptr]).toEqual([0, 2, 3]);
    expect([...binary.indices]).toEqual([1, 3, 2]);
    expect(csrRow(binary, 0).values).toBeUndefined();
    const t = transpose(binary);
    expect(t.values).toBeUndefined();
    expect([...t.indptr]).toEqual([0, 0, 1, 2, 3]);
    expect([...t.indices]).toEqual([0, 1, 0]);
  });

  it('rejects out-of-range input with typed errors', () => {
    expect(() => cooToCsr(Int32Array.of(2), Int32Array.of(0), Float32Array.of(1), 2, 2)).toThrow(InvalidArgumentError);
    expect(() => cooToCsr(Int32Array.of(0), Int32Array.of(-1), Float32Array.of(1), 2, 2)).toThrow(InvalidArgumentError);
    expect(() => cooToCsr(Int32Array.of(0), Int32Array.of(0, 1), Float32Array.of(1), 2, 2)).toThrow(
      InvalidArgumentError,
    );
    const csr = cooToCsr(Int32Array.of(0), Int32Array.of(0), Float32Array.of(1), 1, 1);
    expect(() => csrRow(csr, 1)).toThrow(InvalidArgumentError);
    expect(() => csrHas(csr, -1, 0)).toThrow(InvalidArgumentError);
  });

  it('orders 100k random entries (stable) in one pass', () => {
    const rng = new Rng(9);
    const n = 100_000;
    const rows = Int32Array.from({ length: n }, () => rng.int(5000));
    const cols = Int32Array.from({ length: n }, () => rng.int(20000));
    const started = performance.now();
    const { indptr, perm } = csrOrder(rows, cols, 5000, 20000);
    console.info(`csrOrder of 100k entries: ${(performance.now() - started).toFixed(1)} ms`);
    expect(indptr[5000]).toBe(n);
    for (let k = 1; k < n; k++) {
      const a = perm[k - 1];
      const b = perm[k];
      const ordered =
        rows[a] < rows[b] || (rows[a] === rows[b] && (cols[a] < cols[b] || (cols[a] === cols[b] && a < b)));
      if (!ordered) expect.fail(`entries ${a} and ${b} out of order`);
    }
  });
});

describe('groupBy and pairsToCsr (the world builders)', () => {
  it('groups items by key, stably', () => {
    const g = groupBy([2, 0, 2, 1, 0], 4);
    expect([g.nRows, g.nCols]).toEqual([4, 5]);
    expect(Array.from(g.indptr)).toEqual([0, 2, 3, 5, 5]);
    expect(Array.from(csrIndices(g, 0))).toEqual([1, 4]);
    expect(Array.from(csrIndices(g, 2))).toEqual([0, 2]);
    expect(csrIndices(g, 3).length).toBe(0);
  });

  it('builds sorted, deduplicated rows from pairs; symmetric graphs drop self-loops', () => {
    const src = Uint32Array.from([0, 0, 1, 2, 2, 0]),
      dst = Uint32Array.from([2, 1, 0, 2, 0, 0]);
    const g = pairsToCsr(3, src, dst, 6, true);
    expect([0, 1, 2].map((r) => Array.from(csrIndices(g, r)))).toEqual([[1, 2], [0], [0]]);
    expect(csrHas(g, 0, 2) && !csrHas(g, 1, 2)).toBe(true);
    const d = pairsToCsr(3, src, dst, 6, false, 4);
    expect([g.nCols, d.nCols]).toEqual([3, 4]);
    expect([csrLength(d, 0), csrLength(d, 1)]).toEqual([3, 1]);
    expect([0, 1, 2].map((r) => Array.from(csrIndices(d, r)))).toEqual([[0, 1, 2], [0], [0, 2]]);
  });
});
