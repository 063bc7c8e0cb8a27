/**
 * `npm run bench -- courses [--epochs N] [--cpu-users N] [--target] [--chromium [--chromium-steps N]]`: NCF
 * training speed — samples/s and seconds per epoch of NeuMF and seed-NCF on MovieLens ml-latest-small —
 * in Node on tfjs's op graph on the cpu and wasm backends (cpu on the first `--cpu-users` users only,
 * default 150: it is ~7× slower) and on the fused CPU trainer (rows `fused-cpu`), tf.memory().numTensors
 * at every epoch end (must be flat), and with `--target` the training time and quality of the tuned best
 * model on each path (`timeToTarget`: tfjs on wasm, as before; `timeToTargetByPath`: every path). With
 * `--chromium` (opt-in: about 5 minutes more) the same models also train in a dedicated module worker in
 * headless Chromium: on wasm (tfjs and fused-cpu) over whole epochs, and on WebGPU (SwiftShader here) over
 * `--chromium-steps` mini-batches per epoch (default 2) of a subset of users, its s/epoch extrapolated to
 * the whole log; and the fused WGSL engine (rows `fused-webgpu`) on as many mini-batches. NVIDIA figures
 * are not measured here.
 */
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, type BackendName } from '../../src/backend/index.ts';
import { loadInteractions, selectRows, type InteractionLog } from '../../src/data/index.ts';
import { fileSource } from '../../src/data/node.ts';
import { evaluateKind, TUNED } from '../../src/systems/courses/movielens-eval.ts';
import { leaveLatestOut } from '../../src/systems/courses/protocol.ts';
import { createModel } from '../../src/models/index.ts';
import type { TrainerName } from '../../src/models/recommender.ts';
import { flag, printTable } from '../table.ts';
import { ncfSpeedInChromium, type ChromiumRow } from '../tools/courses-chromium.ts';
import { ncfGpuSpeedInChromium } from '../tools/ncf-gpu-chromium.ts';

interface Row {
  backend: BackendName;
  trainer: TrainerName;
  model: string;
  rows: number;
  samplesPerSec: number;
  epochSeconds: number;
  tensorsPerEpoch: number[];
}

