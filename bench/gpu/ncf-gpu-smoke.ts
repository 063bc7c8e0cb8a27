/**
 * The GPU bench's NCF part end to end with tiny sizes, in Node + Dawn (npm `webgpu`) on whatever adapter
 * Dawn finds — SwiftShader here: checks that tfjs-webgpu, the fused-webgpu engine, the bandwidth probe
 * and the roofline run, and that the summary has every column (the PyTorch twin runs where python3 has
 * torch, else its error is reported). Speed figures from SwiftShader mean nothing; tfjs-webgpu's fit
 * there runs at ~10 rows/s, so this takes a few minutes.
 *   LD_LIBRARY_PATH=/usr/lib/chromium VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json \
 *     npx tsx bench/gpu/ncf-gpu-smoke.ts
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { create, globals } = require('webgpu') as { create: (f: string[]) => GPU; globals: Record<string, unknown> };
Object.assign(globalThis, globals);
// Before tfjs-backend-webgpu loads: it registers 'webgpu' only when navigator.gpu exists then.
Object.defineProperty(globalThis, 'navigator', { value: { gpu: create([]) }, configurable: true });

const { runNcfPart } = await import('./ncf-gpu.ts');
const figures: Record<string, unknown> = {};
const emit = (key: string, value: unknown) => {
  figures[key] = value;
  console.log(JSON.stringify({ [key]: value }));
};
await runNcfPart({
  ratings: 'public/data/movielens-small/ratings.csv',
  twin: 'bench/gpu/ncf_torch.py',
  rows: [64],
  maxSteps: 2,
  epochs: 1,
  configSeconds: 5,
  deadline: performance.now() + 480_000,
  reserveSeconds: 10,
  twinBatches: 2,
  twinArgs: ['--steps', '3'],
  compile: false,
  users: 30,
  fusedSeconds: 0.5,
  emit,
  runTwin: (twin, dir, extra, timeoutS) => {
    const out = spawnSync(process.env.PYTHON ?? 'python3', [twin, '--dir', dir, '--device', 'cpu', ...extra], {
      encoding: 'utf8',
      timeout: Math.round(timeoutS * 1000),
    });
    const line = (out.stdout ?? '').split('\n').find((l) => l.startsWith('TWIN_RESULT '));
    return line
      ? JSON.parse(line.slice(12))
      : { error: `twin exited ${out.status}: ${(out.stderr ?? '').slice(-200)}` };
  },
});
const summary = figures.ncf_summary as Record<string, { fused_webgpu: number | null; roofline: number | null }>;
const bad = Object.entries(summary ?? {}).filter(([, r]) => !(r.fused_webgpu && r.fused_webgpu > 0 && r.roofline));
console.log(bad.length || !summary ? `SMOKE FAIL ${JSON.stringify(bad)}` : 'SMOKE OK');
process.exit(bad.length || !summary ? 1 : 0);
