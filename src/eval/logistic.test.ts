import { describe, expect, it } from 'vitest';
import { Rng } from '../data/rng.ts';
import { InvalidArgumentError } from '../errors.ts';
import { naiveLogisticObjective } from '../testing/naive-metrics.ts';
import { fitOneVsRest } from './logistic.ts';

// One feature at ±1 (already standard: mean 0, std 1); P(y=1 | x=1) = 2/3 and P(y=1 | x=−1) = 1/3,
// so by symmetry the intercept is 0 and the unregularised slope is ln 2.
const x1 = Float64Array.from([1, 1, 1, -1, -1, -1]);
const y1 = [1, 1, 0, 0, 0, 1];
const sigmoid = (t: number): number => 1 / (1 + Math.exp(-t));

/** Root of an increasing function on [lo, hi] by bisection. */
function bisect(f: (w: number) => number, lo: number, hi: number): number {
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > 0) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}

/** Random rows standardised exactly (mean 0, population std 1), so the model's own scaling is identity. */
function standardRows(rng: Rng, n: number, dim: number): number[][] {
  const rows = Array.from({ length: n }, () => Array.from({ length: dim }, () => rng.normal()));
  for (let j = 0; j < dim; j++) {
    const m = rows.reduce((s, r) => s + r[j], 0) / n;
    const sd = Math.sqrt(rows.reduce((s, r) => s + (r[j] - m) ** 2, 0) / n);
    rows.forEach((r) => (r[j] = (r[j] - m) / sd));
  }
  return rows;
}

describe('fitOneVsRest', () => {
  it('recovers the known unregularised answer: slope ln 2, intercept 0', () => {
    const m = fitOneVsRest(x1, 1, y1, { l2: 0, tol: 1e-10 });
    const z = m.decision(Float64Array.from([1, -1, 0]));
    expect(z[0]).toBeCloseTo(Math.LN2, 6);
    expect(z[1]).toBeCloseTo(-Math.LN2, 6);
    expect(z[2]).toBeCloseTo(0, 6);
    expect(sigmoid(z[0])).toBeCloseTo(2 / 3, 6);
  });

  it('recovers the known regularised answer: 6σ(w) − 4 + λw = 0', () => {
    for (const l2 of [0.5, 1, 4]) {
      const w = bisect((v) => 6 * sigmoid(v) - 4 + l2 * v, 0, 1);
      const m = fitOneVsRest(x1, 1, y1, { l2, tol: 1e-10 });
      expect(m.decision(Float64Array.from([1]))[0]).toBeCloseTo(w, 6);
    }
  });

  it('reaches a stationary point of the regularised objective on random data', () => {
    const rng = new Rng(5);
    const dim = 4;
    const rows = standardRows(rng, 60, dim);
    const y = rows.map((r) => (rng.bernoulli(sigmoid(r[0] - 2 * r[2])) ? 1 : 0));
    const m = fitOneVsRest(Float64Array.from(rows.flat()), dim, y, { l2: 1, tol: 1e-10 });
    const b = m.decision(new Float64Array(dim))[0];
    const w = Array.from(
      { length: dim },
      (_, j) => m.decision(Float64Array.from({ length: dim }, (_, i) => (i === j ? 1 : 0)))[0] - b,
    );
    const f = (ww: number[], bb: number): number => naiveLogisticObjective(rows, y, ww, bb, 1);
    const h = 1e-5;
    for (let j = 0; j <= dim; j++) {
      const plus = w.map((v, i) => (i === j ? v + h : v));
      const minus = w.map((v, i) => (i === j ? v - h : v));
      const grad = j < dim ? (f(plus, b) - f(minus, b)) / (2 * h) : (f(w, b + h) - f(w, b - h)) / (2 * h);
      expect(Math.abs(grad)).toBeLessThan(1e-4);
    }
    expect(f(w, b)).toBeLessThan(
      f(
        w.map((v) => v * 1.05),
        b,
      ),
    );
  });

  it('separates clusters for arbitrary integer class labels', () => {
    const rng = new Rng(9);
    const classes = [7, -2, 3];
    const centres = [
      [4, 0, 0],
      [0, 4, 0],
      [0, 0, 4],
    ];
    const y = Int32Array.from({ length: 90 }, (_, i) => classes[i % 3]);
    const x = Float64Array.from(
      Array.from(y, (c) => centres[classes.indexOf(c)].map((v) => v + 0.5 * rng.normal())).flat(),
    );
    const m = fitOneVsRest(x, 3, y);
    expect(Array.from(m.classes)).toEqual([-2, 3, 7]);
    expect(Array.from(m.predict(x))).toEqual(Array.from(y));
    expect(Array.from(m.predict(Float64Array.from([4, 0, 0, 0, 0, 4])))).toEqual([7, 3]);
    expect(m.decision(x).length).toBe(90 * 3);
  });

  it('is invariant to rescaling and shifting a feature (it standardises)', () => {
    const rng = new Rng(2);
    const rows = Array.from({ length: 50 }, () => [rng.normal(), rng.normal()]);
    const y = rows.map((r) => (r[0] + r[1] + 0.5 * rng.normal() > 0 ? 1 : 0));
    const a = fitOneVsRest(Float64Array.from(rows.flat()), 2, y, { tol: 1e-10 });
    const scaled = rows.map(([p, q]) => [1000 * p + 5, q]);
    const b = fitOneVsRest(Float64Array.from(scaled.flat()), 2, y, { tol: 1e-10 });
    const za = a.decision(Float64Array.from(rows.flat()));
    const zb = b.decision(Float64Array.from(scaled.flat()));
    za.forEach((v, i) => expect(zb[i]).toBeCloseTo(v, 5));
  });

  it('predicts the only class when training has one', () => {
    const m = fitOneVsRest(Float64Array.from([1, 2, 3]), 1, [4, 4, 4]);
    expect(Array.from(m.predict(Float64Array.from([0, 9])))).toEqual([4, 4]);
  });

  it('rejects bad shapes, non-finite features, non-integer labels and bad options', () => {
    expect(() => fitOneVsRest(new Float64Array(5), 2, [0, 1])).toThrow(InvalidArgumentError);
    expect(() => fitOneVsRest(Float64Array.from([NaN, 1]), 1, [0, 1])).toThrow(InvalidArgumentError);
    expect(() => fitOneVsRest(Float64Array.from([0, 1]), 1, [0, 0.5])).toThrow(InvalidArgumentError);
    expect(() => fitOneVsRest(Float64Array.from([0, 1]), 1, [0, 1], { l2: -1 })).toThrow(InvalidArgumentError);
    expect(() => fitOneVsRest(new Float64Array(0), 1, [])).toThrow(InvalidArgumentError);
  });
});
