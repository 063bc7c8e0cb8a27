/**
 * `npm run bench -- talent [--samples N] [--gpu-samples N] [--threads N] [--quality-seeds N] [--no-quality] [--no-browser] [--no-cpp] [--cpp-samples M]`:
 * LINE edge samples/s at 64-d, K = 5, one order at a time, on netscience (1,589 nodes) and on the
 * company graph of a 100k-member world: the CPU loop in Node on one thread and Hogwild on `--threads`
 * worker threads (default 2, as the C++ reference's figure), the same loop in a Chromium dedicated
 * worker, and the fused WGSL kernel on Chromium's WebGPU adapter (SwiftShader here: correctness, not
 * speed), with its netscience link-prediction AUC. Then the equal-quality check of the threaded
 * trainer against one thread at the eval's settings (seeds 1…N). Real-GPU figures need a GPU machine
 * (`../shared/gpu/`).
 *
 * The CPU loop is WebAssembly SIMD (`src/models/line/wasm/`); the JavaScript loop it replaced is timed
 * too (`cpu_node_js_kernel`). `cpp_reference`: the reference C++ tool (`../line/cpp-reference.ts`)
 * built here and run on netscience (64-d, K = 5, `--threads`, `--cpp-samples` M samples) interleaved
 * with ours on the same threads, per wall second and per CPU-second, with the load average beside
 * each pair. `cpu_chromium_shards`: LINE on 1 vs `--threads` shard workers in Chromium
 * (`browserLineThreads`), speed and quality.
 */
import type { Page } from 'playwright-core';
import { loadGraphFile } from '../../src/data/node.ts';
import { entityGraph } from '../../src/systems/talent/graph/entity-graphs.ts';
import type { Graph } from '../../src/data/graph.ts';
import { lineLinkPrediction } from '../../src/eval/line/evaluate.ts';
import { LineModel } from '../../src/models/line/model.ts';
import { nodeLineThreads } from '../../src/models/line/node-threads.ts';
import { nodeClassificationCv } from '../../src/eval/line/probe.ts';
import { readFileSync } from 'node:fs';
import { buildCppLine, runCppLine, writeEdgeList } from '../line/cpp-reference.ts';
import type { ShardFigures } from '../line/shards-page.ts';
import { lineCpuSpeed, lineThreadedSpeed, type LineSpeed } from '../line/speed.ts';
import { launchChromium, startDevServer } from '../../src/testing/e2e.ts';
import { generateWorld } from '../../src/world/index.ts';
import { flag, printTable } from '../table.ts';

const ms = (s: LineSpeed) => Math.round(s.samplesPerSec / 1000) / 1000;
const cpuMs = (s: LineSpeed) => Math.round((s.samplesPerCpuSec ?? 0) / 1000) / 1000;

async function inChromium(
  samples: number,
  gpuSamples: number,
  threads: number,
): Promise<{
  worker: LineSpeed;
  gpu: { speed: LineSpeed; aucFirst: number; adapter: string } | null;
  shards: ShardFigures[];
}> {
  const [server, browser] = await Promise.all([startDevServer('.'), launchChromium()]);
  try {
    const page: Page = await browser.newPage();
    await page.goto(`${server.origin}/public/data/README.md`);
    return await page.evaluate(
      async ([n, g, t]) => {
        const mod = await import('/bench/line/speed-page.ts' as string);
        const shards = await import('/bench/line/shards-page.ts' as string);
        const url = '/data/graphs/netscience.json';
        const worker = await mod.workerCpuSpeed(url, n);
        const gpu = await mod.gpuSpeed(url, g);
        // 1 vs t shard workers, interleaved so both see the same load.
        const figures = [await shards.shardFigures(1), await shards.shardFigures(t)];
        return { worker, gpu, shards: figures };
      },
      [samples, gpuSamples, threads] as const,
    );
  } finally {
    await browser.close();
    await server.close();
  }
}

const r4 = (x: number) => Math.round(x * 10000) / 10000;
const r3 = (x: number) => Math.round(x * 1000) / 1000;
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

type CppPair = {
  cpp: { msps: number; msps_per_cpu_second: number };
  ours: { msps: number; msps_per_cpu_second: number };
  ratio_per_cpu_second: number;
  loadavg: string;
};

/**
 * The reference C++ tool against our loop on `threads` threads, netscience, each order: C++ then ours,
 * interleaved, `millions` M samples each. Null with the reason when the tool cannot be built here.
 */
