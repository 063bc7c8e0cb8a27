import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The fused-webgpu engine under Node + Dawn (npm `webgpu`), in a child process: Dawn reads the Vulkan
// loader's path (LD_LIBRARY_PATH) and the ICD (VK_ICD_FILENAMES) at process start. Without a GPU it
// runs on Chromium's SwiftShader where Chromium is installed (Debian's puts both in /usr/lib/chromium).
// Skipped only when no adapter can be created.
const chromiumLib = '/usr/lib/chromium';
const env: NodeJS.ProcessEnv = { ...process.env };
if (existsSync(`${chromiumLib}/vk_swiftshader_icd.json`) && !env.VK_ICD_FILENAMES) {
  env.VK_ICD_FILENAMES = `${chromiumLib}/vk_swiftshader_icd.json`;
  env.LD_LIBRARY_PATH = [chromiumLib, env.LD_LIBRARY_PATH].filter(Boolean).join(':');
}

describe('fused-webgpu NCF under Node + Dawn', () => {
  it('matches the tfjs reference step for step (gmf, mlp, neumf, seed, seed causal + time context)', (ctx) => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/gpu/ncf-dawn-check.ts', '10', '96'], {
      env,
      encoding: 'utf8',
      timeout: 90_000,
    });
    const line = run.stdout.trim().split('\n').at(-1) ?? '';
    expect(run.status, `${run.stderr}\n${run.stdout}`).toBe(0);
    const out = JSON.parse(line) as {
      adapter: string | false;
      errors: string[];
      cases: { label: string; maxLossDiff: number; maxWeightDiff: number; lastLoss: number }[];
    };
    if (out.adapter === false) ctx.skip();
    expect(out.errors).toEqual([]);
    expect(out.cases.map((c) => c.label)).toEqual(['gmf', 'mlp', 'neumf', 'seed', 'seed (causal, time context)']);
    for (const c of out.cases) {
      expect(Number.isFinite(c.lastLoss), c.label).toBe(true);
      expect(c.maxLossDiff, c.label).toBeLessThan(1e-3);
      expect(c.maxWeightDiff, c.label).toBeLessThan(1e-3);
    }
  }, 120_000);
});
