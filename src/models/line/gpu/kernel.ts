/**
 * The fused LINE kernel in WGSL, one thread per edge sample (Hogwild: in-place, unsynchronised
 * updates, as the reference's threads do). Each invocation runs `perThread` samples: draws an arc
 * and K negatives from alias tables in GPU memory with a counter-based hash RNG, and applies the
 * whole SGD step for each — no per-op dispatch, no readback until the end. `kernel-subgroups.ts`
 * holds the faster variant (a group of subgroup lanes per edge) that shares this prelude.
 */

/**
 * Uniform block layout (u32 / f32 words) shared by the kernel and the host: a dispatch runs samples
 * `offset … endT − 1` of a run of `total` (ρ_t follows `total`, so a run can be split into chunks).
 */
export const PARAM_WORDS = 12;

/**
 * Declarations both variants share: parameters, bindings (embedding tables typed `elem`, f32 or
 * vec4<f32>), the hash RNG, alias draws and the clipped sigmoid.
 */
export function linePrelude(elem: 'f32' | 'vec4<f32>'): string {
  return `
struct Params {
  arcs: u32, nodes: u32, negatives: u32, perThread: u32,
  offset: u32, total: u32, seed: u32, threads: u32,
  rho0: f32, endT: u32, pad1: u32, pad2: u32,
};
@group(0) @binding(0) var<uniform> P: Params;
@group(0) @binding(1) var<storage, read_write> vertex: array<${elem}>;
@group(0) @binding(2) var<storage, read_write> context: array<${elem}>;
@group(0) @binding(3) var<storage, read> arcSrc: array<u32>;
@group(0) @binding(4) var<storage, read> arcDst: array<u32>;
@group(0) @binding(5) var<storage, read> edgeProb: array<f32>;
@group(0) @binding(6) var<storage, read> edgeAlias: array<u32>;
@group(0) @binding(7) var<storage, read> nodeProb: array<f32>;
@group(0) @binding(8) var<storage, read> nodeAlias: array<u32>;

// PCG-style hash of a counter: independent streams per (seed, sample, draw) without state.
fn hash(x: u32) -> u32 {
  var s = x * 747796405u + 2891336453u;
  let w = ((s >> ((s >> 28u) + 4u)) ^ s) * 277803737u;
  return (w >> 22u) ^ w;
}
fn uniform01(a: u32, b: u32) -> f32 {
  return f32(hash(hash(a ^ P.seed) + b) >> 8u) * (1.0 / 16777216.0);
}
fn drawArc(t: u32, k: u32) -> u32 {
  let col = min(u32(uniform01(t, 2u * k) * f32(P.arcs)), P.arcs - 1u);
  return select(edgeAlias[col], col, uniform01(t, 2u * k + 1u) < edgeProb[col]);
}
fn drawNode(t: u32, k: u32) -> u32 {
  let col = min(u32(uniform01(t, 2u * k) * f32(P.nodes)), P.nodes - 1u);
  return select(nodeAlias[col], col, uniform01(t, 2u * k + 1u) < nodeProb[col]);
}
fn sigmoid(x: f32) -> f32 {
  if (x > 6.0) { return 1.0; }
  if (x < -6.0) { return 0.0; }
  return 1.0 / (1.0 + exp(-x));
}
`;
}

/**
 * WGSL source for `dim`-wide vectors. `order` 1 updates the vertex table against itself; order 2
 * updates vertex vectors against a separate context table.
 */
export function lineKernel(dim: number, order: 1 | 2, workgroupSize = 64): string {
  const ctx = order === 1 ? 'vertex' : 'context';
  return /* wgsl */ `${linePrelude('f32')}
const D: u32 = ${dim}u;

@compute @workgroup_size(${workgroupSize})
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  if (gid.x >= P.threads) { return; }
  var err: array<f32, ${dim}>;
  for (var s = 0u; s < P.perThread; s++) {
    let t = P.offset + s * P.threads + gid.x;
    if (t >= P.endT) { return; }
    let rho = max(P.rho0 * (1.0 - f32(t) / f32(P.total + 1u)), P.rho0 * 1e-4);
    let arc = drawArc(t, 0u);
    let u = arcSrc[arc] * D;
    for (var i = 0u; i < D; i++) { err[i] = 0.0; }
    for (var k = 0u; k <= P.negatives; k++) {
      var v: u32;
      var label: f32;
      if (k == 0u) { v = arcDst[arc] * D; label = 1.0; } else { v = drawNode(t, k) * D; label = 0.0; }
      var x = 0.0;
      for (var i = 0u; i < D; i++) { x += vertex[u + i] * ${ctx}[v + i]; }
      let g = (label - sigmoid(x)) * rho;
      for (var i = 0u; i < D; i++) {
        err[i] += g * ${ctx}[v + i];
        ${ctx}[v + i] += g * vertex[u + i];
      }
    }
    for (var i = 0u; i < D; i++) { vertex[u + i] += err[i]; }
  }
}
`;
}