async function cppReference(
  netscience: Graph,
  millions: number,
  threads: number,
): Promise<{ threads: number; samples: number; first: CppPair; second: CppPair } | { skipped: string }> {
  const built = buildCppLine();
  if (!('binary' in built)) return built;
  const edges = writeEdgeList(netscience, 'netscience');
  const pair = async (order: 1 | 2): Promise<CppPair> => {
    const c = runCppLine(built.binary, edges, order, millions, threads);
    const o =
      threads > 1
        ? await lineThreadedSpeed(netscience, millions * 1e6, threads, order)
        : lineCpuSpeed(netscience, millions * 1e6, order);
    const oursCpu = o.samplesPerCpuSec ?? 0;
    return {
      cpp: { msps: r3(c.samplesPerSec / 1e6), msps_per_cpu_second: r3(c.samplesPerCpuSec / 1e6) },
      ours: { msps: r3(o.samplesPerSec / 1e6), msps_per_cpu_second: r3(oursCpu / 1e6) },
      ratio_per_cpu_second: r3(oursCpu / c.samplesPerCpuSec),
      loadavg: loadavg(),
    };
  };
  return { threads, samples: millions * 1e6, first: await pair(1), second: await pair(2) };
}

/** Micro-F1 at 50% labels exactly as `npm run eval -- talent` scores it (CV-chosen L2, 10 splits). */
async function microF1(g: Graph, seed: number, threads: number): Promise<number> {
  const model = new LineModel({ samples: 100 * 2 * g.src.length, seed, threads }, { pool: nodeLineThreads });
  await model.fit(g);
  return nodeClassificationCv(model.embeddings(), model.outputDim, g.classes, { trainRatio: 0.5, seed }).microF1;
}

type Quality = { netscience_lp_auc_first: number[]; polbooks_micro_f1_50: number[]; football_micro_f1_50: number[] };

