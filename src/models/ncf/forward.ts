/**
 * The NCF forward passes. Training: logits of a batch of (user, item) rows and the squared norms of the
 * parameter rows they touched (for L2). Inference: every item's score for a few users at once, with the
 * MLP's first layer split into a user part and an item part so the concatenation is never built for
 * users × items pairs.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { NcfSettings } from './config.ts';
import type { FlatRows } from './flat-rows.ts';
import type { SeedBatch } from './seed-batch.ts';

type Vars = Record<string, tf.Tensor>;

/** A flattened sparse selection on the device (see `FlatRows`). */
export interface DeviceRows {
  idx: tf.Tensor1D;
  seg: tf.Tensor1D;
  w: tf.Tensor1D;
  count: tf.Tensor1D;
  n: number;
}

/** The seed inputs of a batch on the device. */
export interface DeviceSeed {
  learners: DeviceRows;
  courses: DeviceRows;
  rowUser: tf.Tensor1D;
  rowItem: tf.Tensor1D;
  inHist: tf.Tensor1D;
}

/**
 * A training batch on the device. Every input tensor is made before the gradient tape runs: tensors
 * a custom gradient closes over must outlive the forward pass's tidy.
 */
export interface DeviceBatch {
  users: tf.Tensor1D;
  items: tf.Tensor1D;
  seed?: DeviceSeed;
  /** Each row's time-context feature (when `timeWindowDays` > 0). */
  context?: tf.Tensor1D;
}

/** `f` on the device (call inside `tf.tidy`). */
export function deviceRows(f: FlatRows): DeviceRows {
  return {
    idx: tf.tensor1d(f.idx, 'int32'),
    seg: tf.tensor1d(f.seg, 'int32'),
    w: tf.tensor1d(f.w),
    count: tf.tensor1d(f.count),
    n: f.n,
  };
}

/** `b` on the device (call inside `tf.tidy`). */
export function deviceSeed(b: SeedBatch): DeviceSeed {
  return {
    learners: deviceRows(b.learners),
    courses: deviceRows(b.courses),
    rowUser: tf.tensor1d(b.rowUser, 'int32'),
    rowItem: tf.tensor1d(b.rowItem, 'int32'),
    inHist: tf.tensor1d(b.inHist),
  };
}

/** Logits of the batch's rows and the L2 term (sum of squares of what they touched); inside a tape. */
export function trainLogits(s: NcfSettings, v: Vars, b: DeviceBatch): { logits: tf.Tensor1D; reg: tf.Scalar } {
  const squares: tf.Tensor[] = [];
  const rowsOf = (table: string, ids: tf.Tensor1D) => {
    const r = lookup(v[table], ids);
    squares.push(tf.sum(tf.square(r)));
    return r;
  };
  const parts: tf.Tensor2D[] = [];
  if (s.arch === 'seed') {
    const sb = b.seed as DeviceSeed;
    const sums = segmentSum(v.learner, sb.learners);
    const self = tf.mul(lookup(v.learner, b.items), tf.expandDims(sb.inHist, 1));
    // The row's own item leaves the learner's sum (FISM): otherwise the model learns "you watched it".
    const n = tf.maximum(tf.sub(tf.gather(sb.learners.count, sb.rowUser), sb.inHist), 1);
    const u = tf.mul(tf.sub(lookup(sums, sb.rowUser), self), tf.expandDims(tf.rsqrt(n), 1));
    const c = lookup(segmentSum(v.course, sb.courses), sb.rowItem);
    squares.push(tf.sum(tf.square(u)), tf.sum(tf.square(c)));
    parts.push(tf.mul(u, c) as tf.Tensor2D);
  }
  if (v.gmfUser) parts.push(tf.mul(rowsOf('gmfUser', b.users), rowsOf('gmfItem', b.items)) as tf.Tensor2D);
  if (v.mlpUser) {
    let a: tf.Tensor = tf.concat([rowsOf('mlpUser', b.users), rowsOf('mlpItem', b.items)], 1);
    for (let l = 1; l < s.layers.length; l++) {
      a = tf.relu(tf.add(tf.matMul(a, v[`w${l}`]), v[`b${l}`]));
      squares.push(tf.sum(tf.square(v[`w${l}`])));
    }
    parts.push(a as tf.Tensor2D);
  }
  const x = parts.length === 1 ? parts[0] : tf.concat(parts, 1);
  let logits = tf.add(
    tf.squeeze(tf.matMul(x, tf.reshape(v.h, [-1, 1])), [1]),
    rowsOf('itemBias', b.items),
  ) as tf.Tensor1D;
  if (v.timeW && b.context) {
    logits = tf.add(logits, tf.mul(b.context, v.timeW));
  }
  return { logits, reg: tf.addN(squares) as tf.Scalar };
}

/** Σ w · table[idx] per segment: the embedding of each selected sparse row. */
export function segmentSum(table: tf.Tensor, f: DeviceRows): tf.Tensor2D {
  const rows = tf.mul(lookup(table, f.idx), tf.expandDims(f.w, 1));
  return tf.unsortedSegmentSum(rows, f.seg, f.n) as tf.Tensor2D;
}