export async function run(args: string[]): Promise<unknown> {
  const file = 'public/data/movielens-small/ratings.csv';
  const log = await loadInteractions(fileSource(file), { file });
  const p = leaveLatestOut(log, 'movielens-small');
  const epochs = Number(flag(args, '--epochs') ?? 2);
  const cpuUsers = Number(flag(args, '--cpu-users') ?? 150);
  const rows: Row[] = [];
  for (const backend of ['cpu', 'wasm'] as const) {
    await initBackend(backend);
    const data = backend === 'cpu' ? firstUsers(p.train, cpuUsers) : p.train;
    for (const model of ['neumf', 'ncf'] as const) rows.push(await speed(backend, 'tfjs', model, data, epochs));
  }
  // The fused CPU trainer (tfjs on wasm only scores): the whole log.
  for (const model of ['neumf', 'ncf'] as const) rows.push(await speed('wasm', 'fused-cpu', model, p.train, epochs));
  printTable(
    ['backend', 'trainer', 'model', 'rows/epoch', 'samples/s', 's/epoch', 'numTensors at epoch ends'],
    rows.map((r) => [
      r.backend,
      r.trainer,
      r.model,
      r.rows,
      Math.round(r.samplesPerSec),
      r.epochSeconds.toFixed(1),
      r.tensorsPerEpoch.join(' '),
    ]),
  );
  // Time to quality (opt-in, `--target`: full training runs): the tuned best model on each Node path.
  const targets: Record<string, TargetFigures> = {};
  if (args.includes('--target')) {
    await initBackend('wasm');
    for (const trainer of ['tfjs', 'fused-cpu'] as const) {
      const best = await evaluateKind('ncf', { ...TUNED.ncf, trainer }, p);
      targets[trainer === 'tfjs' ? 'wasm' : trainer] = {
        model: 'ncf',
        backend: 'wasm',
        trainer,
        seconds: round(best.seconds),
        hr10: round(best.sampled.hr10),
        ndcg10: round(best.sampled.ndcg10),
      };
      console.log(
        `\nseed-NCF on wasm, ${trainer}: HR@10 ${best.sampled.hr10.toFixed(3)} NDCG@10 ${best.sampled.ndcg10.toFixed(3)} after ${best.seconds.toFixed(0)} s of training (PyTorch NeuMF reference: 28 s/epoch, ~9 min for 20 epochs)`,
      );
    }
  }
  const chromiumSteps = Number(flag(args, '--chromium-steps') ?? 2);
  const chromium = args.includes('--chromium') ? await chromiumRows(chromiumSteps, epochs) : null;
  const webgpu = args.includes('--chromium') ? await fusedWebgpuRows(chromiumSteps, epochs) : null;
  if (args.includes('--target') && args.includes('--chromium')) {
    const t = await chromiumTarget();
    targets['chromium/fused-cpu'] = t;
    console.log(`seed-NCF in a Chromium worker, fused-cpu: HR@10 ${t.hr10} after ${t.seconds} s of training`);
  }
  const byPath = Object.keys(targets).length ? targets : null;
  const { trainer: _t, ...tfjsTarget } = targets.wasm ?? { trainer: null };
  return {
    courses: {
      node: Object.fromEntries(
        rows.map((r) => [
          r.trainer === 'tfjs' ? `${r.backend}/${r.model}` : `${r.trainer}/${r.model}`,
          {
            samplesPerSec: Math.round(r.samplesPerSec),
            epochSeconds: round(r.epochSeconds),
            rows: r.rows,
            tensorsFlat: new Set(r.tensorsPerEpoch).size === 1,
            trainer: r.trainer,
          },
        ]),
      ),
      timeToTarget: targets.wasm ? tfjsTarget : null,
      timeToTargetByPath: byPath,
      chromium:
        chromium &&
        Object.fromEntries([
          ...chromium.map((r): [string, object] => [
            r.trainer === 'tfjs' ? `${r.backend}/${r.kind}` : `${r.trainer}/${r.kind}`,
            chromiumJson(r),
          ]),
          ...(webgpu ?? []),
        ]),
      gpu: null,
    },
  };
}

/** Trains both models in a Chromium worker on WebGPU (`steps` mini-batches per epoch) and on wasm (whole log). */
async function chromiumRows(steps: number, epochs: number): Promise<ChromiumRow[]> {
  const rows = await ncfSpeedInChromium({
    backends: [{ backend: 'webgpu', steps }, { backend: 'wasm' }, { backend: 'wasm', trainer: 'fused-cpu' }],
    epochs,
  });
  console.log('\nChromium, dedicated module worker (backend asserted: initBackend, fit progress and result all agree)');
  printTable(
    [
      'backend',
      'trainer',
      'model',
      'users',
      'steps/epoch',
      'rows/epoch',
      'samples/s',
      's/epoch',
      's/epoch is',
      'numTensors before / epoch ends / after dispose',
    ],
    rows.map((r) => [
      r.backend,
      r.trainer,
      r.kind,
      `${r.users}/${r.totalUsers}`,
      r.steps,
      r.rows,
      Math.round(r.meanSamplesPerSec),
      r.epochSeconds.toFixed(1),
      r.extrapolated
        ? `extrapolated to ${r.fullRows} rows from epoch${epochs > 1 ? `s 2…${epochs}` : ' 1 (with warm-up)'}`
        : `measured, mean of ${epochs}`,
      `${r.tensors.before} / ${r.tensors.epochEnds.join(' ')} / ${r.tensors.afterDispose}`,
    ]),
  );
  const adapter = rows.find((r) => r.adapter)?.adapter;
  if (adapter) console.log(`WebGPU adapter: ${adapter} (software: correctness, not speed)`);
  return rows;
}

