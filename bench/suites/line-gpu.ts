/**
 * `npm run bench -- line-gpu [--samples N]`: the fused WGSL LINE kernels (subgroups and
 * thread-per-edge) in Chromium on netscience, 64-d, K = 5, both orders: samples/s and first-order
 * link-prediction AUC, in the page and in a dedicated worker. Here the adapter is SwiftShader, so the
 * figures check correctness, not speed; real-GPU speed comes from `bench/gpu/` (see build-pack.sh).
 */
import type { Page } from 'playwright-core';
import type { GpuSpeed } from '../line/speed-page.ts';
import { launchChromium, startDevServer } from '../../src/testing/e2e.ts';
import { flag, printTable } from '../table.ts';

type Row = { where: string; variant: string; r: GpuSpeed | null };

export async function run(args: string[]): Promise<unknown> {
  const samples = Number(flag(args, '--samples') ?? 300_000);
  const [server, browser] = await Promise.all([startDevServer('.'), launchChromium()]);
  let rows: Row[];
  try {
    const page: Page = await browser.newPage();
    await page.goto(`${server.origin}/public/data/README.md`);
    rows = (await page.evaluate(async (n) => {
      const mod = await import('/bench/line/speed-page.ts' as string);
      const url = '/data/graphs/netscience.json';
      const out: { where: string; variant: string; r: unknown }[] = [];
      for (const variant of ['subgroups', 'thread'])
        out.push({
          where: 'page',
          variant,
          r: await mod.gpuSpeed(url, n, variant).catch((e: Error) => ({ error: e.message })),
        });
      out.push({ where: 'worker', variant: 'auto', r: await mod.workerGpuSpeed(url, n, 'auto') });
      return out;
    }, samples)) as Row[];
  } finally {
    await browser.close();
    await server.close();
  }
  const ok = rows.filter((x): x is Row & { r: GpuSpeed } => x.r !== null && 'speed' in x.r);
  printTable(
    ['where', 'kernel', 'adapter', 'M samples/s', 'LP AUC 1st'],
    ok.map((x) => [
      x.where,
      x.r.kernel,
      x.r.adapter,
      (x.r.speed.samplesPerSec / 1e6).toFixed(3),
      x.r.aucFirst.toFixed(4),
    ]),
  );
  console.log('real NVIDIA GPU: not measured here (bench/gpu/build-pack.sh prepares the GPU run)');
  return {
    line_gpu: Object.fromEntries(
      rows.map((x) => [
        `${x.where}_${x.variant}`,
        x.r && 'speed' in x.r
          ? {
              kernel: x.r.kernel,
              adapter: x.r.adapter,
              msps: Math.round(x.r.speed.samplesPerSec / 1000) / 1000,
              netscience_lp_auc_first: Math.round(x.r.aucFirst * 10000) / 10000,
            }
          : x.r,
      ]),
    ),
    samples_per_order: samples,
  };
}
