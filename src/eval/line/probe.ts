/**
 * Node classification with the regularisation chosen inside each training split: for every random
 * split (the same splits as `nodeClassificationF1`), k-fold cross-validation on the training nodes
 * alone picks the L2 strength from a grid, then one-vs-rest logistic regression is refitted on all
 * training nodes and scored on the test nodes. Test labels never inform the choice (nested CV, as
 * scikit-learn's LogisticRegressionCV); the best λ differs by an order of magnitude between graphs.
 */
import { Rng } from '../../data/rng.ts';
import { InvalidArgumentError } from '../../errors.ts';
import { fitOneVsRest } from '../logistic.ts';
import { macroF1, microF1 } from '../metrics/classification.ts';

/** Options of {@link nodeClassificationCv}. */
export interface CvProbeOptions {
  trainRatio: number;
  seed: number;
  /** Random splits (default 10). */
  repeats?: number;
  /** Candidate L2 strengths (default 1, 10, 100, 1000). */
  grid?: number[];
  /** Folds of the inner cross-validation (default 3). */
  folds?: number;
}

/** Mean F1 over the splits, and the λ each split chose. */
export interface CvProbeResult {
  microF1: number;
  macroF1: number;
  chosenL2: number[];
}

const rows = (emb: Float32Array, dim: number, nodes: ArrayLike<number>): Float64Array => {
  const out = new Float64Array(nodes.length * dim);
  for (let i = 0; i < nodes.length; i++) out.set(emb.subarray(nodes[i] * dim, (nodes[i] + 1) * dim), i * dim);
  return out;
};

function fitScore(
  emb: Float32Array,
  dim: number,
  labels: Int32Array,
  train: ArrayLike<number>,
  test: ArrayLike<number>,
  l2: number,
): { micro: number; macro: number } {
  const model = fitOneVsRest(
    rows(emb, dim, train),
    dim,
    Array.from(train, (v) => labels[v]),
    { l2 },
  );
  const truth = Array.from(test, (v) => labels[v]);
  const predicted = model.predict(rows(emb, dim, test));
  return { micro: microF1(truth, predicted), macro: macroF1(truth, predicted) };
}

/**
 * The largest grid value whose mean inner-fold Micro-F1 is within one standard error of the best
 * (the "one-standard-error rule"): with a few dozen training nodes the fold scores are noisy, and
 * among equally good fits the more regularised one generalises better.
 */
function chooseL2(
  emb: Float32Array,
  dim: number,
  labels: Int32Array,
  train: Int32Array,
  grid: number[],
  folds: number,
): number {
  const stats = grid.map((l2) => {
    const scores: number[] = [];
    for (let f = 0; f < folds; f++) {
      const inner = train.filter((_, i) => i % folds !== f);
      const held = train.filter((_, i) => i % folds === f);
      scores.push(fitScore(emb, dim, labels, inner, held, l2).micro);
    }
    const mean = scores.reduce((a, b) => a + b, 0) / folds;
    const se = Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / (folds - 1) / folds);
    return { l2, mean, se };
  });
  const best = stats.reduce((a, b) => (b.mean > a.mean ? b : a));
  return stats.reduce((l2, s) => (s.mean >= best.mean - best.se ? Math.max(l2, s.l2) : l2), -Infinity);
}

/**
 * Micro/Macro-F1 of embeddings (`labels.length × dim`) with λ picked per split by inner CV.
 * @example nodeClassificationCv(emb, 128, graph.classes, { trainRatio: 0.5, seed: 1 })
 */
export function nodeClassificationCv(
  emb: Float32Array,
  dim: number,
  labels: Int32Array,
  opts: CvProbeOptions,
): CvProbeResult {
  const { trainRatio, seed, repeats = 10, grid = [1, 10, 100, 1000], folds = 5 } = opts;
  if (emb.length !== labels.length * dim)
    throw new InvalidArgumentError(`nodeClassificationCv: ${emb.length} values for ${labels.length} nodes × ${dim}`);
  const labelled = Int32Array.from(labels.keys()).filter((v) => labels[v] >= 0);
  if (labelled.length < 2 * folds)
    throw new InvalidArgumentError(`nodeClassificationCv: ${labelled.length} labelled nodes is too few`);
  const root = new Rng(seed);
  let micro = 0,
    macro = 0;
  const chosenL2: number[] = [];
  for (let r = 0; r < repeats; r++) {
    // The split of nodeClassificationF1 ('plain'), so figures are comparable split for split.
    const order = root.fork(`split-${r}`).shuffle(Int32Array.from(labelled));
    const nTrain = Math.min(order.length - 1, Math.max(1, Math.round(order.length * trainRatio)));
    const train = order.subarray(0, nTrain),
      test = order.subarray(nTrain);
    const l2 = chooseL2(emb, dim, labels, train, grid, folds);
    const s = fitScore(emb, dim, labels, train, test, l2);
    micro += s.micro;
    macro += s.macro;
    chosenL2.push(l2);
  }
  return { microF1: micro / repeats, macroF1: macro / repeats, chosenL2 };
}
