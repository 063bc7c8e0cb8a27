/**
 * Browser side of `npm run bench -- talent`: LINE CPU speed inside a dedicated module worker, and the
 * WebGPU kernel's speed and quality on whatever adapter the page has (SwiftShader in CI).
 */
import { wrap } from 'comlink';
import { parseGraph } from '../../data/loaders/graph';
import { Rng } from '../../data/rng';
import { embeddingScorer } from '../../eval/link-scorers';
import { holdOutEdges, linkPredictionAuc } from '../../eval/link-prediction';
import { requestLineDevice, trainLineGpu } from './gpu/trainer';
import type { LineSpeed } from './speed';

/** What the bench worker exposes. */
export interface LineSpeedWorker {
  cpuSpeed(url: string, samples: number): Promise<LineSpeed>;
}

/** CPU samples/s of one order in a dedicated worker. */
export async function workerCpuSpeed(url: string, samples: number): Promise<LineSpeed> {
  const worker = new Worker(new URL('../../../workers/line-bench.worker.ts', import.meta.url), { type: 'module' });
  try {
    return await wrap<LineSpeedWorker>(worker).cpuSpeed(url, samples);
  } finally {
    worker.terminate();
  }
}

/** WebGPU samples/s (both orders) and netscience-style link-prediction AUC of the first order, or null without an adapter. */
export async function gpuSpeed(url: string, samples: number): Promise<{ speed: LineSpeed; aucFirst: number; adapter: string } | null> {
  const device = await requestLineDevice();
  if (!device) return null;
  const graph = parseGraph(await (await fetch(url)).text(), { file: url });
  const split = holdOutEdges(graph, 0.1, new Rng(1).fork('holdout'));
  const r = await trainLineGpu(device, { ...split.train, directed: graph.directed }, { samples, seed: 1 }, { onProgress: () => undefined });
  const auc = linkPredictionAuc(embeddingScorer(r.orders[1] as Float32Array, 64), split.positives, split.negatives);
  const info = (device as GPUDevice & { adapterInfo?: GPUAdapterInfo }).adapterInfo;
  device.destroy();
  return { speed: { samples: 2 * samples, seconds: r.seconds, samplesPerSec: (2 * samples) / r.seconds }, aucFirst: auc, adapter: info ? `${info.vendor} ${info.architecture}` : 'unknown' };
}
