import { afterEach, describe, expect, it, vi } from 'vitest';
import { BackendUnavailableError, InvalidArgumentError } from '../../errors.ts';
import type { FitProgress } from '../recommender.ts';
import { checkLineBackend, defaultLineBackend, type LineBackendPreference } from './backend.ts';
import { LineModel } from './model.ts';
import type { LineGraph } from './tables.ts';

const ring: LineGraph = {
  n: 12,
  src: Int32Array.from({ length: 12 }, (_, i) => i),
  dst: Int32Array.from({ length: 12 }, (_, i) => (i + 1) % 12),
};
const small = { dim: 8, samples: 4_000, chunk: 2_000, seed: 2 };

describe('LINE backend choice (Node)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('trains on the CPU by default in Node, and every event says so', async () => {
    const m = new LineModel(small);
    expect(m.backend).toBe('cpu');
    const events: FitProgress[] = [];
    const r = await m.fit(ring, { onProgress: (p) => events.push(p) });
    expect(r).toMatchObject({ backend: 'cpu' });
    expect(r.kernel).toBeUndefined();
    expect(r.fallback).toBeUndefined();
    expect(new Set(events.map((e) => (e.status === 'error' ? 'error' : e.backend)))).toEqual(new Set(['cpu']));
    expect(await m.snapshot()).toEqual(m.embeddings()); // no GPU run: the host vectors are current
  });

  it("'auto' where WebGPU is missing falls back to the CPU and says why", async () => {
    const r = await new LineModel(small, { backend: 'auto' }).fit(ring);
    expect(r.backend).toBe('cpu');
    expect(r.fallback).toMatch(/WebGPU unavailable \(no WebGPU adapter here\)/);
  });

  it("an explicit 'webgpu' where it is unavailable rejects with BackendUnavailableError and trains nothing", async () => {
    const m = new LineModel(small, { backend: 'webgpu' });
    const err = await m.fit(ring).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendUnavailableError);
    expect(err).toMatchObject({ requested: 'webgpu', available: ['cpu'] });
    expect((await m.toState()).meta.done).toEqual([0, 0]);
  });

  it('validates the preference and defaults to auto where navigator.gpu exists', () => {
    for (const bad of ['gpu', 'webgl', '', 1, null]) {
      expect(() => checkLineBackend(bad), String(bad)).toThrow(InvalidArgumentError);
      expect(() => new LineModel({}, { backend: bad as LineBackendPreference }), String(bad)).toThrow(
        /backend must be auto, webgpu or cpu/,
      );
    }
    expect(new LineModel({}, { backend: 'webgpu' }).backend).toBe('webgpu');
    expect(defaultLineBackend()).toBe('cpu');
    vi.stubGlobal('navigator', { gpu: {} });
    expect(defaultLineBackend()).toBe('auto');
    expect(new LineModel().backend).toBe('auto');
    expect(new LineModel({}, { backend: 'cpu' }).backend).toBe('cpu');
  });
});
