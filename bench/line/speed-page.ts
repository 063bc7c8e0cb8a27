/**
 * Browser side of `npm run bench -- talent` and `-- line-gpu`: LINE CPU speed inside a dedicated module
 * worker, and the WebGPU kernels' speed and quality on whatever adapter the page or worker has
 * (SwiftShader in CI: correctness, not speed).
 */
import { wrap } from 'comlink';
import { parseGraph } from '../../src/data/loaders/graph.ts';
import { Rng } from '../../src/data/rng.ts';
import { embeddingScorer } from '../../src/eval/link-scorers.ts';
import { holdOutEdges, linkPredictionAuc } from '../../src/eval/link-prediction.ts';
import type { LineKernelVariant } from '../../src/models/line/gpu/select.ts';
import { requestLineDevice, trainLineGpu } from '../../src/models/line/gpu/trainer.ts';
import type { LineSpeed } from './speed.ts';

/** What the bench worker exposes. */
export interface LineSpeedWorker {
  cpuSpeed(url: string, samples: number): Promise<LineSpeed>;
  /** {@link gpuSpeed} inside the worker (WebGPU is exposed to dedicated workers too). */
  gpuSpeed(url: string, samples: number, variant: LineKernelVariant): Promise<GpuSpeed | null>;
}

/** WebGPU speed of `variant` inside a dedicated module worker. */
export async function workerGpuSpeed(
  url: string,
  samples: number,
  variant: LineKernelVariant = 'auto',
): Promise<GpuSpeed | null> {
  const worker = new Worker(new URL('../workers/line-bench.worker.ts', import.meta.url), { type: 'module' });
  try {
    return await wrap<LineSpeedWorker>(worker).gpuSpeed(url, samples, variant);
  } finally {
    worker.terminate();
  }
}

/** CPU samples/s of one order in a dedicated worker. */
export async function workerCpuSpeed(url: string, samples: number): Promise<LineSpeed> {
  const worker = new Worker(new URL('../workers/line-bench.worker.ts', import.meta.url), { type: 'module' });
  try {
    return await wrap<LineSpeedWorker>(worker).cpuSpeed(url, samples);
  } finally {
    worker.terminate();
  }
}

/** What {@link gpuSpeed} measures. */
export interface GpuSpeed {
  speed: LineSpeed;
  aucFirst: number;
  adapter: string;
  /** The kernel that ran, e.g. `subgroups×4 (add)` or `thread`. */
  kernel: string;
}

/**
 * WebGPU samples/s (both orders) and netscience-style link-prediction AUC of the first order, or null
 * without an adapter. `variant` picks the kernel (default: subgroups where the device has them).
 */
export async function gpuSpeed(
  url: string,
  samples: number,
  variant: LineKernelVariant = 'auto',
): Promise<GpuSpeed | null> {
  const gpu = await requestLineDevice();
  if (!gpu) return null;
  try {
    const graph = parseGraph(await (await fetch(url)).text(), { file: url });
    const split = holdOutEdges(graph, 0.1, new Rng(1).fork('holdout'));
    const r = await trainLineGpu(
      gpu,
      { ...split.train, directed: graph.directed },
      { samples, seed: 1 },
      { onProgress: () => undefined, variant },
    );
    const auc = linkPredictionAuc(embeddingScorer(r.orders[1] as Float32Array, 64), split.positives, split.negatives);
    const kernel = r.kernel.variant === 'thread' ? 'thread' : `subgroups×${r.kernel.lanes} (${r.kernel.reduce})`;
    return {
      speed: { samples: 2 * samples, seconds: r.seconds, samplesPerSec: (2 * samples) / r.seconds },
      aucFirst: auc,
      adapter: `${gpu.info.vendor} ${gpu.info.architecture}`,
      kernel,
    };
  } finally {
    gpu.device.destroy();
  }
}
