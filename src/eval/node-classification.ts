/**
 * Node classification, the standard embedding probe of DeepWalk and LINE: train a one-vs-rest logistic
 * regression on a random `trainRatio` of the labelled nodes' embeddings, test on the rest, and average
 * micro / macro F1 over repeated random splits.
 */
import { InvalidArgumentError } from '../errors.ts';
import { Rng } from '../data/rng.ts';
import { macroF1, microF1 } from './metrics/classification.ts';
import { fitOneVsRest, type LogisticOptions } from './logistic.ts';
import { assertPositiveInt } from './validate.ts';

/** Options of {@link nodeClassificationF1}. */
export interface NodeClassificationOptions extends LogisticOptions {
  /** Fraction of the labelled nodes used for training, in (0, 1). */
  trainRatio: number;
  /** Random splits to average over; default 10. */
  repeats?: number;
  /** Seed of the splits; the same seed gives the same figures. */
  seed: number;
  /**
   * `'plain'` (default, the DeepWalk/LINE protocol) shuffles all labelled nodes; `'stratified'` takes
   * `trainRatio` of every class (at least one node to each side when a class has two or more).
   */
  split?: 'plain' | 'stratified';
}

/** Mean and sample standard deviation (n − 1; 0 for one repeat) of F1 over the repeats. */
export interface NodeClassificationResult {
  microF1: number;
  macroF1: number;
  microStd: number;
  macroStd: number;
}

/**
 * Scores node embeddings (`labels.length × dim`, row-major) by how well a linear classifier recovers the
 * node labels; `labels[i] = -1` marks an unlabelled node, which is skipped.
 * @example nodeClassificationF1(emb, 128, labels, { trainRatio: 0.5, seed: 1 }) // { microF1: 0.71, … }
 */
export function nodeClassificationF1(
  embeddings: Float32Array,
  dim: number,
  labels: Int32Array,
  opts: NodeClassificationOptions,
): NodeClassificationResult {
  const { trainRatio, repeats = 10, seed, split = 'plain', ...logistic } = opts;
  assertPositiveInt(dim, 'nodeClassificationF1: dim');
  assertPositiveInt(repeats, 'nodeClassificationF1: repeats');
  if (embeddings.length !== labels.length * dim) {
    throw new InvalidArgumentError(
      `nodeClassificationF1: ${embeddings.length} values for ${labels.length} nodes × ${dim}`,
    );
  }
  if (!(trainRatio > 0 && trainRatio < 1))
    throw new InvalidArgumentError(`nodeClassificationF1: trainRatio ${trainRatio} not in (0, 1)`);
  const labelled = labelledNodes(labels);
  if (labelled.length < 2) throw new InvalidArgumentError('nodeClassificationF1: needs at least 2 labelled nodes');
  const micro: number[] = [];
  const macro: number[] = [];
  const root = new Rng(seed);
  for (let r = 0; r < repeats; r++) {
    const rng = root.fork(`split-${r}`);
    const { train, test } =
      split === 'stratified'
        ? stratifiedSplit(labelled, labels, trainRatio, rng)
        : plainSplit(labelled, trainRatio, rng);
    const model = fitOneVsRest(gatherRows(embeddings, dim, train), dim, gatherLabels(labels, train), logistic);
    const truth = gatherLabels(labels, test);
    const predicted = model.predict(gatherRows(embeddings, dim, test));
    micro.push(microF1(truth, predicted));
    macro.push(macroF1(truth, predicted));
  }
  return { microF1: mean(micro), macroF1: mean(macro), microStd: sampleStd(micro), macroStd: sampleStd(macro) };
}

function labelledNodes(labels: Int32Array): Int32Array {
  const out: number[] = [];
  labels.forEach((y, i) => {
    if (y >= 0) out.push(i);
    else if (y !== -1)
      throw new InvalidArgumentError(`nodeClassificationF1: label ${y} of node ${i} (use -1 for unlabelled)`);
  });
  return Int32Array.from(out);
}

/** Training size rounded, but never empty on either side. */
function trainSize(count: number, ratio: number): number {
  return Math.min(count - 1, Math.max(1, Math.round(count * ratio)));
}

function plainSplit(nodes: Int32Array, ratio: number, rng: Rng): { train: Int32Array; test: Int32Array } {
  const order = rng.shuffle(Int32Array.from(nodes));
  const nTrain = trainSize(order.length, ratio);
  return { train: order.subarray(0, nTrain), test: order.subarray(nTrain) };
}

function stratifiedSplit(
  nodes: Int32Array,
  labels: Int32Array,
  ratio: number,
  rng: Rng,
): { train: Int32Array; test: Int32Array } {
  const byClass = new Map<number, number[]>();
  for (const v of nodes) {
    const members = byClass.get(labels[v]);
    if (members) members.push(v);
    else byClass.set(labels[v], [v]);
  }
  const train: number[] = [];
  const test: number[] = [];
  for (const c of [...byClass.keys()].sort((a, b) => a - b)) {
    const members = rng.shuffle(byClass.get(c) ?? []);
    const nTrain = members.length === 1 ? 1 : trainSize(members.length, ratio);
    for (let k = 0; k < members.length; k++) (k < nTrain ? train : test).push(members[k]);
  }
  if (test.length === 0) throw new InvalidArgumentError('nodeClassificationF1: stratified split left no test nodes');
  return { train: Int32Array.from(train), test: Int32Array.from(test) };
}

function gatherRows(embeddings: Float32Array, dim: number, nodes: Int32Array): Float64Array {
  const out = new Float64Array(nodes.length * dim);
  nodes.forEach((v, i) => out.set(embeddings.subarray(v * dim, (v + 1) * dim), i * dim));
  return out;
}

function gatherLabels(labels: Int32Array, nodes: Int32Array): Int32Array {
  return Int32Array.from(nodes, (v) => labels[v]);
}

function mean(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

function sampleStd(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
}
