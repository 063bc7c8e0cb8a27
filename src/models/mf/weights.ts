/**
 * The MF parameters as tfjs variables: user and item embeddings plus per-user and per-item biases.
 * A score is `<u, i> + b_u + b_i`; the same function serves training, `score` and `recommend`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '../../data/index.ts';
import { readAll } from '../shared/adam.ts';
import { scorePairsByUser } from '../shared/pair-scores.ts';

/** Names of the weight tensors, in a fixed order (the optimiser's slots follow it). */
export const WEIGHT_NAMES = ['userEmb', 'itemEmb', 'userBias', 'itemBias'] as const;
/** One weight's name. */
export type WeightName = (typeof WEIGHT_NAMES)[number];

/** Host copies of the weights (what a state holds). */
export type WeightArrays = Record<WeightName, Float32Array>;

/** The model's variables. */
export class MfWeights {
  private constructor(
    readonly vars: Record<WeightName, tf.Variable>,
    readonly nUsers: number,
    readonly nItems: number,
    readonly dim: number,
  ) {}

  /** Seeded initial weights drawn in JS, so every backend starts from the same numbers. */
  static init(nUsers: number, nItems: number, dim: number, std: number, seed: number): MfWeights {
    const rng = new Rng(seed).fork('init');
    const normal = (n: number) => Float32Array.from({ length: n }, () => rng.normal() * std);
    return MfWeights.fromArrays(
      {
        userEmb: normal(nUsers * dim),
        itemEmb: normal(nItems * dim),
        userBias: new Float32Array(nUsers),
        itemBias: new Float32Array(nItems),
      },
      nUsers,
      nItems,
      dim,
    );
  }

  /** Variables holding copies of `arrays` (the caller keeps its arrays). */
  static fromArrays(arrays: WeightArrays, nUsers: number, nItems: number, dim: number): MfWeights {
    const shapes = weightShapes(nUsers, nItems, dim);
    const make = (name: WeightName) => tf.variable(tf.tensor(arrays[name].slice(), shapes[name], 'float32'), true);
    const vars = tf.tidy(() => ({
      userEmb: make('userEmb'),
      itemEmb: make('itemEmb'),
      userBias: make('userBias'),
      itemBias: make('itemBias'),
    }));
    return new MfWeights(vars, nUsers, nItems, dim);
  }

  /** Logits of (users[k], items[k]) pairs and the embedding rows they used; call inside `tf.tidy`. */
  forward(users: tf.Tensor1D, items: tf.Tensor1D): { logits: tf.Tensor1D; u: tf.Tensor2D; i: tf.Tensor2D } {
    const { userEmb, itemEmb, userBias, itemBias } = this.vars;
    const u = lookup(userEmb, users) as tf.Tensor2D;
    const i = lookup(itemEmb, items) as tf.Tensor2D;
    const dot = tf.sum(tf.mul(u, i), 1);
    return { logits: tf.add(tf.add(dot, lookup(userBias, users)), lookup(itemBias, items)), u, i };
  }

  /**
   * Scores of (users[k], items[k]) pairs, read back to the host. Each distinct user's row is scored
   * against the whole catalogue with one matrix product (a gather per pair is ~50× slower), in chunks
   * of users so the product never holds more than ~4M floats; `recommend` uses the same path, so a
   * pair scores bit-identically either way.
   */
  async score(users: Int32Array, items: Int32Array): Promise<Float32Array> {
    return scorePairsByUser(users, items, this.vars.itemEmb.shape[0], (group) => this.scoreUsers(group));
  }

  /** Every item's score for each of `users`: row-major [users.length, nItems]. */
  async scoreUsers(users: Int32Array): Promise<Float32Array> {
    const t = tf.tidy(() => {
      const ids = tf.tensor1d(users, 'int32');
      const { userEmb, itemEmb, userBias, itemBias } = this.vars;
      const dots = tf.matMul(tf.gather(userEmb, ids), itemEmb, false, true);
      return tf.add(tf.add(dots, tf.reshape(tf.gather(userBias, ids), [-1, 1])), tf.reshape(itemBias, [1, -1]));
    });
    try {
      return (await t.data()) as Float32Array;
    } finally {
      t.dispose();
    }
  }

  /** Dot products of `item` with every item and every item's squared norm (for cosine similarity). */
  async itemDots(item: number): Promise<{ dots: Float32Array; norms2: Float32Array }> {
    const [dots, norms2] = tf.tidy(() => {
      const e = this.vars.itemEmb;
      const row = tf.gather(e, tf.tensor1d([item], 'int32'));
      return [tf.sum(tf.mul(e, row), 1), tf.sum(tf.mul(e, e), 1)];
    });
    try {
      return { dots: (await dots.data()) as Float32Array, norms2: (await norms2.data()) as Float32Array };
    } finally {
      tf.dispose([dots, norms2]);
    }
  }

  /**
   * Host copies of every weight (own buffers, safe to transfer). All reads are issued before the first
   * await, so a training step cannot land between them: the copies belong to one step.
   */
  toArrays(): Promise<WeightArrays> {
    return readAll(this.vars, WEIGHT_NAMES);
  }

  /** The variables in {@link WEIGHT_NAMES} order. */
  list(): tf.Variable[] {
    return WEIGHT_NAMES.map((n) => this.vars[n]);
  }

  dispose(): void {
    tf.dispose(this.list());
  }
}

/**
 * `tf.gather(table, ids)` whose gradient is the scatter-add alone. tfjs' own GatherV2 gradient wraps
 * it in two identity transposes of the whole table, which cost more than the rest of a cpu step.
 */
function lookup(table: tf.Tensor, ids: tf.Tensor1D): tf.Tensor {
  const embeddingLookup = (...inputs: (tf.Tensor | tf.GradSaveFunc)[]) => ({
    value: tf.gather(inputs[0] as tf.Tensor, ids),
    gradFunc: (dy: tf.Tensor) => tf.unsortedSegmentSum(dy, ids, table.shape[0]),
  });
  return tf.customGrad(embeddingLookup)(table);
}

/** Shape of each weight tensor. */
export function weightShapes(nUsers: number, nItems: number, dim: number): Record<WeightName, number[]> {
  return { userEmb: [nUsers, dim], itemEmb: [nItems, dim], userBias: [nUsers], itemBias: [nItems] };
}
