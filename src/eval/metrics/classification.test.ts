import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../errors.ts';
import { naiveAuc, naiveF1, naiveLogLoss } from '../../testing/naive-metrics.ts';
import { auc, logLoss, macroF1, microF1 } from './classification.ts';

/** Labelled scores with both classes present; integer scores force ties. */
const labelledScores = fc
  .array(fc.tuple(fc.integer({ min: -4, max: 4 }), fc.constantFrom(0, 1)), { minLength: 2, maxLength: 60 })
  .map((rows) => [[0, 0] as [number, number], [0, 1] as [number, number], ...rows]);

describe('auc', () => {
  it('gives the hand-computed values', () => {
    expect(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75, 12); // scikit-learn's doc example
    expect(auc([1, 2, 3, 4], [0, 0, 1, 1])).toBe(1);
    expect(auc([4, 3, 2, 1], [0, 0, 1, 1])).toBe(0);
    expect(auc([5, 5, 5], [1, 0, 1])).toBe(0.5);
    expect(auc([1, 2, 2, 3], [0, 1, 0, 1])).toBeCloseTo(0.875, 12); // 3.5 of 4 pairs
  });

  it('rejects one-class labels, NaN scores, non-binary labels and length mismatches', () => {
    expect(() => auc([1, 2], [1, 1])).toThrow(InvalidArgumentError);
    expect(() => auc([1, NaN], [0, 1])).toThrow(InvalidArgumentError);
    expect(() => auc([1, 2], [0, 2])).toThrow(InvalidArgumentError);
    expect(() => auc([1, 2, 3], [0, 1])).toThrow(InvalidArgumentError);
  });

  it('matches the all-pairs count on random inputs with ties and infinities', () => {
    fc.assert(
      fc.property(labelledScores, fc.boolean(), (rows, withInf) => {
        const scores = rows.map(([s]) => (withInf && s === 4 ? Infinity : s));
        const labels = rows.map(([, y]) => y);
        expect(auc(Float32Array.from(scores), Uint8Array.from(labels))).toBeCloseTo(naiveAuc(scores, labels), 12);
      }),
    );
  });
});

describe('logLoss', () => {
  it('gives the hand-computed values, clipping certain mistakes', () => {
    expect(logLoss([0.9, 0.2], [1, 0])).toBeCloseTo((-Math.log(0.9) - Math.log(0.8)) / 2, 12);
    expect(logLoss([0], [1])).toBeCloseTo(-Math.log(1e-15), 9);
    expect(logLoss([0], [1], 1e-7)).toBeCloseTo(-Math.log(1e-7), 9);
    expect(logLoss([1, 0], [1, 0])).toBeLessThan(1e-14);
  });

  it('rejects probabilities outside [0, 1] and NaN', () => {
    expect(() => logLoss([1.2], [1])).toThrow(InvalidArgumentError);
    expect(() => logLoss([NaN], [1])).toThrow(InvalidArgumentError);
    expect(() => logLoss([], [])).toThrow(InvalidArgumentError);
  });

  it('matches the per-row definition', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1)), {
          minLength: 1,
          maxLength: 50,
        }),
        (rows) => {
          const p = rows.map(([q]) => q);
          const y = rows.map(([, l]) => l);
          expect(logLoss(p, y)).toBeCloseTo(naiveLogLoss(p, y), 9);
        },
      ),
    );
  });
});

describe('microF1 / macroF1', () => {
  it("gives scikit-learn's documented values", () => {
    const yTrue = [0, 1, 2, 0, 1, 2];
    const yPred = [0, 2, 1, 0, 0, 1];
    expect(macroF1(yTrue, yPred)).toBeCloseTo(0.26666666666666666, 12);
    expect(microF1(yTrue, yPred)).toBeCloseTo(1 / 3, 12);
  });

  it('averages over classes present in truth or prediction', () => {
    // class 2 is only predicted: F1 = 0 drags the mean down to (1 + 2/3 + 0) / 3
    expect(macroF1([0, 0, 1, 1], [0, 0, 1, 2])).toBeCloseTo(5 / 9, 12);
    expect(microF1([0, 0, 1, 1], [0, 0, 1, 2])).toBeCloseTo(0.75, 12);
    expect(macroF1(Int32Array.from([3, 3]), Int32Array.from([3, 3]))).toBe(1);
  });

  it('rejects empty, mismatched and non-integer labels', () => {
    expect(() => microF1([], [])).toThrow(InvalidArgumentError);
    expect(() => macroF1([1, 2], [1])).toThrow(InvalidArgumentError);
    expect(() => macroF1([1.5], [1])).toThrow(InvalidArgumentError);
  });

  it('matches the confusion-matrix definition; micro equals accuracy', () => {
    const cls = fc.integer({ min: -1, max: 5 });
    fc.assert(
      fc.property(fc.array(fc.tuple(cls, cls), { minLength: 1, maxLength: 60 }), (rows) => {
        const t = rows.map(([a]) => a);
        const p = rows.map(([, b]) => b);
        const ref = naiveF1(t, p);
        expect(microF1(t, p)).toBeCloseTo(ref.micro, 12);
        expect(macroF1(t, p)).toBeCloseTo(ref.macro, 12);
        expect(microF1(t, p)).toBeCloseTo(t.filter((y, i) => y === p[i]).length / t.length, 12);
      }),
    );
  });
});
