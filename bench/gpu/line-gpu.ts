/**
 * GPU bench of our fused WGSL LINE kernels (subgroups and thread-per-edge, 64-d and 128-d, K = 5) on
 * Node + Dawn, next to the PyTorch twin of the same LINE SGD step (`line_torch.py`) on the same GPU,
 * graph and alias tables: edge samples/s of each, their ratio, and netscience link-prediction AUC.
 * Bundled by `bench/gpu/build-pack.sh` and run on the GPU machine by `../shared/gpu/run-on-device.sh`.
 *
 * With `--parts line,ncf` (the default) it then runs the NCF part (`ncf-gpu.ts`, twin `ncf_torch.py`
 * beside `line_torch.py`), within the time left before `--budget-s` (default: env BENCH_S, else 240 as run-on-device.sh) − 20 s.
 *
 * usage: node bench.cjs --twin /abs/path/line_torch.py [--parts line,ncf] [--budget-s $BENCH_S]
 *   LINE: [--nodes 1000000] [--edges 10000000]
 *   [--samples64 400000000] [--samples128 200000000] [--auc-samples 2000000] [--auc-threads 1024] [--threads 65536,262144]
 *   [--lanes 8,16,32] [--torch-batches 65536,1048576] [--torch-steps 30]
 *   NCF: [--ratings /abs/ratings.csv] [--ncf-rows 1024,8192,65536] [--ncf-max-steps 150] [--ncf-epochs 3]
 *   [--ncf-config-s 25] [--ncf-reserve-s 100] [--ncf-users 0] [--ncf-twin-batches 8] [--ncf-torch-steps 100] [--no-compile]
 *   both: [--torch-device cuda] [--numpy] [--torch-timeout-s 120]   (env DAWN_NODE: dawn.node path; PYTHON)
 * Prints one JSON line per figure and `RESULT {…}` last (also on SIGTERM, with what was done).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import netscienceJson from '../../public/data/graphs/netscience.json';
import { requestComputeDevice, type ComputeDevice } from '../../src/backend/gpu-device.ts';
import { parseGraph } from '../../src/data/loaders/graph.ts';
import { Rng } from '../../src/data/rng.ts';
import { embeddingScorer } from '../../src/eval/link-scorers.ts';
import { holdOutEdges, linkPredictionAuc } from '../../src/eval/link-prediction.ts';
import { lanesFit } from '../../src/models/line/gpu/kernel-subgroups.ts';
import type { LineKernelVariant } from '../../src/models/line/gpu/select.ts';
import { trainLineGpu } from '../../src/models/line/gpu/trainer.ts';
import { buildLineTables, type LineGraph, type LineTables } from '../../src/models/line/tables.ts';
import { runNcfPart } from './ncf-gpu.ts';
import { powerLawGraph, writeTwinInput } from './twin-io.ts';

const arg = (name: string, d: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : d;
};
const num = (name: string, d: number) => Number(arg(name, String(d)));
const list = (name: string, d: string) => arg(name, d).split(',').map(Number);
const result: { [k: string]: unknown } = { node: process.version };
const emit = (key: string, value: unknown) => {
  result[key] = value;
  console.log(key, JSON.stringify(value));
};

/** Samples/s of one order (second) on `tables`, timed between the first and last dispatch's completion. */
async function kernelSpeed(
  gpu: ComputeDevice,
  graph: LineGraph,
  tables: LineTables,
  dim: number,
  samples: number,
  variant: LineKernelVariant,
  threads: number,
  lanes?: number,
) {
  const chunk = 33_554_432;
  const marks: { done: number; t: number }[] = [];
  const r = await trainLineGpu(
    gpu,
    graph,
    { dim, samples, order: 'second', negatives: 5, seed: 1 },
    {
      variant,
      threads,
      lanes,
      samplesPerDispatch: chunk,
      tables,
      onProgress: (done) => marks.push({ done, t: performance.now() }),
    },
  );
  const [a, b] = [marks[0], marks[marks.length - 1]];
  const sps = marks.length > 1 ? (b.done - a.done) / ((b.t - a.t) / 1000) : samples / r.seconds;
  const kernel = r.kernel.variant === 'thread' ? 'thread' : `subgroups x${r.kernel.lanes} ${r.kernel.reduce}`;
  return {
    variant: r.kernel.variant,
    kernel,
    dim,
    threads,
    samples,
    dispatches: marks.length,
    samples_per_s: Math.round(sps),
    total_seconds: +r.seconds.toFixed(2),
  };
}

