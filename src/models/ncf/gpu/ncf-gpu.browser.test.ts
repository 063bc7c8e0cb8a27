import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestComputeDevice, type ComputeDevice } from '../../../backend/gpu-device.ts';
import { resolveNcfConfig } from '../config.ts';
import { initArrays } from '../params.ts';
import { compareWithReference, syntheticBatches } from './agreement.ts';
import { agreementCases, caseLabel } from './cases.ts';
import { createWebgpuStepper } from './index.ts';

// The fused WGSL NCF step on Chromium's SwiftShader adapter against the tfjs reference (cpu backend) on
// identical batches and initial weights: the loss curve and the weights after the run agree to float
// rounding (the atomic gradient adds run in whatever order the threads arrive). Kept small: SwiftShader is slow.
describe('fused-webgpu NCF (SwiftShader)', () => {
  let gpu: ComputeDevice;
  const errors: string[] = [];
  beforeAll(async () => {
    const g = await requestComputeDevice();
    expect(g, 'WebGPU adapter (run Chromium with --enable-unsafe-webgpu)').not.toBeNull();
    gpu = g as ComputeDevice;
    gpu.device.addEventListener('uncapturederror', (e) => errors.push((e as GPUUncapturedErrorEvent).error.message));
  });
  afterAll(() => gpu?.device.destroy());

  for (const c of agreementCases(12, 128)) {
    it(`${caseLabel(c)}: loss curve within 1e-3 of the reference, weights close after ${c.steps} steps`, async () => {
      const r = await compareWithReference(gpu.device, c);
      expect(errors).toEqual([]);
      expect(r.gpuLoss.length).toBe(c.steps);
      expect(r.gpuLoss.every(Number.isFinite)).toBe(true);
      // The curve moves (a step that did nothing would still match a reference that did nothing).
      expect(Math.abs(r.refLoss[0] - (r.refLoss.at(-1) as number))).toBeGreaterThan(1e-3);
      expect(r.maxLossDiff).toBeLessThan(1e-3);
      expect(r.maxWeightDiff).toBeLessThan(1e-3);
    });
  }

  it('createWebgpuStepper without a device requests its own; state, resume and setLossSum behave', async () => {
    const c = agreementCases(3, 64)[3];
    const settings = resolveNcfConfig(c.arch, c.config);
    const init = { settings, nUsers: c.nUsers, nItems: c.nItems, weights: initArrays(settings, c.nUsers, c.nItems) };
    const batches = syntheticBatches(c);
    const st = await createWebgpuStepper(init);
    expect(st.name).toBe('fused-webgpu');
    st.step(batches[0]);
    const adam = await st.adamState();
    const w1 = await st.weights();
    expect(adam.step).toBe(1);
    expect(Object.keys(w1)).toEqual(Object.keys(init.weights)); // spec order, as NcfParams.toArrays
    st.step(batches[1]);
    st.step(batches[2]);
    const sum = await st.lossSum();
    expect(sum).toBeGreaterThan(0);
    st.setLossSum(5);
    expect(await st.lossSum()).toBe(5);
    const end = await st.weights();
    st.dispose();
    // Resumed from step 1's weights and moments, steps 2 and 3 land where the uninterrupted run did.
    const resumed = await createWebgpuStepper({ ...init, weights: w1, adam }, gpu.device);
    resumed.step(batches[1]);
    resumed.step(batches[2]);
    const again = await resumed.weights();
    resumed.dispose();
    for (const n of Object.keys(end))
      for (let k = 0; k < end[n].length; k++) expect(Math.abs(again[n][k] - end[n][k])).toBeLessThan(1e-6);
  });
});
