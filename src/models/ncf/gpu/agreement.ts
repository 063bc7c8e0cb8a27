/**
 * The fused-webgpu engine against the tfjs reference (its op graph on the cpu backend) on identical
 * synthetic batches and initial weights: per-step mean loss of both, the largest weight difference
 * after the run, and each side's wall time. Shared by the Chromium and Node + Dawn tests and the
 * Chromium speed tool (bench/tools/ncf-gpu-chromium.ts).
 */
/// <reference types="@webgpu/types" />
import { initBackend } from '../../../backend/index.ts';
import { Rng } from '../../../data/rng.ts';
import type { SparseRows } from '../../../data/index.ts';
import { resolveNcfConfig, type NcfArch, type NcfConfig } from '../config.ts';
import { initArrays } from '../params.ts';
import { seedBatch } from '../seed-batch.ts';
import type { ParamArrays } from '../params.ts';
import type { NcfStepInput, NcfStepper, NcfStepperInit } from '../stepper.ts';
import { createTfjsStepper } from '../tfjs-stepper.ts';
import { WebgpuNcfStepper } from './session.ts';

/** One comparison: an architecture, its options, sizes and the batches' shape. */
export interface AgreementCase {
  arch: NcfArch;
  config?: NcfConfig;
  nUsers: number;
  nItems: number;
  rows: number;
  steps: number;
  /** Seed variant: no row's item in its learner's input (as causal windows). */
  causal?: boolean;
}

/** What a comparison measured. */
export interface Agreement {
  refLoss: number[];
  gpuLoss: number[];
  maxLossDiff: number;
  maxWeightDiff: number;
  refMs: number;
  gpuMs: number;
  rows: number;
  steps: number;
}

/** Random CSR rows: `perRow` distinct columns of `nCols` per row, with weights when `weighted`. */
function randomRows(rng: Rng, nRows: number, nCols: number, perRow: number, weighted: boolean) {
  const indptr = new Int32Array(nRows + 1);
  const indices: number[] = [];
  const values: number[] = [];
  for (let r = 0; r < nRows; r++) {
    const cols = new Set<number>();
    const n = 1 + rng.int(perRow);
    while (cols.size < Math.min(n, nCols)) cols.add(rng.int(nCols));
    for (const c of [...cols].sort((a, b) => a - b)) indices.push(c), values.push(weighted ? 0.2 + rng.next() : 1);
    indptr[r + 1] = indices.length;
  }
  return { nRows, nCols, indptr, indices: Int32Array.from(indices), values: Float32Array.from(values) };
}

/** `c.steps` synthetic batches (labels 1 for a fifth of the rows), seed inputs and context as the case needs. */
export function syntheticBatches(c: AgreementCase, seed = 7): NcfStepInput[] {
  const s = resolveNcfConfig(c.arch, c.config ?? {});
  const rng = new Rng(seed);
  const learners: SparseRows = randomRows(rng, c.nUsers, c.nItems, 6, false);
  const courses = randomRows(rng, c.nItems, c.nItems, 5, true) as Required<SparseRows>;
  const out: NcfStepInput[] = [];
  for (let k = 0; k < c.steps; k++) {
    const users = Int32Array.from({ length: c.rows }, () => rng.int(c.nUsers));
    const items = Int32Array.from({ length: c.rows }, () => rng.int(c.nItems));
    const labels = Float32Array.from({ length: c.rows }, (_, r) => (r % 5 === 0 ? 1 : 0));
    const input: NcfStepInput = { users, items, labels, learningRate: s.learningRate };
    if (s.arch === 'seed') {
      const sb = seedBatch(users, items, learners, courses);
      if (c.causal) sb.inHist.fill(0);
      input.seed = sb;
    }
    if (s.timeWindowDays > 0) input.context = Float32Array.from({ length: c.rows }, () => Math.log1p(rng.int(20)));
    out.push(input);
  }
  return out;
}

/** Each step's mean loss on `st` (a readback per step). */
export async function stepLosses(st: NcfStepper, batches: NcfStepInput[]): Promise<number[]> {
  const out: number[] = [];
  for (const b of batches) {
    st.setLossSum(0);
    st.step(b);
    out.push((await st.lossSum()) / b.users.length);
  }
  return out;
}

/** Largest absolute difference between two parameter sets (same names). */
export function maxDiff(a: ParamArrays, b: ParamArrays): number {
  let m = 0;
  for (const n of Object.keys(a)) for (let k = 0; k < a[n].length; k++) m = Math.max(m, Math.abs(a[n][k] - b[n][k]));
  return m;
}

/** Wall ms of `batches` on `st`, the loss read back once at the end (as an epoch). */
export async function timeSteps(st: NcfStepper, batches: NcfStepInput[]): Promise<number> {
  const t0 = performance.now();
  for (const b of batches) st.step(b);
  await st.lossSum();
  return performance.now() - t0;
}

/** Runs case `c` on both engines (the reference on tfjs's cpu backend) and compares them. */
export async function compareWithReference(device: GPUDevice, c: AgreementCase): Promise<Agreement> {
  const settings = resolveNcfConfig(c.arch, c.config ?? {});
  const init: NcfStepperInit = {
    settings,
    nUsers: c.nUsers,
    nItems: c.nItems,
    weights: initArrays(settings, c.nUsers, c.nItems),
  };
  const batches = syntheticBatches(c);
  await initBackend('cpu');
  const ref = createTfjsStepper(init);
  const gpu = new WebgpuNcfStepper(device, init);
  const timed = new WebgpuNcfStepper(device, init);
  try {
    const t0 = performance.now();
    const refLoss = await stepLosses(ref, batches);
    const refMs = performance.now() - t0;
    const gpuLoss = await stepLosses(gpu, batches);
    const maxWeightDiff = maxDiff(await ref.weights(), await gpu.weights());
    const maxLossDiff = refLoss.reduce((m, l, k) => Math.max(m, Math.abs(l - gpuLoss[k])), 0);
    const gpuMs = await timeSteps(timed, batches);
    return { refLoss, gpuLoss, maxLossDiff, maxWeightDiff, refMs, gpuMs, rows: c.rows, steps: c.steps };
  } finally {
    for (const st of [ref, gpu, timed]) st.dispose();
  }
}
