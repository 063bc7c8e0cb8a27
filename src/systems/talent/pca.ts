/**
 * Two-component PCA of an embedding matrix by power iteration on the covariance (with deflation):
 * enough for a live 2-D map of a few thousand entities, with no linear-algebra dependency.
 */
import { Rng } from '../../data/rng.ts';

/** `n × 2` coordinates (row-major) of `emb` (`n × dim`) on its top two principal components. */
export function pca2(emb: Float32Array, dim: number, iterations = 50): Float32Array {
  const n = emb.length / dim;
  const mean = new Float64Array(dim);
  for (let r = 0; r < n; r++) for (let i = 0; i < dim; i++) mean[i] += emb[r * dim + i] / n;
  const centred = Float64Array.from(emb, (x, k) => x - mean[k % dim]);
  const comps: Float64Array[] = [];
  const rng = new Rng(7);
  for (let c = 0; c < 2; c++) {
    let v = Float64Array.from({ length: dim }, () => rng.normal());
    for (let it = 0; it < iterations; it++) {
      const next = new Float64Array(dim);
      for (let r = 0; r < n; r++) {
        let s = 0;
        for (let i = 0; i < dim; i++) s += centred[r * dim + i] * v[i];
        for (let i = 0; i < dim; i++) next[i] += s * centred[r * dim + i];
      }
      for (const prev of comps) {
        let p = 0;
        for (let i = 0; i < dim; i++) p += next[i] * prev[i];
        for (let i = 0; i < dim; i++) next[i] -= p * prev[i];
      }
      let squares = 0;
      for (let i = 0; i < dim; i++) squares += next[i] * next[i];
      const norm = Math.sqrt(squares) || 1;
      v = next.map((x) => x / norm);
    }
    comps.push(v);
  }
  const out = new Float32Array(n * 2);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < 2; c++) {
      let s = 0;
      for (let i = 0; i < dim; i++) s += centred[r * dim + i] * comps[c][i];
      out[r * 2 + c] = s;
    }
  return out;
}