/** The eval's quality figures per seed, on one thread and on `threads`. */
async function quality(netscience: Graph, seeds: number, threads: number): Promise<Record<string, Quality>> {
  const graphs = {
    polbooks: await loadGraphFile('public/data/graphs/polbooks.json'),
    football: await loadGraphFile('public/data/graphs/football.json'),
  };
  const out: Record<string, Quality> = {};
  for (const t of new Set([1, threads])) {
    const q: Quality = { netscience_lp_auc_first: [], polbooks_micro_f1_50: [], football_micro_f1_50: [] };
    for (let seed = 1; seed <= seeds; seed++) {
      const lp = await lineLinkPrediction(netscience, 0.1, {
        seed,
        line: { samples: 1_000_000, seed, threads: t },
        pool: nodeLineThreads,
      });
      q.netscience_lp_auc_first.push(r4(lp.first));
      q.polbooks_micro_f1_50.push(r4(await microF1(graphs.polbooks, seed, t)));
      q.football_micro_f1_50.push(r4(await microF1(graphs.football, seed, t)));
    }
    out[t === 1 ? 'threads1' : `threads${t}`] = q;
  }
  return out;
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
  for (const [k, v] of Object.entries(node))
    rows.push([
      `CPU, Node, 1 thread: ${k} (per CPU-second: ${((v.samplesPerCpuSec ?? 0) / 1e6).toFixed(3)})`,
      (v.samplesPerSec / 1e6).toFixed(3),
    ]);
  const js = {
    netscience_first: lineCpuSpeed(netscience, samples, 1, {}, 'js'),
    netscience_second: lineCpuSpeed(netscience, samples, 2, {}, 'js'),
  };
  for (const [k, v] of Object.entries(js))
    rows.push([
      `CPU, Node, 1 thread, JavaScript loop: ${k} (per CPU-second: ${((v.samplesPerCpuSec ?? 0) / 1e6).toFixed(3)})`,
      (v.samplesPerSec / 1e6).toFixed(3),
    ]);
  const threads = Number(flag(args, '--threads') ?? 2);
  const hogwild = {
    netscience_first: await lineThreadedSpeed(netscience, samples, threads, 1),
    netscience_second: await lineThreadedSpeed(netscience, samples, threads, 2),
    company100k_second: await lineThreadedSpeed(company, samples, threads, 2),
  };
  for (const [k, v] of Object.entries(hogwild))
    rows.push([
      `CPU, Node, ${threads} threads Hogwild: ${k} (per CPU-second: ${((v.samplesPerCpuSec ?? 0) / 1e6).toFixed(3)})`,
      (v.samplesPerSec / 1e6).toFixed(3),
    ]);
  const cpp = args.includes('--no-cpp')
    ? null
    : await cppReference(netscience, Number(flag(args, '--cpp-samples') ?? 10), threads);
  if (cpp && 'first' in cpp)
    for (const [k, v] of [
      ['first', cpp.first],
      ['second', cpp.second],
    ] as const)
      rows.push([
        `C++ reference vs ours, ${threads} threads, netscience ${k} order, M/s (per CPU-second): C++ ${v.cpp.msps} (${v.cpp.msps_per_cpu_second}), ours ${v.ours.msps} (${v.ours.msps_per_cpu_second}); load ${v.loadavg}`,
        `${v.ratio_per_cpu_second}× per CPU-s`,
      ]);
  let browser: Awaited<ReturnType<typeof inChromium>> | null = null;
  if (!args.includes('--no-browser')) {
    browser = await inChromium(samples, gpuSamples, threads);
    rows.push(['CPU, Chromium worker: netscience_second', (browser.worker.samplesPerSec / 1e6).toFixed(3)]);
    for (const f of browser.shards)
      rows.push([
        `CPU, Chromium, ${f.workers === 1 ? '1 thread (the page, no pool)' : `${f.workers} shard workers`}, both orders; LP AUC 1st ${f.netscience_lp_auc_first}, Micro-F1 polbooks ${f.polbooks_micro_f1_50} football ${f.football_micro_f1_50}`,
        (f.samplesPerSec / 1e6).toFixed(3),
      ]);
    if (browser.gpu)
      rows.push([
        `WebGPU (${browser.gpu.adapter}), both orders; LP AUC 1st ${browser.gpu.aucFirst.toFixed(3)}`,
        (browser.gpu.speed.samplesPerSec / 1e6).toFixed(3),
      ]);
  }
  console.log(`LINE edge samples/s, 64-d, K = 5; company graph: ${company.n} nodes, ${company.src.length} edges`);
  printTable(['path', 'M samples/s'], rows);
  console.log('real NVIDIA GPU: not measured (no GPU machine lent to this task)');
  const seeds = Number(flag(args, '--quality-seeds') ?? 3);
  const q = args.includes('--no-quality') ? null : await quality(netscience, seeds, threads);
  if (q) {
    const cell = (xs: number[]) => xs.map((x) => x.toFixed(4)).join(' / ');
    printTable(
      [`equal quality, seeds 1…${seeds}`, ...Object.keys(q)],
      (['netscience_lp_auc_first', 'polbooks_micro_f1_50', 'football_micro_f1_50'] as const).map((k) => [
        k,
        ...Object.values(q).map((v) => cell(v[k])),
      ]),
    );
  }
  return {
    line_speed: {
      cpu_node_msps: {
        netscience_first: ms(node.netscience_first),
        netscience_second: ms(node.netscience_second),
        company100k_second: ms(node.company100k_second),
      },
      cpu_node_msps_per_cpu_second: {
        netscience_first: cpuMs(node.netscience_first),
        netscience_second: cpuMs(node.netscience_second),
        company100k_second: cpuMs(node.company100k_second),
      },
      cpu_node_threads: {
        threads,
        msps: {
          netscience_first: ms(hogwild.netscience_first),
          netscience_second: ms(hogwild.netscience_second),
          company100k_second: ms(hogwild.company100k_second),
        },
        msps_per_cpu_second: {
          netscience_first: cpuMs(hogwild.netscience_first),
          netscience_second: cpuMs(hogwild.netscience_second),
          company100k_second: cpuMs(hogwild.company100k_second),
        },
      },
      cpu_node_quality: q,
      cpu_node_js_kernel: {
        msps: { netscience_first: ms(js.netscience_first), netscience_second: ms(js.netscience_second) },
        msps_per_cpu_second: {
          netscience_first: cpuMs(js.netscience_first),
          netscience_second: cpuMs(js.netscience_second),
        },
      },
      cpp_reference: cpp,
      cpu_chromium_worker_msps: browser ? ms(browser.worker) : null,
      cpu_chromium_shards: browser ? browser.shards : null,
      webgpu_swiftshader: browser?.gpu
        ? {
            msps: ms(browser.gpu.speed),
            netscience_lp_auc_first: Math.round(browser.gpu.aucFirst * 10000) / 10000,
            adapter: browser.gpu.adapter,
          }
        : null,
      real_gpu: null,
    },
  };
}
