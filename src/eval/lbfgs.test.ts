import { describe, expect, it } from 'vitest';
import { minimizeLbfgs } from './lbfgs.ts';

describe('minimizeLbfgs', () => {
  it('finds the minimum of an ill-conditioned quadratic', () => {
    const scale = [1, 10, 100, 1000];
    const target = [3, -2, 0.5, 7];
    const r = minimizeLbfgs(
      (x, g) => {
        let f = 0;
        x.forEach((v, i) => {
          f += 0.5 * scale[i] * (v - target[i]) ** 2;
          g[i] = scale[i] * (v - target[i]);
        });
        return f;
      },
      new Float64Array(4),
      { gradTol: 1e-9 },
    );
    expect(r.converged).toBe(true);
    r.x.forEach((v, i) => expect(v).toBeCloseTo(target[i], 6));
  });

  it('solves the Rosenbrock function from the classic start (−1.2, 1)', () => {
    const r = minimizeLbfgs(
      (x, g) => {
        const [a, b] = x;
        g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
        g[1] = 200 * (b - a * a);
        return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
      },
      Float64Array.from([-1.2, 1]),
      { gradTol: 1e-8, fTol: 0 },
    );
    expect(r.x[0]).toBeCloseTo(1, 5);
    expect(r.x[1]).toBeCloseTo(1, 5);
    expect(r.iterations).toBeLessThan(200);
  });

  it('leaves x0 untouched and stops at the iteration cap', () => {
    const x0 = Float64Array.from([5]);
    const r = minimizeLbfgs((x, g) => ((g[0] = 2 * x[0]), x[0] * x[0]), x0, { maxIter: 1, gradTol: 0, fTol: 0 });
    expect(x0[0]).toBe(5);
    expect(r.iterations).toBe(1);
    expect(r.f).toBeLessThan(25);
  });
});
