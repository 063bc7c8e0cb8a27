/**
 * The LINE SGD kernel on flat typed arrays, the reference C++ design: draw an arc ∝ weight, then for
 * the arc's target and K negatives move `σ(⟨u, v⟩)` towards the label, accumulating u's step and
 * applying it once. Sigmoid from a table bounded at ±6, learning rate ρ₀(1 − t/T).
 *
 * This is the fallback and the reference of the WebAssembly SIMD loop (`wasm-kernel.ts`, same draws),
 * which runs wherever WebAssembly SIMD exists (about 5× this loop per CPU-second here).
 *
 * Speed notes (Node 20's V8 does not vectorise): the dot product keeps 4 partial sums over 8 lanes and
 * the update is unrolled by 4, which breaks the 64-long chain of dependent adds (about ×1.4 per
 * CPU-second over the plain loop); the xoroshiro128+ stream runs on an Int32Array, no object per draw.
 *
 * The two functions here reference nothing outside themselves (no imports, no module constants, no
 * nested functions): `node-threads.ts` ships their source text to worker threads.
 */

/** Everything one call of {@link lineSgdKernel} reads and writes (structured-cloneable). */
export interface KernelJob {
  arcSrc: Int32Array;
  arcDst: Int32Array;
  /** Edge alias table: a uniform column keeps itself with probability `edgeProb`, else yields `edgeAlias`. */
  edgeProb: Float32Array;
  edgeAlias: Int32Array;
  /** Negative-node alias table (∝ degree^0.75). */
  nodeProb: Float32Array;
  nodeAlias: Int32Array;
  /** `n × dim` vertex vectors, updated in place. */
  vertex: Float32Array;
  /** `n × dim` context vectors: the vertex table itself for first order. */
  context: Float32Array;
  dim: number;
  negatives: number;
  /** T, the samples of the whole run (sets the learning-rate schedule). */
  total: number;
  learningRate: number;
  /** {@link SIGMOID_TABLE}. */
  sigmoid: Float32Array;
}

/** The reference's sigmoid table: 1000 cells over [−6, 6]. */
export const SIGMOID_TABLE = Float32Array.from(
  { length: 1000 },
  (_, k) => 1 / (1 + Math.exp(-((k * 2) / 1000 - 1) * 6)),
);

/**
 * One xoroshiro128+ step on `s` (the state as 4 int32: s01, s00, s11, s10, pure-rand's layout);
 * returns a uniform float in [0, 1) with 32 random bits, as `Rng.next()` does.
 */
export function xoroNext(s: Int32Array): number {
  const s01 = s[0],
    s00 = s[1],
    s11 = s[2],
    s10 = s[3];
  const out = (s00 + s10) | 0;
  const a0 = s10 ^ s00,
    a1 = s11 ^ s01;
  s[1] = (s00 << 24) ^ (s01 >>> 8) ^ a0 ^ (a0 << 16);
  s[0] = (s01 << 24) ^ (s00 >>> 8) ^ a1 ^ ((a1 << 16) | (a0 >>> 16));
  s[3] = (a1 << 5) ^ (a0 >>> 27);
  s[2] = (a0 << 5) ^ (a1 >>> 27);
  return (out >>> 0) / 4294967296;
}

/**
 * Runs samples `from … to − 1` of `job` in place (t sets only ρ_t and which samples feed the loss),
 * drawing from a xoroshiro128+ stream seeded by `seed` as `Rng` seeds it; returns the mean negative-sampling loss of
 * every 8th sample (a cheap progress figure).
 */
export function lineSgdKernel(job: KernelJob, from: number, to: number, seed: number): number {
  const { arcSrc, arcDst, edgeProb, edgeAlias, nodeProb, nodeAlias, vertex, context, sigmoid } = job;
  const d = job.dim,
    K = job.negatives,
    rho0 = job.learningRate;
  const d8 = d & ~7,
    d4 = d & ~3,
    nArcs = edgeProb.length,
    nNodes = nodeProb.length;
  const floor = rho0 * 1e-4,
    decay = rho0 / (job.total + 1);
  const err = new Float64Array(d);
  // Rng's seeding: murmur3's finaliser of the seed, xoroshiro128plus(h), 8 draws skipped.
  let h = Math.imul((seed | 0) ^ ((seed | 0) >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h = (h ^ (h >>> 16)) | 0;
  const rs = Int32Array.of(-1, ~h, h, 0);
  for (let i = 0; i < 8; i++) xoroNext(rs);
  let lossSum = 0,
    lossCount = 0;
  for (let t = from; t < to; t++) {
    const rho = Math.max(rho0 - t * decay, floor);
    const col = Math.floor(xoroNext(rs) * nArcs);
    const arc = xoroNext(rs) < edgeProb[col] ? col : edgeAlias[col];
    const u = arcSrc[arc] * d;
    const track = (t & 7) === 0;
    err.fill(0);
    for (let k = 0; k <= K; k++) {
      let v = 0;
      if (k === 0) v = arcDst[arc] * d;
      else {
        const c = Math.floor(xoroNext(rs) * nNodes);
        v = (xoroNext(rs) < nodeProb[c] ? c : nodeAlias[c]) * d;
      }
      let x0 = 0,
        x1 = 0,
        x2 = 0,
        x3 = 0,
        i = 0;
      for (; i < d8; i += 8) {
        x0 += vertex[u + i] * context[v + i] + vertex[u + i + 4] * context[v + i + 4];
        x1 += vertex[u + i + 1] * context[v + i + 1] + vertex[u + i + 5] * context[v + i + 5];
        x2 += vertex[u + i + 2] * context[v + i + 2] + vertex[u + i + 6] * context[v + i + 6];
        x3 += vertex[u + i + 3] * context[v + i + 3] + vertex[u + i + 7] * context[v + i + 7];
      }
      for (; i < d; i++) x0 += vertex[u + i] * context[v + i];
      const x = x0 + x1 + (x2 + x3);
      const p = x >= 6 ? 1 : x <= -6 ? 0 : sigmoid[Math.min(999, ((x + 6) * (1000 / 12)) | 0)];
      const label = k === 0 ? 1 : 0;
      if (track) lossSum -= Math.log(Math.max(k === 0 ? p : 1 - p, 1e-7));
      const g = (label - p) * rho;
      for (i = 0; i < d4; i += 4) {
        const c0 = context[v + i],
          c1 = context[v + i + 1],
          c2 = context[v + i + 2],
          c3 = context[v + i + 3];
        err[i] += g * c0;
        err[i + 1] += g * c1;
        err[i + 2] += g * c2;
        err[i + 3] += g * c3;
        context[v + i] = c0 + g * vertex[u + i];
        context[v + i + 1] = c1 + g * vertex[u + i + 1];
        context[v + i + 2] = c2 + g * vertex[u + i + 2];
        context[v + i + 3] = c3 + g * vertex[u + i + 3];
      }
      for (; i < d; i++) {
        const c = context[v + i];
        err[i] += g * c;
        context[v + i] = c + g * vertex[u + i];
      }
    }
    for (let i = 0; i < d; i++) vertex[u + i] += err[i];
    if (track) lossCount++;
  }
  return lossCount ? lossSum / lossCount : 0;
}
