/** Row-wise vector helpers over `n × dim` row-major Float32Arrays. */

/** Copy of `m` with every row scaled to unit L2 norm (zero rows stay zero). */
export function normalizeRows(m: Float32Array, dim: number): Float32Array {
  const out = new Float32Array(m.length);
  for (let r = 0; r < m.length; r += dim) {
    let s = 0;
    for (let i = 0; i < dim; i++) s += m[r + i] * m[r + i];
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let i = 0; i < dim; i++) out[r + i] = m[r + i] * inv;
  }
  return out;
}

/** Row-wise concatenation `[a_i, b_i]` of two `n × dim` matrices. */
export function concatRows(a: Float32Array, b: Float32Array, dim: number): Float32Array {
  const n = a.length / dim;
  const out = new Float32Array(2 * a.length);
  for (let r = 0; r < n; r++) {
    out.set(a.subarray(r * dim, (r + 1) * dim), 2 * r * dim);
    out.set(b.subarray(r * dim, (r + 1) * dim), (2 * r + 1) * dim);
  }
  return out;
}

/** Cosine similarity of rows `u` and `v`. */
export function rowCosine(m: Float32Array, dim: number, u: number, v: number): number {
  let uv = 0,
    uu = 0,
    vv = 0;
  for (let i = 0; i < dim; i++) {
    const a = m[u * dim + i],
      b = m[v * dim + i];
    uv += a * b;
    uu += a * a;
    vv += b * b;
  }
  return uu > 0 && vv > 0 ? uv / Math.sqrt(uu * vv) : 0;
}
