/**
 * NCF on a real GPU, the `ncf` part of the GPU bench (`line-gpu.ts` bundles it): our NeuMF and seed-NCF
 * (registry kinds `neumf` and `ncf`, the tuned configs of src/systems/courses/movielens-eval.ts) trained through
 * NcfModel.fit on tfjs-webgpu under Node + Dawn, on MovieLens ml-latest-small's leave-latest-out
 * training log, at several batch sizes in rows (positives × (1 + negatives)); next to `ncf_torch.py`,
 * the PyTorch twin of the same steps, on the same batches and initial weights, eager and compiled.
 * Ours: training rows/s of whole epochs after a warm-up epoch, as fit reports them (host batch assembly
 * and the per-epoch loss readback included); an epoch is capped at ~`maxSteps` steps by training on
 * the log's first users (the id tables keep their full size).
 * Beside them, the fused-webgpu engine (src/models/ncf/gpu, `ncf-fused.ts`) on tfjs's device, on the
 * same host batches as the twin (device time: host batch assembly is `host_batch_rows_per_s`), with
 * the roofline estimate (bytes moved per row ÷ the card's memory bandwidth) beside it.
 * A smoke run of this part end to end with tiny sizes, in Node + Dawn on SwiftShader: `ncf-gpu-smoke.ts`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '../../src/backend/index.ts';
import { leaveLatestOut } from '../../src/systems/courses/protocol.ts';
import { TUNED } from '../../src/systems/courses/movielens-eval.ts';
import { selectRows, userItemRows, type InteractionLog } from '../../src/data/index.ts';
import { loadInteractionsFile } from '../../src/data/node.ts';
import { AbortError } from '../../src/errors.ts';
import { createModel } from '../../src/models/index.ts';
import { resolveNcfConfig, type NcfArch, type NcfConfig } from '../../src/models/ncf/config.ts';
import { initArrays } from '../../src/models/ncf/params.ts';
import { webgpuDevice } from '../../src/backend/webgpu-device.ts';
import { deviceBandwidth, stepInputs, timeFused } from './ncf-fused.ts';
import { hostBatcher, ourLoss, writeNcfTwinInput, type HostBatch, type TwinEntry } from './ncf-twin-io.ts';

/** What the NCF part runs; `deadline` is a `performance.now()` time it must end before. */
export interface NcfPartOptions {
  ratings: string;
  twin: string;
  rows: number[];
  maxSteps: number;
  epochs: number;
  configSeconds: number;
  deadline: number;
  /** Seconds kept for the twin runs: no new configuration starts when fewer than this + 30 are left. */
  reserveSeconds: number;
  twinBatches: number;
  /** Extra arguments for every twin run (device, steps, numpy). */
  twinArgs: string[];
  compile: boolean;
  /** Train on the first `users` users only (smoke runs); 0 = all. */
  users: number;
  emit: (key: string, value: unknown) => void;
  runTwin: (twin: string, dir: string, extra: string[], timeoutS: number) => { [k: string]: unknown };
  /** Seconds of fused-webgpu training timed per configuration (default 3). */
  fusedSeconds?: number;
}

const KINDS: readonly { kind: 'neumf' | 'ncf'; arch: NcfArch }[] = [
  { kind: 'neumf', arch: 'neumf' },
  { kind: 'ncf', arch: 'seed' },
];
const left = (o: NcfPartOptions) => (o.deadline - performance.now()) / 1000;

