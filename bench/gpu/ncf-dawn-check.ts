/**
 * The fused-webgpu NCF engine against the tfjs reference under Node + Dawn (npm `webgpu`): prints one
 * JSON line, `{"adapter": false}` when no adapter can be created, else the adapter and each case's
 * largest loss and weight differences. Dawn needs the Vulkan loader and an ICD at process start:
 *   LD_LIBRARY_PATH=/usr/lib/chromium VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json \
 *     npx tsx bench/gpu/ncf-dawn-check.ts [steps] [rows]
 * (`src/models/ncf/gpu/dawn.test.ts` runs it so.)
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { create, globals } = require('webgpu') as {
  create: (flags: string[]) => GPU;
  globals: Record<string, unknown>;
};
Object.assign(globalThis, globals);
Object.defineProperty(globalThis, 'navigator', { value: { gpu: create([]) }, configurable: true });

const { compareWithReference } = await import('../../src/models/ncf/gpu/agreement.ts');
const { agreementCases, caseLabel } = await import('../../src/models/ncf/gpu/cases.ts');

const adapter = await navigator.gpu.requestAdapter();
if (!adapter) {
  console.log(JSON.stringify({ adapter: false }));
  process.exit(0);
}
const device = await adapter.requestDevice();
const errors: string[] = [];
device.addEventListener('uncapturederror', (e) => errors.push((e as GPUUncapturedErrorEvent).error.message));
const [steps, rows] = [Number(process.argv[2] ?? 12), Number(process.argv[3] ?? 128)];
const cases = [];
for (const c of agreementCases(steps, rows)) {
  const r = await compareWithReference(device, c);
  cases.push({
    label: caseLabel(c),
    maxLossDiff: r.maxLossDiff,
    maxWeightDiff: r.maxWeightDiff,
    lastLoss: r.gpuLoss.at(-1),
  });
}
const info = (adapter as GPUAdapter & { info: GPUAdapterInfo }).info;
console.log(JSON.stringify({ adapter: `${info.vendor} / ${info.architecture} / ${info.description}`, errors, cases }));
process.exit(0);
