import { deleteDB, openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { PROBE_DB_NAME } from './probe-cache.ts';
import { chooseTrainingBackend } from './probe-speed.ts';
import type { BackendChoice } from './types.ts';

// The real probe on Chromium's SwiftShader WebGPU adapter (see src/testing/chromium.ts): software, so
// wasm must win, and the choice must land in IndexedDB under this device's fingerprint.
describe('training backend speed probe in Chromium', () => {
  let measured: BackendChoice;

  it('measures webgpu, webgl and wasm and picks wasm over the software adapter', async () => {
    await deleteDB(PROBE_DB_NAME);
    const started = performance.now();
    measured = await chooseTrainingBackend();
    const elapsed = performance.now() - started;
    console.info(`probe: ${measured.reason} (${Math.round(measured.probeMs)} ms; call ${Math.round(elapsed)} ms)`);
    expect(measured.cached).toBe(false);
    expect(measured.backend).toBe('wasm');
    expect(measured.speeds.map((s) => s.backend)).toEqual(['webgpu', 'webgl', 'wasm']);
    const webgpu = measured.speeds.find((s) => s.backend === 'webgpu')!;
    const wasm = measured.speeds.find((s) => s.backend === 'wasm')!;
    expect(webgpu.software).toBe(true);
    expect(webgpu.device).toContain('swiftshader');
    expect(wasm.stepsPerSec).toBeGreaterThan(webgpu.stepsPerSec ?? 0);
    expect(measured.reason).toMatch(/^wasm \(SIMD\) [\d.]+k? steps\/s vs webgpu \(google swiftshader, software\) /);
    expect(JSON.parse(measured.fingerprint)).toMatchObject({ cores: navigator.hardwareConcurrency });
  });

  it('keeps the choice in IndexedDB and answers from it without measuring again', async () => {
    const db = await openDB(PROBE_DB_NAME);
    const stored = (await db.get('choices', measured.fingerprint)) as BackendChoice | undefined;
    db.close();
    expect(stored?.backend).toBe('wasm');
    expect(stored?.measuredAt).toBe(measured.measuredAt);

    const again = await chooseTrainingBackend();
    expect(again.cached).toBe(true);
    expect(again.measuredAt).toBe(measured.measuredAt);
    expect(again.speeds).toEqual(measured.speeds);
  });

  it('measures again when asked to', async () => {
    const fresh = await chooseTrainingBackend({ remeasure: true, budgetMs: 50 });
    expect(fresh.cached).toBe(false);
    expect(fresh.measuredAt).toBeGreaterThan(measured.measuredAt);
    expect(fresh.backend).toBe('wasm');
  });
});
