/**
 * The speed probe's measurement: one backend runs a training step shaped like MF / NCF training (two
 * embedding gathers, a row-wise dot, logistic loss, the gathers' scatter-add gradients and a dense Adam
 * update of both tables) for a short time budget, after one untimed step that compiles its kernels.
 */
import * as tf from '@tensorflow/tfjs-core';
import { message } from './probes.ts';
import { isSoftwareRenderer } from './probe-choice.ts';
import { MODEL_KERNELS, requiredKernels } from './preflight.ts';
import { initBackend } from './select.ts';
import type { LoadOptions } from './loaders.ts';
import type { BackendName, BackendSpeed } from './types.ts';

/** The step's sizes: MovieLens-small-like tables, a mini-batch of positives and sampled negatives. */
export const PROBE_SHAPE = Object.freeze({ users: 1024, items: 8192, dim: 32, rows: 2048 });

/** Options of {@link measureTrainingStep}. */
export interface MeasureOptions extends LoadOptions {
  /** Timed milliseconds after the compile step (default 250). */
  readonly budgetMs?: number;
  /**
   * Milliseconds from the compile step on after which the backend is given up on (default: budget +
   * 350 for a software GPU, budget + 3000 otherwise, since a real GPU's first compile can take a while).
   */
  readonly limitMs?: number;
  /** Timed steps at most (default 100). */
  readonly maxSteps?: number;
  /** Clock in ms (default `performance.now`). */
  readonly now?: () => number;
}

const TIMED_OUT = Symbol('timed out');

/**
 * Starts `name` and measures training steps per second on it; never throws (a backend that cannot
 * start or run is reported with `stepsPerSec: null` and the error). Leaves tfjs on `name` when it ran.
 * @example const speed = await measureTrainingStep('wasm'); // { backend: 'wasm', stepsPerSec: 60, … }
 */
export async function measureTrainingStep(name: BackendName, options: MeasureOptions = {}): Promise<BackendSpeed> {
  const now = options.now ?? (() => performance.now());
  let device = '';
  let software = false;
  try {
    const report = await initBackend(name, {
      wasmPaths: options.wasmPaths,
      requiredKernels: requiredKernels(MODEL_KERNELS.embedding),
    });
    const adapter = report.adapterInfo;
    if (adapter) {
      device = [adapter.vendor, adapter.architecture, adapter.device].filter(Boolean).join(' ');
      software = adapter.isFallbackAdapter || isSoftwareRenderer(`${device} ${adapter.description}`);
    } else if (name === 'webgl') {
      device = webglRenderer();
      software = isSoftwareRenderer(device);
    } else if (name === 'wasm') {
      device = tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? 'SIMD' : '';
    }
    const budgetMs = options.budgetMs ?? 250;
    const limitMs = options.limitMs ?? budgetMs + (software ? 350 : 3000);
    const timed = await timeSteps(budgetMs, limitMs, options.maxSteps ?? 100, now);
    return { backend: name, ...timed, software, device, error: null };
  } catch (err) {
    return { backend: name, stepsPerSec: null, atMost: false, software, device, error: `failed: ${message(err)}` };
  }
}

/**
 * Runs one untimed step, then steps until the budget is spent. A step still running at `limitMs` is
 * abandoned (its tensors are freed when it ends) and the rate reported as an upper bound.
 */
async function timeSteps(
  budgetMs: number,
  limitMs: number,
  maxSteps: number,
  now: () => number,
): Promise<{ stepsPerSec: number; atMost: boolean }> {
  const { users, items, dim, rows } = PROBE_SHAPE;
  const seed = 7;
  const userEmb = tf.variable(tf.randomNormal([users, dim], 0, 0.1, 'float32', seed));
  const itemEmb = tf.variable(tf.randomNormal([items, dim], 0, 0.1, 'float32', seed + 1));
  const u = tf.tidy(() => tf.cast(tf.randomUniform([rows], 0, users, 'float32', seed + 2), 'int32'));
  const i = tf.tidy(() => tf.cast(tf.randomUniform([rows], 0, items, 'float32', seed + 3), 'int32'));
  const labels = tf.tidy(() =>
    tf.cast(tf.greater(tf.randomUniform([rows], 0, 1, 'float32', seed + 4), 0.8), 'float32'),
  );
  const adam = tf.train.adam(0.01);
  const free = (): void => {
    adam.dispose();
    tf.dispose([userEmb, itemEmb, u, i, labels]);
  };
  const step = async (): Promise<void> => {
    const loss = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => {
        const logits = tf.sum(tf.mul(tf.gather(userEmb, u), tf.gather(itemEmb, i)), 1);
        // softplus(z) − y·z: sigmoid cross-entropy as the models write it.
        return tf.mean(tf.sub(tf.softplus(logits), tf.mul(labels, logits)));
      }, [userEmb, itemEmb]);
      adam.applyGradients(Object.entries(grads).map(([name, tensor]) => ({ name, tensor })));
      return value;
    });
    try {
      await loss.data(); // waits for this step's work (GPU queues run in order)
    } finally {
      loss.dispose();
    }
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), limitMs);
  });
  let pending: Promise<void> | null = null;
  try {
    pending = step(); // compiles shaders / pipelines: not timed
    if ((await Promise.race([pending, deadline])) === TIMED_OUT) return { stepsPerSec: 1000 / limitMs, atMost: true };
    const start = now();
    let steps = 0;
    while (steps < maxSteps && (steps === 0 || now() - start < budgetMs)) {
      pending = step();
      if ((await Promise.race([pending, deadline])) === TIMED_OUT) break;
      pending = null;
      steps++;
    }
    const seconds = Math.max(now() - start, 1e-3) / 1000;
    return steps > 0 ? { stepsPerSec: steps / seconds, atMost: false } : { stepsPerSec: 1 / seconds, atMost: true };
  } finally {
    clearTimeout(timer);
    if (pending) void pending.then(free, free);
    else free();
  }
}

/** The running webgl backend's renderer string ('' when it hides it). */
function webglRenderer(): string {
  try {
    const backend = tf.backend() as unknown as { gpgpu?: { gl?: WebGL2RenderingContext } };
    const gl = backend.gpgpu?.gl;
    if (!gl) return '';
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    return String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
  } catch {
    return '';
  }
}
