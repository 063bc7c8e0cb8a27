/**
 * The three matrix products of a dense layer's forward and backward over a whole mini-batch, on flat
 * row-major arrays: C = A·B (forward), C = A·Bᵀ (the input's gradient), C += Aᵀ·B (the weights'
 * gradient). Each computes 4 × 4 tiles of C in 16 local accumulators, loading 8 values per 16
 * multiply-adds (V8 does not vectorise; the tiling is what keeps the loop off memory); edges fall back
 * to plain loops.
 */

/** C[m×n] = A[m×k] · B[k×n] (+ bias[n] per row when given). */
export function matMul(
  A: Float64Array,
  B: Float32Array,
  C: Float64Array,
  m: number,
  k: number,
  n: number,
  bias: Float32Array | null,
): void {
  const m4 = m & ~3;
  const n4 = n & ~3;
  for (let r = 0; r < m4; r += 4) {
    const a0 = r * k;
    const a1 = a0 + k;
    const a2 = a1 + k;
    const a3 = a2 + k;
    for (let j = 0; j < n4; j += 4) {
      let c00 = 0,
        c01 = 0,
        c02 = 0,
        c03 = 0;
      let c10 = 0,
        c11 = 0,
        c12 = 0,
        c13 = 0;
      let c20 = 0,
        c21 = 0,
        c22 = 0,
        c23 = 0;
      let c30 = 0,
        c31 = 0,
        c32 = 0,
        c33 = 0;
      for (let i = 0, b = j; i < k; i++, b += n) {
        const b0 = B[b],
          b1 = B[b + 1],
          b2 = B[b + 2],
          b3 = B[b + 3];
        const x0 = A[a0 + i],
          x1 = A[a1 + i],
          x2 = A[a2 + i],
          x3 = A[a3 + i];
        c00 += x0 * b0;
        c01 += x0 * b1;
        c02 += x0 * b2;
        c03 += x0 * b3;
        c10 += x1 * b0;
        c11 += x1 * b1;
        c12 += x1 * b2;
        c13 += x1 * b3;
        c20 += x2 * b0;
        c21 += x2 * b1;
        c22 += x2 * b2;
        c23 += x2 * b3;
        c30 += x3 * b0;
        c31 += x3 * b1;
        c32 += x3 * b2;
        c33 += x3 * b3;
      }
      const o = r * n + j;
      C[o] = c00;
      C[o + 1] = c01;
      C[o + 2] = c02;
      C[o + 3] = c03;
      C[o + n] = c10;
      C[o + n + 1] = c11;
      C[o + n + 2] = c12;
      C[o + n + 3] = c13;
      C[o + 2 * n] = c20;
      C[o + 2 * n + 1] = c21;
      C[o + 2 * n + 2] = c22;
      C[o + 2 * n + 3] = c23;
      C[o + 3 * n] = c30;
      C[o + 3 * n + 1] = c31;
      C[o + 3 * n + 2] = c32;
      C[o + 3 * n + 3] = c33;
    }
    for (let j = n4; j < n; j++) for (let rr = r; rr < r + 4; rr++) C[rr * n + j] = dot(A, rr * k, B, j, n, k);
  }
  for (let r = m4; r < m; r++) for (let j = 0; j < n; j++) C[r * n + j] = dot(A, r * k, B, j, n, k);
  if (bias) for (let r = 0; r < m; r++) for (let j = 0; j < n; j++) C[r * n + j] += bias[j];
}

/** Σ_i A[a + i] · B[b + i · stride] over k terms. */
function dot(A: Float64Array, a: number, B: Float32Array | Float64Array, b: number, stride: number, k: number): number {
  let s = 0;
  for (let i = 0; i < k; i++) s += A[a + i] * B[b + i * stride];
  return s;
}

