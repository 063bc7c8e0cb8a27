import { describe, expect, it } from 'vitest';
import { memoryChoiceCache } from './probe-cache.ts';
import { deviceFingerprint, pickFastest, rate, type DeviceFacts } from './probe-choice.ts';
import { chooseTrainingBackend, type ChooseOptions } from './probe-speed.ts';
import type { BackendName, BackendSpeed, Capabilities } from './types.ts';

const swiftshader = {
  vendor: 'google',
  architecture: 'swiftshader',
  device: '',
  description: 'SwiftShader Device',
  isFallbackAdapter: true,
};
const FACTS: DeviceFacts = {
  adapter: swiftshader,
  webglRenderer: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)',
  userAgent: 'Chrome/156',
  hardwareConcurrency: 2,
};

const probe = (available: boolean) => ({ available, reason: available ? null : 'absent here' });
const CAPS = {
  scope: 'worker',
  webgpu: { ...probe(true), adapter: null },
  webgl: probe(true),
  wasm: { ...probe(true), simd: true },
  cpu: probe(true),
} as unknown as Capabilities;

const speed = (backend: BackendName, stepsPerSec: number | null, software = false): BackendSpeed => ({
  backend,
  stepsPerSec,
  atMost: false,
  software,
  device: software ? 'google swiftshader' : '',
  error: stepsPerSec === null ? 'failed: no' : null,
});

/** A probe with fixed timings that records which backends it measured. */
function setup(timings: Partial<Record<BackendName, BackendSpeed>>, facts: DeviceFacts = FACTS) {
  const measured: BackendName[] = [];
  let t = 1_000_000;
  const options = {
    cache: memoryChoiceCache(),
    capabilities: async () => CAPS,
    facts: async () => facts,
    clock: () => (t += 100),
    measure: async (name: BackendName) => {
      measured.push(name);
      return timings[name] ?? speed(name, null);
    },
  } satisfies ChooseOptions;
  return { options, measured };
}

describe('chooseTrainingBackend (injected timings)', () => {
  it('takes wasm over a software WebGPU adapter that wasm beats, and says why in words', async () => {
    const { options, measured } = setup({ webgpu: speed('webgpu', 2.5, true), wasm: speed('wasm', 60) });
    const choice = await chooseTrainingBackend({
      ...options,
      facts: async () => ({ ...FACTS, webglRenderer: 'Mesa Intel' }),
    });
    expect(choice.backend).toBe('wasm');
    expect(choice.cached).toBe(false);
    expect(measured).toEqual(['wasm', 'webgpu', 'webgl']); // wasm first: the yardstick
    expect(choice.speeds.map((s) => s.backend)).toEqual(['webgpu', 'webgl', 'wasm']);
    expect(choice.reason).toBe(
      'wasm 60 steps/s vs webgpu (google swiftshader, software) 2.5 steps/s, webgl failed: no',
    );
  });

  it('does not run a software WebGL once wasm has run, and says so', async () => {
    const { options, measured } = setup({ webgpu: speed('webgpu', 2.5, true), wasm: speed('wasm', 60) });
    const choice = await chooseTrainingBackend(options);
    expect(measured).toEqual(['wasm', 'webgpu']);
    const webgl = choice.speeds.find((s) => s.backend === 'webgl');
    expect(webgl).toMatchObject({ stepsPerSec: null, software: true });
    expect(choice.reason).toContain('webgl (SwiftShader, software) not measured');
  });

  it('takes a hardware GPU that is faster, and a software one only by a clear margin', async () => {
    const gpu = await chooseTrainingBackend(
      setup({ webgpu: speed('webgpu', 300), wasm: speed('wasm', 60) }, { ...FACTS, adapter: null }).options,
    );
    expect(gpu.backend).toBe('webgpu');
    expect(pickFastest([speed('webgpu', 70, true), speed('wasm', 60)])).toBe('wasm');
    expect(pickFastest([speed('webgpu', 200, true), speed('wasm', 60)])).toBe('webgpu');
    expect(pickFastest([speed('webgpu', null), speed('wasm', null)])).toBe('cpu');
  });

  it('answers from the cache without measuring again, until asked to re-measure', async () => {
    const { options, measured } = setup({ webgpu: speed('webgpu', 2.5, true), wasm: speed('wasm', 60) });
    const first = await chooseTrainingBackend(options);
    measured.length = 0;
    const second = await chooseTrainingBackend(options);
    expect(measured).toEqual([]);
    expect(second).toMatchObject({ backend: 'wasm', cached: true, measuredAt: first.measuredAt });
    expect(second.speeds).toEqual(first.speeds);

    const forced = await chooseTrainingBackend({ ...options, remeasure: true });
    expect(measured).toEqual(['wasm', 'webgpu']);
    expect(forced.cached).toBe(false);
    expect(forced.measuredAt).toBeGreaterThan(first.measuredAt);
  });

  it('measures again when the device fingerprint changes', async () => {
    const { options, measured } = setup({ webgpu: speed('webgpu', 2.5, true), wasm: speed('wasm', 60) });
    await chooseTrainingBackend(options);
    for (const change of [
      { adapter: { ...swiftshader, architecture: 'ampere', isFallbackAdapter: false } },
      { userAgent: 'Chrome/157' },
      { hardwareConcurrency: 8 },
    ]) {
      measured.length = 0;
      const facts = { ...FACTS, ...change };
      const choice = await chooseTrainingBackend({ ...options, facts: async () => facts });
      expect(choice.cached).toBe(false);
      expect(measured).toContain('wasm');
      expect(choice.fingerprint).toBe(deviceFingerprint(facts));
    }
  });

  it('measures nothing where only one backend besides cpu exists (Node), and says why', async () => {
    const { options, measured } = setup({});
    const nodeCaps = { ...CAPS, webgpu: { ...probe(false), adapter: null }, webgl: probe(false) };
    const choice = await chooseTrainingBackend({ ...options, capabilities: async () => nodeCaps as Capabilities });
    expect(measured).toEqual([]);
    expect(choice).toMatchObject({ backend: 'wasm', speeds: [], probeMs: 0 });
    expect(choice.reason).toBe('wasm: the only backend besides cpu here (webgpu: absent here; webgl: absent here)');
  });

  it('runs one measurement at a time and shares nothing between calls but the cache', async () => {
    const { options, measured } = setup({ webgpu: speed('webgpu', 2.5, true), wasm: speed('wasm', 60) });
    const [a, b] = await Promise.all([chooseTrainingBackend(options), chooseTrainingBackend(options)]);
    expect(a.cached).toBe(false);
    expect(b.cached).toBe(true); // the second waited for the first and found its result
    expect(measured).toEqual(['wasm', 'webgpu']);
  });

  it('writes rates as people read them', () => {
    expect(rate(4123)).toBe('4.1k steps/s');
    expect(rate(412.4)).toBe('412 steps/s');
    expect(rate(41.26)).toBe('41 steps/s');
    expect(rate(2.456)).toBe('2.5 steps/s');
  });
});
