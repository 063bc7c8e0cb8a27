/**
 * Test helpers for UnsortedSegmentSum: a naive reference and a fast-check generator of cases whose
 * float32 sums are exact (values are multiples of 1/4), so results compare with toEqual.
 */
import fc from 'fast-check';

/** One kernel input: x of shape `[...idsShape, ...inner]`, ids, and numSegments. */
export interface SegmentCase {
  readonly idsShape: number[];
  readonly inner: number[];
  readonly ids: number[];
  readonly x: number[];
  readonly numSegments: number;
  readonly dtype: 'float32' | 'int32';
}

/** Segment sums the slow obvious way: out[s][c] = Σ over rows r with ids[r] = s of x[r][c]. */
export function naiveSegmentSum(c: SegmentCase): number[] {
  const rowSize = c.inner.reduce((a, b) => a * b, 1);
  const out: number[] = [];
  for (let s = 0; s < c.numSegments; s++) {
    for (let col = 0; col < rowSize; col++) {
      let sum = 0;
      c.ids.forEach((id, r) => {
        if (id === s) sum += c.x[r * rowSize + col];
      });
      out.push(sum);
    }
  }
  return out;
}

const dims = (maxLen: number, maxDim: number) => fc.array(fc.integer({ min: 0, max: maxDim }), { maxLength: maxLen });

/**
 * Random cases: empty inputs, zero-sized dims, numSegments above the largest id, repeated ids, ids
 * outside [0, numSegments) (they add nothing), rank-2 segment ids, float32 and int32.
 */
export function segmentCases(): fc.Arbitrary<SegmentCase> {
  return fc
    .record({
      idsShape: fc.oneof(
        dims(1, 40).map((d) => (d.length ? d : [0])),
        dims(2, 6).filter((d) => d.length === 2),
      ),
      inner: dims(2, 5),
      numSegments: fc.integer({ min: 0, max: 25 }),
      dtype: fc.constantFrom<'float32' | 'int32'>('float32', 'int32'),
      seed: fc.integer(),
    })
    .map(({ idsShape, inner, numSegments, dtype, seed }) => {
      const rows = idsShape.reduce((a, b) => a * b, 1);
      const size = rows * inner.reduce((a, b) => a * b, 1);
      const rand = lcg(seed);
      // Few distinct ids so repeats are common; a few fall outside [0, numSegments).
      const ids = Array.from({ length: rows }, () => Math.floor(rand() * (numSegments + 3)) - 1);
      const x = Array.from({ length: size }, () => {
        const k = Math.floor(rand() * 81) - 40;
        return dtype === 'int32' ? k : k / 4;
      });
      return { idsShape, inner, ids, x, numSegments, dtype };
    });
}

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