/** C[m×k] = D[m×n] · Bᵀ, B being [k×n] (the input's gradient of a layer with weights B). */
export function matMulBt(D: Float64Array, B: Float32Array, C: Float64Array, m: number, n: number, k: number): void {
  const m4 = m & ~3;
  const k4 = k & ~3;
  for (let r = 0; r < m4; r += 4) {
    const d0 = r * n;
    const d1 = d0 + n;
    const d2 = d1 + n;
    const d3 = d2 + n;
    for (let i = 0; i < k4; i += 4) {
      const w0 = i * n;
      const w1 = w0 + n;
      const w2 = w1 + n;
      const w3 = w2 + n;
      let c00 = 0,
        c01 = 0,
        c02 = 0,
        c03 = 0;
      let c10 = 0,
        c11 = 0,
        c12 = 0,
        c13 = 0;
      let c20 = 0,
        c21 = 0,
        c22 = 0,
        c23 = 0;
      let c30 = 0,
        c31 = 0,
        c32 = 0,
        c33 = 0;
      for (let j = 0; j < n; j++) {
        const b0 = B[w0 + j],
          b1 = B[w1 + j],
          b2 = B[w2 + j],
          b3 = B[w3 + j];
        const x0 = D[d0 + j],
          x1 = D[d1 + j],
          x2 = D[d2 + j],
          x3 = D[d3 + j];
        c00 += x0 * b0;
        c01 += x0 * b1;
        c02 += x0 * b2;
        c03 += x0 * b3;
        c10 += x1 * b0;
        c11 += x1 * b1;
        c12 += x1 * b2;
        c13 += x1 * b3;
        c20 += x2 * b0;
        c21 += x2 * b1;
        c22 += x2 * b2;
        c23 += x2 * b3;
        c30 += x3 * b0;
        c31 += x3 * b1;
        c32 += x3 * b2;
        c33 += x3 * b3;
      }
      const o = r * k + i;
      C[o] = c00;
      C[o + 1] = c01;
      C[o + 2] = c02;
      C[o + 3] = c03;
      C[o + k] = c10;
      C[o + k + 1] = c11;
      C[o + k + 2] = c12;
      C[o + k + 3] = c13;
      C[o + 2 * k] = c20;
      C[o + 2 * k + 1] = c21;
      C[o + 2 * k + 2] = c22;
      C[o + 2 * k + 3] = c23;
      C[o + 3 * k] = c30;
      C[o + 3 * k + 1] = c31;
      C[o + 3 * k + 2] = c32;
      C[o + 3 * k + 3] = c33;
    }
    for (let i = k4; i < k; i++) for (let rr = r; rr < r + 4; rr++) C[rr * k + i] = dot(D, rr * n, B, i * n, 1, n);
  }
  for (let r = m4; r < m; r++) for (let i = 0; i < k; i++) C[r * k + i] = dot(D, r * n, B, i * n, 1, n);
}

/** G[k×n] += Aᵀ · D, A being [m×k] and D [m×n] (a layer's weight gradient over the batch's rows). */
export function addMatMulAt(A: Float64Array, D: Float64Array, G: Float64Array, m: number, k: number, n: number): void {
  const k4 = k & ~3;
  const n4 = n & ~3;
  for (let i = 0; i < k4; i += 4) {
    for (let j = 0; j < n4; j += 4) {
      let c00 = 0,
        c01 = 0,
        c02 = 0,
        c03 = 0;
      let c10 = 0,
        c11 = 0,
        c12 = 0,
        c13 = 0;
      let c20 = 0,
        c21 = 0,
        c22 = 0,
        c23 = 0;
      let c30 = 0,
        c31 = 0,
        c32 = 0,
        c33 = 0;
      for (let r = 0, a = i, d = j; r < m; r++, a += k, d += n) {
        const b0 = D[d],
          b1 = D[d + 1],
          b2 = D[d + 2],
          b3 = D[d + 3];
        const x0 = A[a],
          x1 = A[a + 1],
          x2 = A[a + 2],
          x3 = A[a + 3];
        c00 += x0 * b0;
        c01 += x0 * b1;
        c02 += x0 * b2;
        c03 += x0 * b3;
        c10 += x1 * b0;
        c11 += x1 * b1;
        c12 += x1 * b2;
        c13 += x1 * b3;
        c20 += x2 * b0;
        c21 += x2 * b1;
        c22 += x2 * b2;
        c23 += x2 * b3;
        c30 += x3 * b0;
        c31 += x3 * b1;
        c32 += x3 * b2;
        c33 += x3 * b3;
      }
      const o = i * n + j;
      G[o] += c00;
      G[o + 1] += c01;
      G[o + 2] += c02;
      G[o + 3] += c03;
      G[o + n] += c10;
      G[o + n + 1] += c11;
      G[o + n + 2] += c12;
      G[o + n + 3] += c13;
      G[o + 2 * n] += c20;
      G[o + 2 * n + 1] += c21;
      G[o + 2 * n + 2] += c22;
      G[o + 2 * n + 3] += c23;
      G[o + 3 * n] += c30;
      G[o + 3 * n + 1] += c31;
      G[o + 3 * n + 2] += c32;
      G[o + 3 * n + 3] += c33;
    }
    for (let j = n4; j < n; j++) for (let ii = i; ii < i + 4; ii++) G[ii * n + j] += colDot(A, ii, k, D, j, n, m);
  }
  for (let i = k4; i < k; i++) for (let j = 0; j < n; j++) G[i * n + j] += colDot(A, i, k, D, j, n, m);
}

/** Σ_r A[r · k + i] · D[r · n + j]. */
function colDot(A: Float64Array, i: number, k: number, D: Float64Array, j: number, n: number, m: number): number {
  let s = 0;
  for (let r = 0; r < m; r++) s += A[r * k + i] * D[r * n + j];
  return s;
}