function chromiumJson(r: ChromiumRow): object {
  return {
    backend: r.backend,
    trainer: r.trainer,
    adapter: r.adapter,
    samplesPerSec: Math.round(r.meanSamplesPerSec),
    epochSeconds: round(r.epochSeconds),
    extrapolated: r.extrapolated,
    users: r.users,
    steps: r.steps,
    rows: r.rows,
    fullRows: r.fullRows,
    samplesPerSecByEpoch: r.samplesPerSec.map(Math.round),
    tensors: r.tensors,
    tensorsFlat: r.tensorsFlat,
  };
}

/**
 * The fused WGSL engine (`fused-webgpu`, SwiftShader here: correctness and relative speed only) on
 * `steps` mini-batches per kind, beside tfjs-webgpu and fused-cpu on the same batches; rows keyed
 * `fused-webgpu/<kind>`, or one `fused-webgpu` row holding the error when that path fails.
 */
async function fusedWebgpuRows(steps: number, epochs: number): Promise<[string, object][]> {
  try {
    const rows = await ncfGpuSpeedInChromium({ steps, epochs });
    return rows.map((r) => [
      `fused-webgpu/${r.kind}`,
      {
        backend: 'webgpu',
        trainer: 'fused-webgpu',
        adapter: r.adapter,
        samplesPerSec: Math.round(r.fusedWebgpu),
        tfjsWebgpuSamplesPerSec: r.tfjsWebgpu && Math.round(r.tfjsWebgpu),
        fusedCpuSamplesPerSec: Math.round(r.fusedCpu),
        steps: r.steps,
        rowsPerStep: r.rowsPerStep,
        maxLossDiff: r.maxLossDiff,
        maxWeightDiff: r.maxWeightDiff,
      },
    ]);
  } catch (err) {
    console.log(`chromium fused-webgpu: ${(err as Error).message}`);
    return [['fused-webgpu', { error: (err as Error).message }]];
  }
}

/** One path's time to quality: the tuned seed-NCF trained in full, then measured on the test rows. */
interface TargetFigures {
  model: 'ncf';
  backend: BackendName;
  trainer: TrainerName;
  seconds: number;
  hr10: number;
  ndcg10: number;
}

/** The tuned seed-NCF trained in full on the fused CPU trainer in a Chromium worker, measured there. */
async function chromiumTarget(): Promise<TargetFigures> {
  const epochs = (TUNED.ncf as { epochs: number }).epochs;
  const [r] = await ncfSpeedInChromium({
    backends: [{ backend: 'wasm', trainer: 'fused-cpu' }],
    epochs,
    kinds: ['ncf'],
    evaluate: true,
  });
  const q = r.quality as NonNullable<typeof r.quality>;
  return {
    model: 'ncf',
    backend: 'wasm',
    trainer: r.trainer,
    seconds: round(q.seconds),
    hr10: round(q.hr10),
    ndcg10: round(q.ndcg10),
  };
}

async function speed(
  backend: BackendName,
  trainer: TrainerName,
  kind: 'neumf' | 'ncf',
  log: InteractionLog,
  epochs: number,
): Promise<Row> {
  const m = createModel(kind, { ...TUNED[kind], epochs, trainer } as never);
  let samples = 0;
  let seconds = 0;
  let rows = 0;
  const tensorsPerEpoch: number[] = [];
  await m.fit(log, {
    onProgress: (e) => {
      if (e.status === 'start') rows = e.samples;
      if (e.status !== 'epoch') return;
      tensorsPerEpoch.push(tf.memory().numTensors);
      samples += e.samplesPerSec;
      seconds += rows / e.samplesPerSec;
    },
  });
  m.dispose();
  return {
    backend,
    trainer,
    model: kind,
    rows,
    samplesPerSec: samples / epochs,
    epochSeconds: seconds / epochs,
    tensorsPerEpoch,
  };
}

function firstUsers(log: InteractionLog, users: number): InteractionLog {
  const keep = Int32Array.from({ length: log.length }, (_, k) => k).filter((k) => log.users[k] < users);
  return selectRows(log, keep);
}

const round = (x: number) => Math.round(x * 100) / 100;
