/**
 * The fused NCF training step in WGSL: one module, five entry points run in one compute pass per
 * mini-batch (no readback):
 * - `segSum`: the seed variant's segment sums (Σ w · table[idx] per distinct learner / course of the batch);
 * - `rows`: one thread per batch row — gathers, the tower MLP forward and backward in private memory, the
 *   row's loss, gradients of the rows it touched added into a zeroed gradient buffer (float adds by
 *   compare-exchange on u32 bit patterns), the dense weights' gradients reduced per workgroup first;
 * - `segScatter`: the segment sums' gradients back onto the learner / course rows;
 * - `lossReduce`: Σ row losses + l2 · Σ squares of the MLP weights into a GPU-side running sum;
 * - `adam`: DENSE Adam over every parameter (as NamedAdam), which also re-zeroes the gradient buffer.
 * Sizes and parameter offsets are constants of the generated source; batch offsets are uniforms.
 */
import type { NcfSettings } from '../config.ts';
import type { ParamLayout } from './layout.ts';

/** Uniform words (u32 / f32) of the kernels, in order. */
export const UNIFORM_FIELDS = [
  'rows',
  'nL',
  'nC',
  'users',
  'items',
  'labels',
  'context',
  'rowUser',
  'rowItem',
  'inHist',
  'segStart',
  'segCount',
  'norm',
  'entryIdx',
  'entryW',
  'pad0',
  'lr',
  'l2',
  'l2r2',
  'invRows',
] as const;
/** Fields of {@link UNIFORM_FIELDS} that are f32. */
export const UNIFORM_FLOATS = new Set(['lr', 'l2', 'l2r2', 'invRows']);
/** Uniform block size in words (a multiple of 4). */
export const UNIFORM_WORDS = Math.ceil(UNIFORM_FIELDS.length / 4) * 4;

/** Threads per workgroup of every entry point but `lossReduce`. */
export const WORKGROUP = 64;
/** Threads of `lossReduce`'s single workgroup. */
export const REDUCE_THREADS = 256;

const f = (x: number) => (Number.isInteger(x) ? `${x}.0` : `${x}`);