const t0 = performance.now();
const deadline = t0 + (num('budget-s', Number(process.env.BENCH_S ?? 240)) - 20) * 1000;
const secondsLeft = () => (deadline - performance.now()) / 1000;

function runTwin(
  twin: string,
  dir: string,
  extra: string[],
  timeoutS = num('torch-timeout-s', 120),
): { [k: string]: unknown } {
  const args = [
    twin,
    '--dir',
    dir,
    '--device',
    arg('torch-device', 'cuda'),
    ...extra,
    ...(process.argv.includes('--numpy') ? ['--numpy'] : []),
  ];
  const timeout = Math.round(Math.max(5, Math.min(timeoutS, secondsLeft() - 5)) * 1000); // never past the deadline
  const out = spawnSync(process.env.PYTHON ?? 'python3', args, { encoding: 'utf8', timeout });
  for (const l of `${out.stdout ?? ''}${out.stderr ?? ''}`.split('\n'))
    if (l && !l.startsWith('TWIN_RESULT ')) console.log(`twin| ${l}`);
  const line = (out.stdout ?? '').split('\n').find((l) => l.startsWith('TWIN_RESULT '));
  const rows = (out.stdout ?? '')
    .split('\n')
    .filter((l) => l.startsWith('NCF_TWIN_ROW '))
    .map((l) => JSON.parse(l.slice(13)));
  if (line) return JSON.parse(line.slice(12));
  return {
    error: `twin exited ${out.status ?? out.signal}: ${(out.stderr ?? '').slice(-400)}`,
    ...(rows.length ? { rows } : {}),
  };
}

async function main(): Promise<void> {
  createRequire(join(dirname(process.argv[1]), 'x.cjs'))('./setup-navigator.cjs'); // navigator.gpu from Dawn
  const parts = arg('parts', 'line,ncf').split(',');
  const twin = arg('twin', join(dirname(process.argv[1]), 'line_torch.py'));
  // One part failing must not cost the other its figures.
  if (parts.includes('line'))
    await linePart(twin).catch((e: unknown) => emit('error_line', String((e as Error)?.stack ?? e)));
  if (parts.includes('ncf')) {
    const here = dirname(twin);
    const ratings = arg(
      'ratings',
      existsSync(join(here, 'ratings.csv'))
        ? join(here, 'ratings.csv')
        : join(here, '../public/data/movielens-small/ratings.csv'),
    );
    await runNcfPart({
      ratings,
      twin: join(here, 'ncf_torch.py'),
      rows: list('ncf-rows', '1024,8192,65536'),
      maxSteps: num('ncf-max-steps', 150),
      epochs: num('ncf-epochs', 3),
      configSeconds: num('ncf-config-s', 25),
      reserveSeconds: num('ncf-reserve-s', 100),
      deadline,
      twinBatches: num('ncf-twin-batches', 8),
      compile: !process.argv.includes('--no-compile'),
      users: num('ncf-users', 0),
      twinArgs: ['--steps', arg('ncf-torch-steps', '100')],
      emit,
      runTwin,
    }).catch((e: unknown) => emit('error_ncf', String((e as Error)?.stack ?? e)));
  }
}

