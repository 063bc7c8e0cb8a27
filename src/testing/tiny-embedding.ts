/**
 * A tiny matrix-factorisation model on a known-answer problem (the checkerboard: even users like even
 * items, odd like odd). Backend-agnostic: it uses whatever backend tfjs runs, so the same code checks
 * training on webgpu, wasm and cpu, in a page, a worker or Node. Uses tf.gather embeddings (gradient:
 * UnsortedSegmentSum), Adam, and sigmoid cross-entropy written with softplus.
 */
import * as tf from '@tensorflow/tfjs-core';

/** Options of the tiny model; all have small defaults. */
export interface TinyEmbeddingOptions {
  readonly users?: number;
  readonly items?: number;
  readonly dim?: number;
  readonly learningRate?: number;
  /** Seed of the initial embeddings (tfjs draws them in JS, so every backend starts alike). */
  readonly seed?: number;
}

/** One trainable instance: `step()` runs one full-batch Adam step and returns its loss tensor. */
export interface TinyEmbedding {
  step(): tf.Scalar;
  dispose(): void;
}

/** What `trainTinyEmbedding` returns. */
export interface TinyEmbeddingResult {
  /** The backend tfjs ran on. */
  readonly backend: string;
  /** Loss before each step's update, one per step. */
  readonly losses: number[];
  /** `tf.memory().numTensors` after each step; flat from step 2 (Adam makes its slots in step 1). */
  readonly numTensors: number[];
}

/** All (user, item) pairs with label 1 when user and item have the same parity. */
export function checkerboard(users: number, items: number): { u: Int32Array; i: Int32Array; y: Float32Array } {
  const n = users * items;
  const u = new Int32Array(n);
  const i = new Int32Array(n);
  const y = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    u[k] = Math.floor(k / items);
    i[k] = k % items;
    y[k] = u[k] % 2 === i[k] % 2 ? 1 : 0;
  }
  return { u, i, y };
}

/** Mean sigmoid cross-entropy from logits: softplus(z) − y·z (tf.logSigmoid's gradient is broken). */
export function sigmoidCrossEntropy(labels: tf.Tensor, logits: tf.Tensor): tf.Scalar {
  return tf.mean(tf.sub(tf.softplus(logits), tf.mul(labels, logits)));
}

/** Builds the model's variables and data on the current backend. */
export function createTinyEmbedding(options: TinyEmbeddingOptions = {}): TinyEmbedding {
  const { users = 16, items = 16, dim = 4, learningRate = 0.1, seed = 7 } = options;
  const data = checkerboard(users, items);
  const uIdx = tf.tensor1d(data.u, 'int32');
  const iIdx = tf.tensor1d(data.i, 'int32');
  const y = tf.tensor1d(data.y, 'float32');
  const userEmb = tf.tidy(() => tf.variable(tf.randomNormal([users, dim], 0, 0.1, 'float32', seed)));
  const itemEmb = tf.tidy(() => tf.variable(tf.randomNormal([items, dim], 0, 0.1, 'float32', seed + 1)));
  const optimizer = tf.train.adam(learningRate);
  const loss = (): tf.Scalar => {
    const logits = tf.sum(tf.mul(tf.gather(userEmb, uIdx), tf.gather(itemEmb, iIdx)), 1);
    return sigmoidCrossEntropy(y, logits);
  };
  return {
    step: () => optimizer.minimize(loss, true, [userEmb, itemEmb]) as tf.Scalar,
    dispose: () => {
      optimizer.dispose();
      tf.dispose([uIdx, iIdx, y, userEmb, itemEmb]);
    },
  };
}

/** Trains a fresh tiny model for `steps` full-batch steps and disposes everything it made. */
export async function trainTinyEmbedding(
  steps: number,
  options: TinyEmbeddingOptions = {},
): Promise<TinyEmbeddingResult> {
  const model = createTinyEmbedding(options);
  const losses: number[] = [];
  const numTensors: number[] = [];
  try {
    for (let s = 0; s < steps; s++) {
      const cost = model.step();
      losses.push((await cost.data())[0]);
      cost.dispose();
      numTensors.push(tf.memory().numTensors);
    }
  } finally {
    model.dispose();
  }
  return { backend: tf.getBackend(), losses, numTensors };
}
