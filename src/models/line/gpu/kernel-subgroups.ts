/**
 * The fused LINE kernel with one edge sample per group of `lanes` subgroup lanes (the WebGPU
 * `subgroups` feature): the lanes of a group read the two 64-d (or d) rows as interleaved vec4s, so a
 * group's loads are coalesced, and reduce each dot product across the group in registers. Everything
 * else is the thread-per-edge kernel's: Hogwild in-place updates, counter-based hash RNG (every lane
 * of a group draws the same arc and negatives from the same counter), alias tables in GPU memory.
 *
 * Assumes a 1-D workgroup maps consecutive invocations onto a subgroup's consecutive lanes (true on
 * NVIDIA, AMD, Intel and SwiftShader); `lanes` must divide the subgroup size, hence ≤ subgroupMinSize.
 */
import { InvalidArgumentError } from '../../../errors.ts';
import { linePrelude } from './kernel.ts';

/** How the group's partial dot products are summed. */
export type SubgroupReduce = 'add' | 'shuffle';

/** Specialisation of {@link lineSubgroupKernel}. */
export interface SubgroupKernelSpec {
  dim: number;
  order: 1 | 2;
  /** Lanes per edge: a power of two with `4 · lanes` dividing `dim`. */
  lanes: number;
  /**
   * `'add'`: `subgroupAdd`, right only when every subgroup has exactly `lanes` lanes
   * (subgroupMinSize = subgroupMaxSize = lanes); `'shuffle'`: a `subgroupShuffleXor` butterfly over
   * the group, right for any subgroup size that `lanes` divides.
   */
  reduce: SubgroupReduce;
  workgroupSize?: number;
}

const isPow2 = (x: number) => Number.isInteger(x) && x > 0 && (x & (x - 1)) === 0;

/** Whether `lanes` lanes can split `dim` into whole vec4s each. */
export function lanesFit(dim: number, lanes: number): boolean {
  return isPow2(lanes) && dim % (4 * lanes) === 0;
}

/**
 * Lanes per edge for `dim` on an adapter whose subgroups have at least `subgroupMinSize` lanes: the
 * largest power of two ≤ min(subgroupMinSize, cap) with whole vec4s per lane, or 0 when none (≥ 2) fits.
 */
export function chooseLanes(dim: number, subgroupMinSize: number, cap = 16): number {
  for (let l = 2 ** Math.floor(Math.log2(Math.max(1, Math.min(subgroupMinSize, cap)))); l >= 2; l /= 2)
    if (lanesFit(dim, l)) return l;
  return 0;
}

function reduction(spec: SubgroupKernelSpec): string {
  if (spec.reduce === 'add') return '  return subgroupAdd(x);';
  const steps: string[] = [];
  for (let m = spec.lanes / 2; m >= 1; m /= 2) steps.push(`  y += subgroupShuffleXor(y, ${m}u);`);
  return `  var y = x;\n${steps.join('\n')}\n  return y;`;
}

/** WGSL source of the subgroup variant (needs a device with the `subgroups` feature). */
export function lineSubgroupKernel(spec: SubgroupKernelSpec): string {
  const { dim, order, lanes } = spec;
  if (!lanesFit(dim, lanes))
    throw new InvalidArgumentError(`line gpu: ${lanes} lanes cannot split ${dim}-d rows into vec4s`);
  const ctx = order === 1 ? 'vertex' : 'context';
  const per = dim / (4 * lanes);
  return /* wgsl */ `enable subgroups;
// Lanes of a group run identical control flow (same counter, same draws), which the analysis cannot see.
diagnostic(off, subgroup_uniformity);
${linePrelude('vec4<f32>')}
const V: u32 = ${dim / 4}u;     // vec4s per row
const L: u32 = ${lanes}u;       // lanes per edge
const PER: u32 = ${per}u;       // vec4s per lane, interleaved: lane l owns l, l + L, …

fn groupSum(x: f32) -> f32 {
${reduction(spec)}
}

@compute @workgroup_size(${spec.workgroupSize ?? 64})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(subgroup_invocation_id) sid: u32) {
  let group = gid.x / L;
  let lane = sid % L;
  // Out-of-range groups still run the loop (no early return) so every lane joins each reduction.
  let inRange = group < P.threads;
  var uv: array<vec4<f32>, ${per}>;
  var err: array<vec4<f32>, ${per}>;
  var cv: array<vec4<f32>, ${per}>;
  for (var s = 0u; s < P.perThread; s++) {
    let t = P.offset + s * P.threads + group;
    let live = inRange && t < P.endT;
    let rho = max(P.rho0 * (1.0 - f32(t) / f32(P.total + 1u)), P.rho0 * 1e-4);
    let arc = drawArc(t, 0u);
    let u = arcSrc[arc] * V + lane;
    for (var j = 0u; j < PER; j++) { uv[j] = vertex[u + j * L]; err[j] = vec4<f32>(0.0); }
    for (var k = 0u; k <= P.negatives; k++) {
      var v: u32;
      var label: f32;
      if (k == 0u) { v = arcDst[arc] * V + lane; label = 1.0; } else { v = drawNode(t, k) * V + lane; label = 0.0; }
      var x = 0.0;
      for (var j = 0u; j < PER; j++) { cv[j] = ${ctx}[v + j * L]; x += dot(uv[j], cv[j]); }
      let g = (label - sigmoid(groupSum(x))) * rho;
      if (live) {
        for (var j = 0u; j < PER; j++) {
          err[j] += g * cv[j];
          ${ctx}[v + j * L] = cv[j] + g * uv[j];
        }
      }
    }
    if (live) {
      for (var j = 0u; j < PER; j++) { vertex[u + j * L] += err[j]; }
    }
  }
}
`;
}
