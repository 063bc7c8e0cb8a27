/**
 * The social graph: connections formed mostly between co-workers (anyone who shared a company at
 * any time) and within a family, plus random ones; and member → company follows (the current
 * employer and a few companies of the member's family).
 */
import type { Rng } from '../data/rng.ts';
import { type CompanySamplers, drawCompany } from './companies.ts';
import { groupBy, pairsToCsr, type SparseRows } from '../data/index.ts';
import { Growable } from './growable.ts';
import { GroupSampler, poisson } from './sampling.ts';
import type { Careers, Members } from './types.ts';

/** Company → positions (rows of the career arrays), and position → member. */
export function companyRoster(
  history: Careers,
  companies: number,
): { positions: SparseRows<Uint32Array>; memberOf: Uint32Array } {
  const n = history.offsets.length - 1;
  const memberOf = new Uint32Array(history.company.length);
  for (let m = 0; m < n; m++) memberOf.fill(m, history.offsets[m], history.offsets[m + 1]);
  return { positions: groupBy(history.company, companies), memberOf };
}

/** Undirected connections with mean degree about `avgDegree`. */
export function generateConnections(
  rng: Rng,
  m: Pick<Members, 'count' | 'family' | 'history'>,
  k: number,
  companies: number,
  avgDegree: number,
): SparseRows<Uint32Array> {
  const n = m.count;
  const { positions, memberOf } = companyRoster(m.history, companies);
  const byFamily = new GroupSampler(m.family, k);
  const cap = Math.ceil(n * avgDegree * 0.6) + 16;
  const src = new Growable((c) => new Uint32Array(c), cap),
    dst = new Growable((c) => new Uint32Array(c), cap);
  for (let i = 0; i < n; i++) {
    const stubs = poisson(rng, avgDegree / 2);
    for (let s = 0; s < stubs; s++) {
      const u = rng.next();
      let j: number;
      if (u < 0.45) {
        const h = m.history.offsets[i] + rng.int(m.history.offsets[i + 1] - m.history.offsets[i]);
        const c = m.history.company[h];
        const lo = positions.indptr[c],
          hi = positions.indptr[c + 1];
        j = memberOf[positions.indices[lo + rng.int(hi - lo)]];
      } else j = u < 0.75 ? byFamily.draw(m.family[i], rng) : rng.int(n);
      if (j === i || j < 0) continue;
      src.push(i);
      dst.push(j);
    }
  }
  return pairsToCsr(n, src.toArray(), dst.toArray(), src.length, true);
}

/** Member → followed companies: the current employer plus about two of the member's family. */
export function generateFollows(
  rng: Rng,
  m: Pick<Members, 'count' | 'family' | 'company'>,
  cs: CompanySamplers,
  companies: number,
): SparseRows<Uint32Array> {
  const n = m.count;
  const src = new Growable((c) => new Uint32Array(c), n * 3),
    dst = new Growable((c) => new Uint32Array(c), n * 3);
  for (let i = 0; i < n; i++) {
    src.push(i);
    dst.push(m.company[i]);
    const extra = poisson(rng, 2);
    for (let t = 0; t < extra; t++) {
      src.push(i);
      dst.push(rng.bernoulli(0.7) ? drawCompany(cs, m.family[i], rng) : cs.any.draw(rng));
    }
  }
  return pairsToCsr(n, src.toArray(), dst.toArray(), src.length, false, companies);
}
