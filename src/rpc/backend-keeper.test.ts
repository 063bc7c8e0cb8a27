import { describe, expect, it } from 'vitest';
import type { BackendChoice, BackendName, BackendPreference, BackendReport } from '../backend/types.ts';
import { BackendKeeper } from './backend-keeper.ts';

const choice = (backend: BackendName): BackendChoice => ({
  backend,
  reason: `${backend} 60 steps/s vs webgpu (google swiftshader, software) 2.5 steps/s`,
  speeds: [],
  measuredAt: 1,
  cached: false,
  probeMs: 900,
  fingerprint: 'fp',
});

function keeperWith(chosen: BackendName, failing: BackendName[] = []) {
  const started: BackendPreference[] = [];
  const remeasures: boolean[] = [];
  const start = async (prefer: BackendPreference): Promise<BackendReport> => {
    started.push(prefer);
    if (failing.includes(prefer as BackendName)) throw new Error(`${prefer} broke`);
    const backend = prefer === 'auto' ? 'webgpu' : prefer;
    return { backend, adapterInfo: null, reasonForFallback: null, available: ['webgpu', 'wasm', 'cpu'] };
  };
  const keeper = new BackendKeeper('auto', start, undefined, async (remeasure) => {
    remeasures.push(remeasure);
    return choice(chosen);
  });
  return { keeper, started, remeasures };
}

describe('BackendKeeper with a measuring policy', () => {
  it("starts the probe's choice for 'auto' and reports it with its reason", async () => {
    const { keeper, started, remeasures } = keeperWith('wasm');
    const report = await keeper.start();
    expect(started).toEqual(['wasm']);
    expect(report.backend).toBe('wasm');
    expect(report.choice?.reason).toMatch(/^wasm 60 steps\/s vs webgpu/);
    expect(keeper.report).toBe(report);
    await keeper.start('auto', true);
    expect(remeasures).toEqual([false, true]);
  });

  it('leaves an explicit choice alone', async () => {
    const { keeper, started, remeasures } = keeperWith('wasm');
    const report = await keeper.start('webgpu');
    expect(started).toEqual(['webgpu']);
    expect(remeasures).toEqual([]);
    expect(report.choice).toBeUndefined();
  });

  it('falls back to BACKEND_ORDER when the measured backend does not start, saying so', async () => {
    const { keeper, started } = keeperWith('wasm', ['wasm']);
    const report = await keeper.start();
    expect(started).toEqual(['wasm', 'auto']);
    expect(report.backend).toBe('webgpu');
    expect(report.reasonForFallback).toBe('wasm (measured fastest) did not start: wasm broke');
  });

  it("after a lost device, 'auto' goes on by order past the lost backend", async () => {
    const { keeper, started, remeasures } = keeperWith('webgpu');
    await keeper.start();
    const next = await keeper.replace('webgpu', 'device lost');
    expect(next.backend).toBe('webgl');
    await keeper.start();
    expect(remeasures).toEqual([false]); // the probe is not asked again once a backend was lost
    expect(started.at(-1)).toBe('webgl');
  });

  it('runs starts one at a time, so a slow probe never lands after a later explicit start', async () => {
    const started: BackendPreference[] = [];
    const start = async (prefer: BackendPreference): Promise<BackendReport> => {
      started.push(prefer);
      return { backend: prefer as BackendName, adapterInfo: null, reasonForFallback: null, available: [] };
    };
    const keeper = new BackendKeeper('auto', start, undefined, async () => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      return choice('wasm');
    });
    const warm = keeper.start();
    const explicit = keeper.start('webgpu');
    await Promise.all([warm, explicit]);
    expect(started).toEqual(['wasm', 'webgpu']);
    expect((await keeper.settled())?.backend).toBe('webgpu');
  });
});
