/**
 * NCF training speed inside a dedicated module worker (for `npm run bench -- courses --chromium`): the
 * worker loads MovieLens ml-latest-small, takes its leave-latest-out training log (or the users of it
 * that fill a few mini-batches: SwiftShader WebGPU is too slow for whole epochs), starts exactly the
 * requested tfjs backend, trains a registry NCF kind with its tuned config on the requested engine
 * (tfjs's op graph, or the fused CPU loop), and reports samples/s, tf.memory().numTensors around every
 * epoch, and the backend and engine that really ran.
 */
import * as tf from '@tensorflow/tfjs-core';
import { wrap } from 'comlink';
import { initBackend, currentBackend, type BackendName } from '../../src/backend/index.ts';
import { loadInteractions, selectRows, userItemRows } from '../../src/data/index.ts';
import { BackendUnavailableError } from '../../src/errors.ts';
import { TUNED } from '../../src/systems/courses/movielens-eval.ts';
import { leaveLatestOut, sampledFigures } from '../../src/systems/courses/protocol.ts';
import { createModel } from '../../src/models/index.ts';
import { MfBatches } from '../../src/models/mf/batches.ts';
import type { TrainerName } from '../../src/models/recommender.ts';

/**
 * One measurement: `kind` trained for `epochs` epochs, on the whole training log, or with `steps` on
 * the users (taken in id order, skipping any that would overflow) whose positives fill `steps` mini-batches.
 */
export interface NcfSpeedRequest {
  /** URL of a MovieLens `ratings.csv`, e.g. `/data/movielens-small/ratings.csv`. */
  url: string;
  backend: BackendName;
  kind: 'neumf' | 'ncf';
  epochs: number;
  /** Mini-batches per epoch to train (default: the whole log). */
  steps?: number;
  /** The engine (default 'tfjs': the op graph on `backend`). */
  trainer?: TrainerName;
  /** Also measure sampled HR@10 / NDCG@10 on the split's test rows after training (whole log only). */
  evaluate?: boolean;
}

/** What one measurement found. */
export interface NcfSpeed {
  /** The backend tfjs ran on: initBackend's report, the fit's progress and result, all checked equal. */
  backend: BackendName;
  /** The engine that trained (the fit result's, checked equal to the request's). */
  trainer: TrainerName;
  /** Vendor, architecture and description of the WebGPU adapter; null on other backends. */
  adapter: string | null;
  /** Users trained on, of `totalUsers`. */
  users: number;
  totalUsers: number;
  /** Mini-batches per epoch. */
  steps: number;
  /** Training rows (positives + sampled negatives) per epoch of the subset, and of the whole log. */
  rows: number;
  fullRows: number;
  /** Samples/s of each epoch, as the model reports it. */
  samplesPerSec: number[];
  /** tf.memory().numTensors before fit, at each epoch end, after fit, and after dispose. */
  tensors: { before: number; epochEnds: number[]; afterFit: number; afterDispose: number };
  /** With `evaluate`: the fit's training seconds and the sampled figures on the test rows. */
  quality?: { seconds: number; hr10: number; ndcg10: number };
}

/** The API of `workers/ncf-bench.worker.ts`. */
export interface NcfSpeedWorker {
  ncfSpeed(request: NcfSpeedRequest): Promise<NcfSpeed>;
}

/** Measures one request in this realm (the worker calls it; so can a page). */
export async function ncfSpeed(r: NcfSpeedRequest): Promise<NcfSpeed> {
  const response = await fetch(r.url);
  if (!response.ok || !response.body) throw new Error(`${r.url}: HTTP ${response.status}`);
  const split = leaveLatestOut(await loadInteractions(response.body, { file: r.url }), 'movielens-small');
  const train = split.train;
  const trainer = r.trainer ?? 'tfjs';
  const config = { ...TUNED[r.kind], epochs: r.epochs, trainer } as { negatives?: number; batchSize?: number };
  const batchSize = config.batchSize ?? 1024;
  const positives = userItemRows(train);
  const keep = r.steps === undefined ? null : usersFilling(positives.indptr, r.steps * batchSize);
  const subset = keep
    ? selectRows(
        train,
        Int32Array.from({ length: train.length }, (_, k) => k).filter((k) => keep.mask[train.users[k]] === 1),
      )
    : train;
  const users = keep ? keep.users : positives.nRows;
  const steps = Math.ceil((keep ? keep.positives : positives.indptr[positives.nRows]) / batchSize);
  const fullRows = new MfBatches(positives, 1, config.negatives ?? 4, 0).rowsPerEpoch;
  const report = await initBackend(r.backend);
  const ran = new Set<string>([report.backend]);
  const before = tf.memory().numTensors;
  const model = createModel(r.kind, config as never);
  const epochEnds: number[] = [];
  const samplesPerSec: number[] = [];
  let rows = 0;
  let afterFit: number;
  let quality: NcfSpeed['quality'];
  try {
    const fit = await model.fit(subset, {
      onProgress: (e) => {
        if (e.status === 'start') rows = e.samples;
        if (e.status !== 'epoch') return;
        ran.add(e.backend);
        epochEnds.push(tf.memory().numTensors);
        samplesPerSec.push(e.samplesPerSec);
      },
    });
    ran.add(fit.backend).add(String(currentBackend()));
    if (fit.trainer !== trainer) throw new Error(`asked for trainer ${trainer}, ${fit.trainer} trained`);
    afterFit = tf.memory().numTensors;
    if (r.evaluate && !keep) {
      const f = await sampledFigures(model, split);
      quality = { seconds: fit.seconds, hr10: f.hr10, ndcg10: f.ndcg10 };
    }
  } finally {
    model.dispose();
  }
  if (ran.size !== 1 || !ran.has(r.backend))
    throw new BackendUnavailableError(r.backend, [...ran], `tfjs ran on ${[...ran].join(', ')}`);
  const a = report.adapterInfo;
  const adapter =
    a &&
    [a.vendor, a.architecture, a.description, a.isFallbackAdapter ? '(fallback adapter)' : '']
      .filter(Boolean)
      .join(' ');
  const tensors = { before, epochEnds, afterFit, afterDispose: tf.memory().numTensors };
  return {
    backend: report.backend,
    trainer,
    adapter,
    users,
    totalUsers: positives.nRows,
    steps,
    rows,
    fullRows,
    samplesPerSec,
    tensors,
    ...(quality ? { quality } : {}),
  };
}

/**
 * Users in id order whose positives add up to at most `target`, skipping any that would overflow, so
 * the last mini-batch is (nearly) full; a mask by user.
 */
function usersFilling(
  indptr: ArrayLike<number>,
  target: number,
): { mask: Uint8Array; users: number; positives: number } {
  const mask = new Uint8Array(indptr.length - 1);
  let positives = 0;
  let users = 0;
  for (let u = 0; u < mask.length && positives < target; u++) {
    const deg = indptr[u + 1] - indptr[u];
    if (deg > 0 && positives + deg <= target) {
      mask[u] = 1;
      positives += deg;
      users++;
    }
  }
  return { mask, users, positives };
}

/** {@link ncfSpeed} in a fresh dedicated module worker (terminated afterwards). */
export async function workerNcfSpeed(request: NcfSpeedRequest): Promise<NcfSpeed> {
  const worker = new Worker(new URL('../workers/ncf-bench.worker.ts', import.meta.url), { type: 'module' });
  try {
    return await wrap<NcfSpeedWorker>(worker).ncfSpeed(request);
  } finally {
    worker.terminate();
  }
}
