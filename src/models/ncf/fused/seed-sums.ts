/**
 * The seed variant's sparse sums on the host: Σ w · table[idx] per selected row (a learner's courses,
 * a course's co-watch neighbours, a causal window) into a [rows, d] buffer, and the transpose that
 * scatters each row's gradient back onto the table rows it summed.
 */
import type { FlatRows } from '../flat-rows.ts';

/** `out[seg · d …] = Σ w · table[idx · d …]` over `f`'s non-zeros (`out` holds at least f.n · d). */
export function gatherSums(table: Float32Array, f: FlatRows, d: number, out: Float64Array): void {
  out.fill(0, 0, f.n * d);
  const { idx, seg, w } = f;
  for (let k = 0; k < idx.length; k++) {
    const src = idx[k] * d;
    const dst = seg[k] * d;
    const wk = w[k];
    for (let c = 0; c < d; c++) out[dst + c] += wk * table[src + c];
  }
}

/** `grad[idx · d …] += w · dSums[seg · d …]` over `f`'s non-zeros: the gradient of {@link gatherSums}. */
export function scatterSums(grad: Float64Array, f: FlatRows, d: number, dSums: Float64Array): void {
  const { idx, seg, w } = f;
  for (let k = 0; k < idx.length; k++) {
    const dst = idx[k] * d;
    const src = seg[k] * d;
    const wk = w[k];
    for (let c = 0; c < d; c++) grad[dst + c] += wk * dSums[src + c];
  }
}
