/**
 * `npm run bench -- courses [--epochs N] [--cpu-users N] [--target] [--chromium [--chromium-steps N]]`: NCF
 * training speed — samples/s and seconds per epoch of NeuMF and seed-NCF on MovieLens ml-latest-small —
 * in Node on the cpu and wasm backends (cpu on the first `--cpu-users` users only, default 150: it is
 * ~7× slower), tf.memory().numTensors at every epoch end (must be flat), and with `--target` the
 * training time and quality of the tuned best model. With `--chromium` (opt-in: about 4 minutes more)
 * the same models also train in a dedicated module worker in headless Chromium: on wasm over whole
 * epochs, and on WebGPU (SwiftShader here) over `--chromium-steps` mini-batches per epoch (default 2)
 * of a subset of users, its s/epoch extrapolated to the whole log. NVIDIA figures are not measured here.
 */
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, type BackendName } from '../../src/backend/index.ts';
import { loadInteractions, selectRows, type InteractionLog } from '../../src/data/index.ts';
import { fileSource } from '../../src/data/node.ts';
import { evaluateKind, TUNED } from '../../src/systems/courses/movielens-eval.ts';
import { leaveLatestOut } from '../../src/systems/courses/protocol.ts';
import { createModel } from '../../src/models/index.ts';
import { flag, printTable } from '../table.ts';
import { ncfSpeedInChromium, type ChromiumRow } from '../tools/courses-chromium.ts';

interface Row {
  backend: BackendName;
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
    for (const model of ['neumf', 'ncf'] as const) rows.push(await speed(backend, model, data, epochs));
  }
  printTable(
    ['backend', 'model', 'rows/epoch', 'samples/s', 's/epoch', 'numTensors at epoch ends'],
    rows.map((r) => [
      r.backend,
      r.model,
      r.rows,
      Math.round(r.samplesPerSec),
      r.epochSeconds.toFixed(1),
      r.tensorsPerEpoch.join(' '),
    ]),
  );
  // Time to quality (opt-in, `--target`: a full training run): the tuned best model on wasm.
  let best: Awaited<ReturnType<typeof evaluateKind>> | null = null;
  if (args.includes('--target')) {
    await initBackend('wasm');
    best = await evaluateKind('ncf', TUNED.ncf, p);
    console.log(
      `\nseed-NCF on wasm: HR@10 ${best.sampled.hr10.toFixed(3)} NDCG@10 ${best.sampled.ndcg10.toFixed(3)} after ${best.seconds.toFixed(0)} s of training (PyTorch NeuMF reference: 28 s/epoch, ~9 min for 20 epochs)`,
    );
  }
  const chromium = args.includes('--chromium')
    ? await chromiumRows(Number(flag(args, '--chromium-steps') ?? 2), epochs)
    : null;
  return {
    courses: {
      node: Object.fromEntries(
        rows.map((r) => [
          `${r.backend}/${r.model}`,
          {
            samplesPerSec: Math.round(r.samplesPerSec),
            epochSeconds: round(r.epochSeconds),
            rows: r.rows,
            tensorsFlat: new Set(r.tensorsPerEpoch).size === 1,
          },
        ]),
      ),
      timeToTarget: best && {
        model: 'ncf',
        backend: 'wasm',
        seconds: round(best.seconds),
        hr10: round(best.sampled.hr10),
        ndcg10: round(best.sampled.ndcg10),
      },
      chromium: chromium && Object.fromEntries(chromium.map((r) => [`${r.backend}/${r.kind}`, chromiumJson(r)])),
      gpu: null,
    },
  };
}

/** Trains both models in a Chromium worker on WebGPU (`steps` mini-batches per epoch) and on wasm (whole log). */
async function chromiumRows(steps: number, epochs: number): Promise<ChromiumRow[]> {
  const rows = await ncfSpeedInChromium({ backends: [{ backend: 'webgpu', steps }, { backend: 'wasm' }], epochs });
  console.log('\nChromium, dedicated module worker (backend asserted: initBackend, fit progress and result all agree)');
  printTable(
    [
      'backend',
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

async function speed(backend: BackendName, kind: 'neumf' | 'ncf', log: InteractionLog, epochs: number): Promise<Row> {
  const m = createModel(kind, { ...TUNED[kind], epochs } as never);
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