/** The WGSL source for `s` on `layout`; `wgReduce`: reduce the dense gradients in workgroup memory. */
export function ncfKernelSource(s: NcfSettings, layout: ParamLayout, wgReduce: boolean): string {
  const D = s.dim;
  const seed = s.arch === 'seed';
  const gmf = s.arch === 'gmf' || s.arch === 'neumf';
  const mlp = s.arch === 'mlp' || s.arch === 'neumf';
  const L = s.layers;
  const E = L[0] / 2;
  const O = (n: string) => layout.at(n);
  const H = O('h');
  const ctx = s.timeWindowDays > 0;
  // Activations of the tower, layer after layer, in one private array.
  const actAt: number[] = [];
  let actTotal = 0;
  for (const w of L) actAt.push(actTotal), (actTotal += w);
  const mlpX = gmf ? D : 0; // where the MLP's output sits in x (after GMF's)
  const denseAdd = wgReduce ? 'wAdd' : 'gAdd';

  const header = /* wgsl */ `
struct Params {
  ${UNIFORM_FIELDS.map((n) => `${n}: ${UNIFORM_FLOATS.has(n) ? 'f32' : 'u32'}`).join(', ')},
  ${Array.from({ length: UNIFORM_WORDS - UNIFORM_FIELDS.length }, (_, k) => `tail${k}: u32`).join(', ')}
};
@group(0) @binding(0) var<uniform> P: Params;
@group(0) @binding(1) var<storage, read_write> theta: array<f32>;
@group(0) @binding(2) var<storage, read_write> grad: array<atomic<u32>>;
@group(0) @binding(3) var<storage, read_write> mom: array<f32>;
@group(0) @binding(4) var<storage, read_write> vel: array<f32>;
@group(0) @binding(5) var<storage, read> batch: array<u32>;
@group(0) @binding(6) var<storage, read_write> scratch: array<f32>;
@group(0) @binding(7) var<storage, read_write> acc: array<f32>;
@group(0) @binding(8) var<storage, read_write> segGrad: array<atomic<u32>>;

const D: u32 = ${D}u;
const N: u32 = ${layout.total}u;
const L2_END: u32 = ${layout.l2End}u;
const DENSE_END: u32 = ${Math.max(layout.denseEnd, 1)}u;

// Float add into a u32 bit pattern (WGSL has no float atomics): retry until no other thread intervened.
fn gAdd(i: u32, x: f32) {
  var old = atomicLoad(&grad[i]);
  loop {
    let r = atomicCompareExchangeWeak(&grad[i], old, bitcast<u32>(bitcast<f32>(old) + x));
    if (r.exchanged) { break; }
    old = r.old_value;
  }
}
fn sAdd(i: u32, x: f32) {
  var old = atomicLoad(&segGrad[i]);
  loop {
    let r = atomicCompareExchangeWeak(&segGrad[i], old, bitcast<u32>(bitcast<f32>(old) + x));
    if (r.exchanged) { break; }
    old = r.old_value;
  }
}
fn bf(i: u32) -> f32 { return bitcast<f32>(batch[i]); }
`;

  const segKernels = seed
    ? /* wgsl */ `
fn segTable(s: u32) -> u32 { return select(${O('course')}u, ${O('learner')}u, s < P.nL); }

@compute @workgroup_size(${WORKGROUP})
fn segSum(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let n = (P.nL + P.nC) * D;
  for (var t = gid.x; t < n; t += nwg.x * ${WORKGROUP}u) {
    let s = t / D;
    let d = t % D;
    let table = segTable(s);
    let start = batch[P.segStart + s];
    let end = start + batch[P.segCount + s];
    var sum = 0.0;
    for (var k = start; k < end; k++) {
      sum += theta[table + batch[P.entryIdx + k] * D + d] * bf(P.entryW + k);
    }
    scratch[P.rows + t] = sum;
  }
}

@compute @workgroup_size(${WORKGROUP})
fn segScatter(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let n = (P.nL + P.nC) * D;
  for (var t = gid.x; t < n; t += nwg.x * ${WORKGROUP}u) {
    let s = t / D;
    let d = t % D;
    let g = bitcast<f32>(atomicLoad(&segGrad[t]));
    atomicStore(&segGrad[t], 0u);
    let table = segTable(s);
    let start = batch[P.segStart + s];
    let end = start + batch[P.segCount + s];
    for (var k = start; k < end; k++) {
      gAdd(table + batch[P.entryIdx + k] * D + d, g * bf(P.entryW + k));
    }
  }
}
`
    : '';

  // The row kernel's body, generated per architecture.
  const fwd: string[] = [];
  const bwd: string[] = [];
  if (seed) {
    fwd.push(`
    let su = batch[P.rowUser + r];
    let si = batch[P.rowItem + r];
    let ih = bf(P.inHist + r);
    let nrm = inverseSqrt(max(bf(P.norm + su) - ih, 1.0));
    var uu: array<f32, ${D}>;
    var cc: array<f32, ${D}>;
    for (var d = 0u; d < D; d++) {
      uu[d] = (scratch[P.rows + su * D + d] - theta[${O('learner')}u + it * D + d] * ih) * nrm;
      cc[d] = scratch[P.rows + (P.nL + si) * D + d];
      sq += uu[d] * uu[d] + cc[d] * cc[d];
      z += uu[d] * cc[d] * theta[${H}u + d];
    }`);
    bwd.push(`
    for (var d = 0u; d < D; d++) {
      let hd = theta[${H}u + d];
      ${denseAdd}(${H}u + d, dz * uu[d] * cc[d]);
      let du = (dz * hd * cc[d] + P.l2r2 * uu[d]) * nrm;
      let dc = dz * hd * uu[d] + P.l2r2 * cc[d];
      sAdd(su * D + d, du);
      sAdd((P.nL + si) * D + d, dc);
      if (ih != 0.0) { gAdd(${O('learner')}u + it * D + d, -du * ih); }
    }`);
  }
  if (gmf) {
    fwd.push(`
    for (var d = 0u; d < D; d++) {
      let gu = theta[${O('gmfUser')}u + u * D + d];
      let gi = theta[${O('gmfItem')}u + it * D + d];
      sq += gu * gu + gi * gi;
      z += gu * gi * theta[${H}u + d];
    }`);
    bwd.push(`
    for (var d = 0u; d < D; d++) {
      let gu = theta[${O('gmfUser')}u + u * D + d];
      let gi = theta[${O('gmfItem')}u + it * D + d];
      let hd = theta[${H}u + d];
      ${denseAdd}(${H}u + d, dz * gu * gi);
      gAdd(${O('gmfUser')}u + u * D + d, dz * hd * gi + P.l2r2 * gu);
      gAdd(${O('gmfItem')}u + it * D + d, dz * hd * gu + P.l2r2 * gi);
    }`);
  }
  if (mlp) {
    const last = L.length - 1;
    fwd.push(`
    var act: array<f32, ${actTotal}>;
    var dact: array<f32, ${actTotal}>;
    for (var i = 0u; i < ${E}u; i++) {
      act[i] = theta[${O('mlpUser')}u + u * ${E}u + i];
      act[${E}u + i] = theta[${O('mlpItem')}u + it * ${E}u + i];
      sq += act[i] * act[i] + act[${E}u + i] * act[${E}u + i];
    }`);
    for (let l = 1; l < L.length; l++) {
      const [nin, nout, ai, ao, W, B] = [L[l - 1], L[l], actAt[l - 1], actAt[l], O(`w${l}`), O(`b${l}`)];
      fwd.push(`
    for (var j = 0u; j < ${nout}u; j++) {
      var a = theta[${B}u + j];
      for (var i = 0u; i < ${nin}u; i++) { a += act[${ai}u + i] * theta[${W}u + i * ${nout}u + j]; }
      act[${ao}u + j] = max(a, 0.0);
    }`);
    }
    fwd.push(`
    for (var j = 0u; j < ${L[last]}u; j++) { z += act[${actAt[last]}u + j] * theta[${H + mlpX}u + j]; }`);
    bwd.push(`
    for (var j = 0u; j < ${L[last]}u; j++) {
      ${denseAdd}(${H + mlpX}u + j, dz * act[${actAt[last]}u + j]);
      dact[${actAt[last]}u + j] = dz * theta[${H + mlpX}u + j];
    }`);
    for (let l = last; l >= 1; l--) {
      const [nin, nout, ai, ao, W, B] = [L[l - 1], L[l], actAt[l - 1], actAt[l], O(`w${l}`), O(`b${l}`)];
      bwd.push(`
    for (var j = 0u; j < ${nout}u; j++) {
      if (act[${ao}u + j] <= 0.0) { dact[${ao}u + j] = 0.0; }
      let dj = dact[${ao}u + j];
      if (dj != 0.0) { ${denseAdd}(${B}u + j, dj); }
    }
    for (var i = 0u; i < ${nin}u; i++) {
      var g = 0.0;
      let ain = act[${ai}u + i];
      for (var j = 0u; j < ${nout}u; j++) {
        let dj = dact[${ao}u + j];
        g += theta[${W}u + i * ${nout}u + j] * dj;
        if (dj != 0.0 && ain != 0.0) { ${denseAdd}(${W}u + i * ${nout}u + j, ain * dj); }
      }
      dact[${ai}u + i] = g;
    }`);
    }
    bwd.push(`
    for (var i = 0u; i < ${E}u; i++) {
      gAdd(${O('mlpUser')}u + u * ${E}u + i, dact[i] + P.l2r2 * act[i]);
      gAdd(${O('mlpItem')}u + it * ${E}u + i, dact[${E}u + i] + P.l2r2 * act[${E}u + i]);
    }`);
  }
  const bias = O('itemBias');
  fwd.push(`
    let bias = theta[${bias}u + it];
    sq += bias * bias;
    z += bias;`);
  bwd.push(`
    gAdd(${bias}u + it, dz + P.l2r2 * bias);`);
  if (ctx) {
    fwd.push(`
    let cx = bf(P.context + r);
    z += cx * theta[${O('timeW')}u];`);
    bwd.push(`
    ${denseAdd}(${O('timeW')}u, dz * cx);`);
  }

  const wg = wgReduce
    ? /* wgsl */ `
var<workgroup> wg: array<atomic<u32>, DENSE_END>;
fn wAdd(i: u32, x: f32) {
  var old = atomicLoad(&wg[i]);
  loop {
    let r = atomicCompareExchangeWeak(&wg[i], old, bitcast<u32>(bitcast<f32>(old) + x));
    if (r.exchanged) { break; }
    old = r.old_value;
  }
}`
    : '';

  const rowsKernel = /* wgsl */ `${wg}
@compute @workgroup_size(${WORKGROUP})
fn rows(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_index) lid: u32,
        @builtin(num_workgroups) nwg: vec3<u32>) {
  ${wgReduce ? `for (var i = lid; i < DENSE_END; i += ${WORKGROUP}u) { atomicStore(&wg[i], 0u); }\n  workgroupBarrier();` : ''}
  for (var r = gid.x; r < P.rows; r += nwg.x * ${WORKGROUP}u) {
    let u = batch[P.users + r];
    let it = batch[P.items + r];
    let y = bf(P.labels + r);
    var z = 0.0;
    var sq = 0.0;
${fwd.join('\n')}
    // softplus(z) − y·z, stably; its derivative sigmoid(z) − y, over the batch mean.
    scratch[r] = max(z, 0.0) + log(1.0 + exp(-abs(z))) - y * z + P.l2 * sq;
    let dz = (1.0 / (1.0 + exp(-z)) - y) * P.invRows;
${bwd.join('\n')}
  }
  ${
    wgReduce
      ? `workgroupBarrier();
  for (var i = lid; i < DENSE_END; i += ${WORKGROUP}u) {
    let g = bitcast<f32>(atomicLoad(&wg[i]));
    if (g != 0.0) { gAdd(i, g); }
  }`
      : ''
  }
}
`;

  const tail = /* wgsl */ `
var<workgroup> red: array<f32, ${REDUCE_THREADS}>;
@compute @workgroup_size(${REDUCE_THREADS})
fn lossReduce(@builtin(local_invocation_index) lid: u32) {
  var s = 0.0;
  for (var r = lid; r < P.rows; r += ${REDUCE_THREADS}u) { s += scratch[r]; }
  var w = 0.0;
  for (var i = lid; i < L2_END; i += ${REDUCE_THREADS}u) { w += theta[i] * theta[i]; }
  red[lid] = s + P.l2 * w;
  workgroupBarrier();
  for (var k = ${REDUCE_THREADS / 2}u; k > 0u; k >>= 1u) {
    if (lid < k) { red[lid] += red[lid + k]; }
    workgroupBarrier();
  }
  if (lid == 0u) { acc[0] += red[0]; }
}

@compute @workgroup_size(${WORKGROUP})
fn adam(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  for (var i = gid.x; i < N; i += nwg.x * ${WORKGROUP}u) {
    var g = bitcast<f32>(atomicLoad(&grad[i]));
    atomicStore(&grad[i], 0u);
    if (i < L2_END) { g += P.l2r2 * theta[i]; }
    let m = mom[i] * ${f(0.9)} + g * ${f(0.1)};
    let v = vel[i] * ${f(0.999)} + g * g * ${f(0.001)};
    mom[i] = m;
    vel[i] = v;
    theta[i] = theta[i] - (m * P.lr) / (sqrt(v) + 1e-7);
  }
}
`;
  return header + segKernels + rowsKernel + tail;
}