/** Our side of one configuration: fit timings, backend, numTensors. */
async function timeFit(kind: string, config: NcfConfig, log: InteractionLog, o: NcfPartOptions) {
  const before = tf.memory().numTensors;
  const model = createModel(kind as 'neumf', config);
  const ac = new AbortController();
  const epochs: { samplesPerSec: number; numTensors: number }[] = [];
  const seen = { rowsPerEpoch: 0, started: '' }; // set by the progress callback
  let backend = '';
  const t0 = performance.now();
  try {
    const r = await model.fit(log, {
      signal: ac.signal,
      onProgress: (e) => {
        if (e.status === 'start') Object.assign(seen, { rowsPerEpoch: e.samples, started: e.backend });
        if (e.status !== 'epoch') return;
        epochs.push({ samplesPerSec: e.samplesPerSec, numTensors: tf.memory().numTensors });
        const overTime = performance.now() - t0 > o.configSeconds * 1000 || left(o) < o.reserveSeconds;
        if (epochs.length >= 2 && overTime) ac.abort();
      },
    });
    backend = r.backend;
  } catch (e) {
    if (!(e instanceof AbortError)) throw e;
    backend = seen.started;
  } finally {
    model.dispose();
  }
  if (backend !== 'webgpu' || seen.started !== 'webgpu')
    throw new Error(`${kind} trained on ${backend} (start: ${seen.started}), not webgpu`);
  const { rowsPerEpoch } = seen;
  const timed = epochs.slice(1);
  const seconds = timed.reduce((a, e) => a + rowsPerEpoch / e.samplesPerSec, 0);
  return {
    backend,
    rows_per_epoch: rowsPerEpoch,
    timed_epochs: timed.length,
    samples_per_s: timed.length ? Math.round((rowsPerEpoch * timed.length) / seconds) : null,
    warmup_epoch_samples_per_s: Math.round(epochs[0]?.samplesPerSec ?? NaN),
    by_epoch: epochs.map((e) => Math.round(e.samplesPerSec)),
    num_tensors: { before, epoch_ends: epochs.map((e) => e.numTensors), after_dispose: tf.memory().numTensors },
    tensors_flat: new Set(epochs.map((e) => e.numTensors)).size === 1 && tf.memory().numTensors === before,
  };
}

/** `log` restricted to its first users, so that it holds at least `positives` distinct positives. */
function capLog(log: InteractionLog, positives: number): InteractionLog {
  const rows = userItemRows(log);
  let u = 0;
  while (u < rows.nRows && rows.indptr[u] < positives) u++;
  if (u >= rows.nRows) return log;
  return selectRows(
    log,
    Int32Array.from({ length: log.length }, (_, k) => k).filter((k) => log.users[k] < u),
  );
}

/** Trains both models at every batch size, exports their batches, runs the twin, emits the ratios. */
export async function runNcfPart(o: NcfPartOptions): Promise<void> {
  const report = await initBackend('webgpu');
  if (report.backend !== 'webgpu' || tf.getBackend() !== 'webgpu')
    throw new Error(`tfjs runs ${tf.getBackend()}, not webgpu`);
  o.emit('ncf_backend', { backend: tf.getBackend(), adapter: report.adapterInfo, tfjs: tf.version_core });
  const device = webgpuDevice();
  if (!device) throw new Error('tfjs webgpu backend has no device');
  const bandwidth = await deviceBandwidth(device, JSON.stringify(report.adapterInfo ?? {}));
  o.emit('ncf_bandwidth', bandwidth);
  const full = leaveLatestOut(await loadInteractionsFile(o.ratings), 'movielens-small').train;
  const train =
    o.users > 0
      ? selectRows(
          full,
          Int32Array.from({ length: full.length }, (_, k) => k).filter((k) => full.users[k] < o.users),
        )
      : full;
  const nUsers = train.userIds.size;
  const nItems = train.itemIds.size;
  o.emit('ncf_data', {
    file: o.ratings,
    users: nUsers,
    items: nItems,
    training_rows: train.length,
    first_users: o.users || 'all',
  });
  const dir = mkdtempSync(join(tmpdir(), 'ncf-twin-'));
  const ours: { [k: string]: unknown } = {};
  const entries: TwinEntry[] = [];
  for (const { kind, arch } of KINDS) {
    for (const rows of o.rows) {
      const name = `${kind}_${rows}`;
      if (left(o) < o.reserveSeconds + 30) {
        o.emit(`ncf_ours_${name}`, { skipped: `${left(o).toFixed(0)} s left before the deadline` });
        continue;
      }
      const base = TUNED[kind] as NcfConfig;
      const batchSize = Math.max(1, Math.round(rows / (1 + resolveNcfConfig(arch, base).negatives)));
      const config: NcfConfig = { ...base, batchSize, epochs: 1 + o.epochs, patience: 0 };
      const s = resolveNcfConfig(arch, config);
      const log = capLog(train, batchSize * o.maxSteps);
      try {
        const r = await timeFit(kind, config, log, o);
        // The twin's inputs: the first steps of epoch 0, built by the same code, timed on the host.
        let t = performance.now();
        const hb = hostBatcher(s, log);
        const setupS = (performance.now() - t) / 1000;
        const n = Math.max(1, Math.min(o.twinBatches, hb.steps > 1 ? hb.steps - 1 : 1)); // skip a short last batch
        const hbs: HostBatch[] = Array.from({ length: n }, (_, k) => hb.build(k));
        t = performance.now(); // timed on a second, JIT-warm pass
        for (let k = 0; k < n; k++) hb.build(k);
        const hostS = (performance.now() - t) / 1000;
        const batchRows = hbs.reduce((a, h) => a + h.batch.users.length, 0);
        const weights = initArrays(s, nUsers, nItems);
        const loss0 = await ourLoss(s, nUsers, nItems, weights, hbs[0]);
        entries.push(writeNcfTwinInput(dir, name, kind, s, nUsers, nItems, weights, hbs, loss0));
        let fused: { [k: string]: unknown };
        try {
          const inputs = stepInputs(hbs, s.learningRate);
          fused = await timeFused(device, s, nUsers, nItems, weights, inputs, bandwidth.used_GBs, o.fusedSeconds ?? 3);
        } catch (e) {
          fused = { error: String((e as Error)?.stack ?? e).slice(0, 600) };
        }
        ours[name] = {
          ...r,
          fused_webgpu: fused,
          batch_positives: batchSize,
          mean_batch_rows: Math.round(batchRows / n),
          steps_per_epoch: hb.steps,
          users_with_rows: new Set(log.users).size,
          host_batch_rows_per_s: Math.round(batchRows / hostS),
          host_setup_s: +setupS.toFixed(2),
          loss0,
        };
      } catch (e) {
        ours[name] = { error: String((e as Error)?.stack ?? e).slice(0, 600) };
      }
      o.emit(`ncf_ours_${name}`, ours[name]);
    }
  }
  writeFileSync(join(dir, 'ncf.json'), JSON.stringify({ configs: entries }));
  // The twin stops starting configurations after `budget` s and is killed 15 s later at the latest.
  const twinRun = (mode: string[], budget: number) =>
    o.runTwin(
      o.twin,
      dir,
      [...o.twinArgs, ...mode, '--budget-s', String(Math.max(10, budget))],
      Math.max(15, budget + 15),
    );
  // Eager leaves time for the compiled run (compilation alone takes tens of seconds).
  const eager =
    entries.length && left(o) > 20
      ? twinRun([], Math.min(left(o) - 20, Math.max(45, 0.4 * left(o))))
      : { skipped: 'no configuration or no time left' };
  o.emit('ncf_torch_eager', eager);
  const compiled =
    o.compile && entries.length && left(o) > 60
      ? twinRun(['--compile'], left(o) - 30)
      : { skipped: o.compile ? 'no time left' : 'off' };
  o.emit('ncf_torch_compile', compiled);
  o.emit('ncf_summary', summary(ours, eager, compiled));
}

