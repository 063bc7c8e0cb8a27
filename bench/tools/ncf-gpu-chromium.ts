/**
 * The fused-webgpu NCF engine in real headless Chromium on its WebGPU adapter (SwiftShader on this
 * machine: correctness and relative speed only), for the `fused-webgpu` rows of `npm run bench -- courses`.
 * Each kind (NeuMF, seed-NCF) runs in a fresh dedicated module worker (`bench/workers/ncf-gpu-bench.worker.ts`)
 * served by the project's Vite dev server, on the first `steps` mini-batches of its tuned config.
 */
import { launchChromium, startDevServer } from '../../src/testing/e2e.ts';
import type { NcfGpuSpeed, NcfGpuSpeedRequest } from '../workers/ncf-gpu-bench.worker.ts';

/** What to run: `steps` mini-batches per kind, timed `epochs` passes over them per engine. */
export interface NcfGpuChromiumPlan {
  steps: number;
  epochs?: number;
  kinds?: ('neumf' | 'ncf')[];
}

/**
 * Samples/s of fused-webgpu, tfjs-webgpu and fused-cpu on the same batches in a Chromium worker, and
 * fused-webgpu's loss and weight agreement with the fused CPU engine, per kind.
 */
export async function ncfGpuSpeedInChromium(plan: NcfGpuChromiumPlan): Promise<NcfGpuSpeed[]> {
  const [dev, browser] = await Promise.all([startDevServer('.'), launchChromium()]);
  const out: NcfGpuSpeed[] = [];
  try {
    const page = await browser.newPage();
    await page.goto(`${dev.origin}/public/data/README.md`);
    for (const kind of plan.kinds ?? (['neumf', 'ncf'] as const)) {
      const request: NcfGpuSpeedRequest = {
        url: '/data/movielens-small/ratings.csv',
        kind,
        steps: plan.steps,
        epochs: plan.epochs,
      };
      const reply = await page.evaluate(async (req) => {
        const worker = new Worker('/bench/workers/ncf-gpu-bench.worker.ts', { type: 'module' });
        try {
          return await new Promise<{ ok: boolean; value?: unknown; error?: string }>((resolve, reject) => {
            worker.onmessage = (e) => resolve(e.data);
            worker.onerror = (e) => reject(new Error(`worker: ${e.message}`));
            worker.postMessage(req);
          });
        } finally {
          worker.terminate();
        }
      }, request);
      if (!reply.ok) throw new Error(`chromium fused-webgpu ${kind}: ${reply.error}`);
      const r = reply.value as NcfGpuSpeed;
      console.log(
        `chromium fused-webgpu ${kind} (${r.adapter}): ${r.steps} steps × ${r.rowsPerStep} rows; samples/s fused-webgpu ${r.fusedWebgpu}, tfjs-webgpu ${r.tfjsWebgpu}, fused-cpu ${r.fusedCpu}; max |Δloss| ${r.maxLossDiff.toExponential(2)}, max |Δw| ${r.maxWeightDiff.toExponential(2)}`,
      );
      out.push(r);
    }
  } finally {
    await browser.close();
    await dev.close();
  }
  return out;
}
