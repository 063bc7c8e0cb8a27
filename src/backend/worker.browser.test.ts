import { wrap, type Remote } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProbeWorkerApi } from '../testing/workers/probe.worker.ts';

let worker: Worker | null = null;

function startProbe(): Remote<ProbeWorkerApi> {
  worker = new Worker(new URL('../testing/workers/probe.worker.ts', import.meta.url), { type: 'module' });
  return wrap<ProbeWorkerApi>(worker);
}

afterEach(() => {
  worker?.terminate();
  worker = null;
});

describe('tiny embedding model in a module Worker through comlink', () => {
  it.each(['webgpu', 'wasm'] as const)('trains on %s and the loss falls', async (backend) => {
    const probe = startProbe();
    const report = await probe.init(backend);
    expect(report.backend).toBe(backend);
    if (backend === 'webgpu') expect(report.adapterInfo?.architecture).toBe('swiftshader');

    const result = await probe.trainTiny(25);
    expect(result.backend).toBe(backend);
    expect(result.losses).toHaveLength(25);
    expect(result.losses[0]).toBeCloseTo(Math.LN2, 1); // small random init: logits ≈ 0
    expect(result.losses.at(-1)).toBeLessThan(result.losses[0] / 4);
    // Adam creates its slots in step 1; after that nothing may accumulate.
    expect(new Set(result.numTensors.slice(1)).size).toBe(1);
  });

  it("'auto' in a worker also picks webgpu", async () => {
    const report = await startProbe().init('auto');
    expect(report.backend).toBe('webgpu');
    expect(report.adapterInfo?.isFallbackAdapter).toBe(true);
  });
});
