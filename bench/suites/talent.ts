/**
 * `npm run bench -- talent [--samples N] [--gpu-samples N] [--no-browser]`: LINE edge samples/s at
 * 64-d, K = 5, one order at a time, on netscience (1,589 nodes) and on the company graph of a
 * 100k-member world: the CPU loop in Node, the same loop in a Chromium dedicated worker, and the
 * fused WGSL kernel on Chromium's WebGPU adapter (SwiftShader here: correctness, not speed), with its
 * netscience link-prediction AUC. Real-GPU figures need a GPU machine (`../shared/gpu/`).
 */
import type { Page } from 'playwright-core';
import { loadGraphFile } from '../../src/data/node';
import { entityGraph } from '../../src/graph/entity-graphs';
import { lineCpuSpeed, type LineSpeed } from '../../src/models/line/speed';
import { launchChromium, startDevServer } from '../../src/testing/e2e';
import { generateWorld } from '../../src/world/index';
import { flag, printTable } from '../table';

const ms = (s: LineSpeed) => Math.round(s.samplesPerSec / 1000) / 1000;
const cpuMs = (s: LineSpeed) => Math.round((s.samplesPerCpuSec ?? 0) / 1000) / 1000;

async function inChromium(samples: number, gpuSamples: number): Promise<{ worker: LineSpeed; gpu: { speed: LineSpeed; aucFirst: number; adapter: string } | null }> {
  const [server, browser] = await Promise.all([startDevServer('.'), launchChromium()]);
  try {
    const page: Page = await browser.newPage();
    await page.goto(`${server.origin}/public/data/README.md`);
    return await page.evaluate(async ([n, g]) => {
      const mod = await import('/src/models/line/speed-page.ts' as string);
      const url = '/data/graphs/netscience.json';
      return { worker: await mod.workerCpuSpeed(url, n), gpu: await mod.gpuSpeed(url, g) };
    }, [samples, gpuSamples] as const);
  } finally {
    await browser.close();
    await server.close();
  }
}

export async function run(args: string[]): Promise<unknown> {
  const samples = Number(flag(args, '--samples') ?? 2_000_000);
  const gpuSamples = Number(flag(args, '--gpu-samples') ?? 1_000_000);
  const netscience = await loadGraphFile('public/data/graphs/netscience.json');
  const company = entityGraph(generateWorld({ members: 100_000, seed: 1 }), 'company');
  const rows: (string | number)[][] = [];
  const node = {
    netscience_first: lineCpuSpeed(netscience, samples, 1),
    netscience_second: lineCpuSpeed(netscience, samples, 2),
    company100k_second: lineCpuSpeed(company, samples, 2),
  };
  for (const [k, v] of Object.entries(node)) rows.push([`CPU, Node: ${k} (per CPU-second: ${((v.samplesPerCpuSec ?? 0) / 1e6).toFixed(3)})`, (v.samplesPerSec / 1e6).toFixed(3)]);
  let browser: Awaited<ReturnType<typeof inChromium>> | null = null;
  if (!args.includes('--no-browser')) {
    browser = await inChromium(samples, gpuSamples);
    rows.push(['CPU, Chromium worker: netscience_second', (browser.worker.samplesPerSec / 1e6).toFixed(3)]);
    if (browser.gpu) rows.push([`WebGPU (${browser.gpu.adapter}), both orders; LP AUC 1st ${browser.gpu.aucFirst.toFixed(3)}`, (browser.gpu.speed.samplesPerSec / 1e6).toFixed(3)]);
  }
  console.log(`LINE edge samples/s, 64-d, K = 5; company graph: ${company.n} nodes, ${company.src.length} edges`);
  printTable(['path', 'M samples/s'], rows);
  console.log('real NVIDIA GPU: not measured (no GPU machine lent to this task)');
  return {
    line_speed: {
      cpu_node_msps: { netscience_first: ms(node.netscience_first), netscience_second: ms(node.netscience_second), company100k_second: ms(node.company100k_second) },
      cpu_node_msps_per_cpu_second: { netscience_first: cpuMs(node.netscience_first), netscience_second: cpuMs(node.netscience_second), company100k_second: cpuMs(node.company100k_second) },
      cpu_chromium_worker_msps: browser ? ms(browser.worker) : null,
      webgpu_swiftshader: browser?.gpu ? { msps: ms(browser.gpu.speed), netscience_lp_auc_first: Math.round(browser.gpu.aucFirst * 10000) / 10000, adapter: browser.gpu.adapter } : null,
      real_gpu: null,
    },
  };
}