type Row = { name?: string; samples_per_s?: number; loss0?: number };
const rowsOf = (t: { [k: string]: unknown }) => new Map(((t.rows as Row[] | undefined) ?? []).map((r) => [r.name, r]));

/** Per configuration: ours, the twin eager and compiled (rows/s), the ratios ours / twin, loss parity. */
function summary(ours: { [k: string]: unknown }, eager: { [k: string]: unknown }, compiled: { [k: string]: unknown }) {
  const [e, c] = [rowsOf(eager), rowsOf(compiled)];
  const ratio = (a: unknown, b: unknown) =>
    typeof a === 'number' && typeof b === 'number' && b > 0 ? +(a / b).toFixed(3) : null;
  return Object.fromEntries(
    Object.entries(ours).map(([name, r]) => {
      const o = r as {
        samples_per_s?: number;
        loss0?: number;
        fused_webgpu?: { samples_per_s?: number; roofline_samples_per_s?: number; loss0_fused?: number };
      };
      const f = o.fused_webgpu ?? {};
      const te = e.get(name);
      const tc = c.get(name);
      return [
        name,
        {
          ours: o.samples_per_s ?? null,
          torch_eager: te?.samples_per_s ?? null,
          torch_compile: tc?.samples_per_s ?? null,
          ratio_ours_over_eager: ratio(o.samples_per_s, te?.samples_per_s),
          ratio_ours_over_compile: ratio(o.samples_per_s, tc?.samples_per_s),
          fused_webgpu: f.samples_per_s ?? null,
          ratio_fused_over_eager: ratio(f.samples_per_s, te?.samples_per_s),
          ratio_fused_over_compile: ratio(f.samples_per_s, tc?.samples_per_s),
          roofline: f.roofline_samples_per_s ?? null,
          ratio_roofline_over_eager: ratio(f.roofline_samples_per_s, te?.samples_per_s),
          loss0_fused: f.loss0_fused ?? null,
          loss0_ours: o.loss0 ?? null,
          loss0_torch: te?.loss0 ?? null,
        },
      ];
    }),
  );
}