/** Scores [users.length, nItems] for id architectures; call inside `tf.tidy`. */
export function scoreIdUsers(s: NcfSettings, v: Vars, users: Int32Array): tf.Tensor2D {
  const ids = tf.tensor1d(users, 'int32');
  const h = v.h;
  let out = tf.reshape(v.itemBias, [1, -1]) as tf.Tensor2D;
  let offset = 0;
  if (v.gmfUser) {
    const hg = tf.slice(h, [0], [s.dim]);
    out = tf.add(out, tf.matMul(tf.mul(tf.gather(v.gmfUser, ids), hg), v.gmfItem, false, true));
    offset = s.dim;
  }
  if (v.mlpUser) {
    const hm = tf.slice(h, [offset], [h.shape[0] - offset]);
    out = tf.add(out, mlpScores(s, v, tf.gather(v.mlpUser, ids) as tf.Tensor2D, hm));
  }
  return out;
}

/** The MLP tower's contribution for each (user row, item) pair: [users, nItems]. */
function mlpScores(s: NcfSettings, v: Vars, pu: tf.Tensor2D, hm: tf.Tensor): tf.Tensor2D {
  const e = s.layers[0] / 2;
  const qi = v.mlpItem as tf.Tensor2D;
  const nU = pu.shape[0];
  const nI = qi.shape[0];
  if (s.layers.length === 1) {
    const su = tf.matMul(pu, tf.reshape(tf.slice(hm, [0], [e]), [-1, 1]));
    const si = tf.matMul(qi, tf.reshape(tf.slice(hm, [e], [e]), [-1, 1]));
    return tf.add(su, tf.reshape(si, [1, -1]));
  }
  const w1 = v.w1;
  const h1 = s.layers[1];
  const au = tf.matMul(pu, tf.slice(w1, [0, 0], [e, h1]));
  const ai = tf.matMul(qi, tf.slice(w1, [e, 0], [e, h1]));
  let a: tf.Tensor = tf.relu(tf.add(tf.add(tf.reshape(au, [nU, 1, h1]), tf.reshape(ai, [1, nI, h1])), v.b1));
  a = tf.reshape(a, [nU * nI, h1]);
  for (let l = 2; l < s.layers.length; l++) a = tf.relu(tf.add(tf.matMul(a, v[`w${l}`]), v[`b${l}`]));
  return tf.reshape(tf.matMul(a, tf.reshape(hm, [-1, 1])), [nU, nI]);
}

/** Rows padded to the widest one (weight 0 past a row's end): `idx` and `w` are [n, width], row-major. */
export interface PaddedRows {
  idx: Int32Array;
  w: Float32Array;
  count: Float32Array;
  width: number;
  n: number;
}

/** `f` padded (its segments contiguous, as `flatRows` makes them). */
export function padRows(f: FlatRows): PaddedRows {
  let width = 0;
  for (let r = 0; r < f.n; r++) width = Math.max(width, f.count[r]);
  const idx = new Int32Array(f.n * width);
  const w = new Float32Array(f.n * width);
  for (let i = 0, r = -1, start = 0; i < f.idx.length; i++) {
    if (f.seg[i] !== r) (r = f.seg[i]), (start = i);
    idx[r * width + i - start] = f.idx[i];
    w[r * width + i - start] = f.w[i];
  }
  return { idx, w, count: f.count, width, n: f.n };
}

/**
 * Σ w · table[idx] per row, in a fixed order: gathered [n, width, d] and reduced along the width.
 * Scores must be reproducible bit for bit (a saved and reloaded model ranks exactly alike), and
 * WebGPU's UnsortedSegmentSum adds with float atomics, in whatever order the threads arrive. Training
 * keeps the segment sum (its gradient scatters with atomics anyway).
 */
export function orderedRowSum(table: tf.Tensor2D, p: PaddedRows): tf.Tensor2D {
  if (p.width === 0) return tf.zeros([p.n, table.shape[1]]);
  const rows = tf.reshape(tf.gather(table, tf.tensor1d(p.idx, 'int32')), [p.n, p.width, table.shape[1]]);
  return tf.sum(tf.mul(rows, tf.tensor3d(p.w, [p.n, p.width, 1])), 1) as tf.Tensor2D;
}

/** Scores [learners.n, nItems] for the seed variant (every course's rows padded once, by the model); inside `tf.tidy`. */
export function scoreSeedUsers(v: Vars, learners: FlatRows, allCourses: PaddedRows): tf.Tensor2D {
  const norm = tf.expandDims(tf.rsqrt(tf.maximum(tf.tensor1d(learners.count), 1)), 1);
  const u = tf.mul(orderedRowSum(v.learner as tf.Tensor2D, padRows(learners)), norm);
  const c = orderedRowSum(v.course as tf.Tensor2D, allCourses);
  return tf.add(tf.matMul(tf.mul(u, v.h), c, false, true), tf.reshape(v.itemBias, [1, -1]));
}

/** `scores` plus the time context's term for the same [users, nItems] pairs; inside `tf.tidy`. */
export function withContext(v: Vars, scores: tf.Tensor2D, context: Float32Array | null): tf.Tensor2D {
  if (!v.timeW || !context) return scores;
  return tf.add(scores, tf.mul(tf.tensor2d(context, scores.shape), v.timeW));
}

/**
 * `tf.gather(table, ids)` whose gradient is the scatter-add alone (as MF's lookup): tfjs' GatherV2
 * gradient adds two transposes of the whole table.
 */
export function lookup(table: tf.Tensor, ids: tf.Tensor1D): tf.Tensor2D {
  const embeddingLookup = (...inputs: (tf.Tensor | tf.GradSaveFunc)[]) => ({
    value: tf.gather(inputs[0] as tf.Tensor, ids),
    gradFunc: (dy: tf.Tensor) => tf.unsortedSegmentSum(dy, ids, table.shape[0]),
  });
  return tf.customGrad(embeddingLookup)(table) as tf.Tensor2D;
}
