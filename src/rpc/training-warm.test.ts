import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors.ts';
import { MemoryModelStore } from '../store/memory-store.ts';
import { TrainingService } from './training-service.ts';

describe('TrainingService.warm (the training backend ahead of a training)', () => {
  it("resolves 'auto' by the probe and reports why; in Node wasm is the only candidate, so nothing is timed", async () => {
    const service = new TrainingService(new MemoryModelStore());
    const report = await service.warm();
    expect(report.backend).toBe('wasm');
    expect(report.choice).toMatchObject({ backend: 'wasm', speeds: [], probeMs: 0 });
    expect(report.choice?.reason).toBe(
      'wasm: the only backend besides cpu here (webgpu: no navigator.gpu; webgl: no canvas API (OffscreenCanvas or document))',
    );
    expect(await service.backend()).toBe(report);
  });

  it('starts an explicit backend without the probe, and refuses an unknown one', async () => {
    const service = new TrainingService(new MemoryModelStore());
    const report = await service.warm('cpu');
    expect(report.backend).toBe('cpu');
    expect(report.choice).toBeUndefined();
    await expect(service.warm('tpu' as 'cpu')).rejects.toThrow(InvalidArgumentError);
  });

  it("keeps 'order' for services whose backends a test starts itself", async () => {
    const started: string[] = [];
    const service = new TrainingService(new MemoryModelStore(), {
      startBackend: async (prefer) => {
        started.push(prefer);
        return { backend: 'cpu', adapterInfo: null, reasonForFallback: null, available: ['cpu'] };
      },
    });
    await service.warm();
    expect(started).toEqual(['auto']);
  });
});