/** The LINE part: kernel speeds, the twin's, and netscience AUC. */
async function linePart(twin: string): Promise<void> {
  const gpu = await requestComputeDevice({ optionalFeatures: ['subgroups'] });
  if (!gpu) throw new Error('no WebGPU adapter');
  emit('adapter', {
    ...gpu.info,
    features: gpu.features,
    maxStorageBufferBindingSize: gpu.maxStorageBufferBindingSize,
    maxBufferSize: gpu.maxBufferSize,
  });
  if (!existsSync(twin)) throw new Error(`PyTorch twin not found at ${twin} (pass --twin /abs/path/line_torch.py)`);
  const dir = mkdtempSync(join(tmpdir(), 'line-twin-'));

  // Speed: a power-law graph (1 M nodes, 10 M edges by default), one order, K = 5.
  const big = powerLawGraph(num('nodes', 1_000_000), num('edges', 10_000_000), 7);
  const tables = buildLineTables(big);
  const speeds: ReturnType<typeof kernelSpeed> extends Promise<infer T> ? T[] : never = [];
  for (const dim of [64, 128]) {
    const samples = num(`samples${dim}`, dim === 64 ? 400_000_000 : 200_000_000);
    for (const variant of ['subgroups', 'thread'] as const) {
      if (variant === 'subgroups' && !gpu.features.includes('subgroups')) continue;
      // Lanes per edge that fit this adapter's subgroups and whole vec4s per lane; one run per (lanes, threads).
      const lanes =
        variant === 'thread'
          ? [undefined]
          : list('lanes', '8,16,32').filter((l) => l <= (gpu.info.subgroupMinSize ?? 0) && lanesFit(dim, l));
      for (const l of lanes) {
        for (const threads of list('threads', '65536,262144')) {
          try {
            speeds.push(await kernelSpeed(gpu, big, tables, dim, samples, variant, threads, l));
          } catch (e) {
            emit(`error_${variant}_${dim}d_lanes${l ?? 1}_threads${threads}`, String((e as Error)?.message ?? e));
          }
        }
      }
      emit(
        `ours_${variant}_${dim}`,
        speeds.filter((s) => s.dim === dim && s.variant === variant),
      );
    }
  }
  writeTwinInput(dir, 'big', tables);
  const torchSpeed = runTwin(twin, dir, [
    '--task',
    'speed',
    '--graph',
    'big',
    '--batches',
    arg('torch-batches', '65536,1048576'),
    '--steps',
    arg('torch-steps', '30'),
  ]);
  emit('torch_speed', torchSpeed);
  const best = (dim: number) => Math.max(0, ...speeds.filter((s) => s.dim === dim).map((s) => s.samples_per_s));
  const torchBest = (dim: number) =>
    Number((torchSpeed[`d${dim}`] as { best_samples_per_s?: number } | undefined)?.best_samples_per_s ?? NaN);
  for (const dim of [64, 128]) {
    const msps = (x: number) => `${(x / 1e6).toFixed(1)} M/s`;
    emit(`summary_${dim}d`, {
      ours_best: msps(best(dim)),
      torch_best: msps(torchBest(dim)),
      ratio_ours_over_torch: +(best(dim) / torchBest(dim)).toFixed(2),
    });
  }

  // Quality: netscience link prediction, 10 % held out, first order, equal samples for every trainer.
  const net = parseGraph(JSON.stringify(netscienceJson), { file: 'netscience.json' });
  const split = holdOutEdges(net, 0.1, new Rng(1).fork('holdout'));
  const train: LineGraph = { ...split.train, directed: net.directed };
  const aucOf = (emb: Float32Array) =>
    +linkPredictionAuc(embeddingScorer(emb, 64), split.positives, split.negatives).toFixed(4);
  const aucSamples = num('auc-samples', 2_000_000);
  const auc: { [k: string]: number | string } = {};
  for (const variant of ['subgroups', 'thread'] as const) {
    if (variant === 'subgroups' && !gpu.features.includes('subgroups')) continue;
    const r = await trainLineGpu(
      gpu,
      train,
      { samples: aucSamples, order: 'first', seed: 1 },
      { variant, threads: num('auc-threads', 1024) },
    );
    auc[`ours_${variant}`] = aucOf(r.orders[1] as Float32Array);
  }
  writeTwinInput(dir, 'net', buildLineTables(train));
  const t = runTwin(twin, dir, [
    '--task',
    'embed',
    '--graph',
    'net',
    '--samples',
    String(aucSamples),
    '--batch',
    arg('torch-auc-batch', '1024'),
  ]);
  auc.torch = t.error
    ? String(t.error)
    : aucOf(new Float32Array(readFileSync(join(dir, 'net.emb.f32')).buffer.slice(0)));
  emit('netscience_lp_auc_first_order', { samples: aucSamples, ...auc });
}

process.on('SIGTERM', () => {
  result.error = `SIGTERM after ${((performance.now() - t0) / 1000).toFixed(0)} s (BENCH_S ran out): figures above are complete, the rest missing`;
  console.log('RESULT', JSON.stringify(result));
  process.exit(1);
});

main().then(
  () => {
    console.log('RESULT', JSON.stringify(result));
    process.exit(0);
  }, // Dawn keeps Node alive otherwise
  (e: unknown) => {
    result.error = String((e as Error)?.stack ?? e);
    console.log('RESULT', JSON.stringify(result));
    process.exit(1);
  },
);
