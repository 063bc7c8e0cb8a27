/**
 * Classification metrics: ROC AUC, log loss, and micro / macro F1 for single-label multi-class
 * predictions, following scikit-learn's definitions so figures compare with published ones.
 */
import { InvalidArgumentError } from '../../errors.ts';
import { assertBinaryLabels, assertNoNaN, assertNonEmpty, assertSameLength } from '../validate.ts';

/**
 * ROC AUC by the Mann–Whitney U statistic: the probability that a random positive outscores a random
 * negative, ties counting one half. O(n log n) (sort once, average ranks within ties). Throws unless
 * both classes are present (AUC is undefined otherwise, as in scikit-learn).
 * @example
 * ```ts
 * import { auc } from 'linkrec/eval';
 * auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]); // 0.75
 * ```
 */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  assertSameLength(scores, labels, 'auc');
  assertNoNaN(scores, 'auc: scores');
  assertBinaryLabels(labels, 'auc');
  const nPos = countOnes(labels);
  const nNeg = labels.length - nPos;
  if (nPos === 0 || nNeg === 0) throw new InvalidArgumentError('auc: needs both positive and negative labels');
  const order = ascendingOrder(scores);
  let posRankSum = 0;
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && scores[order[end]] === scores[order[start]]) end++;
    const meanRank = (start + 1 + end) / 2; // 1-based ranks start+1 .. end share their mean
    for (let i = start; i < end; i++) if (labels[order[i]] === 1) posRankSum += meanRank;
    start = end;
  }
  return (posRankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

function countOnes(labels: ArrayLike<number>): number {
  let c = 0;
  for (let i = 0; i < labels.length; i++) c += labels[i];
  return c;
}

/** Indices of `xs` by ascending value (explicit comparisons: `Infinity - Infinity` is NaN). */
function ascendingOrder(xs: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(xs.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => (xs[a] < xs[b] ? -1 : xs[a] > xs[b] ? 1 : 0));
}

/**
 * Mean binary cross-entropy, probabilities clipped to `[eps, 1 − eps]` so a confident mistake costs
 * about 34.5 nats instead of Infinity (scikit-learn's historical default eps).
 * @example
 * ```ts
 * import { logLoss } from 'linkrec/eval';
 * logLoss([0.9, 0.2], [1, 0]); // ≈ 0.164
 * ```
 */
export function logLoss(probs: ArrayLike<number>, labels: ArrayLike<number>, eps = 1e-15): number {
  assertSameLength(probs, labels, 'logLoss');
  assertNonEmpty(probs, 'logLoss');
  assertBinaryLabels(labels, 'logLoss');
  if (!(eps >= 0 && eps < 0.5)) throw new InvalidArgumentError(`logLoss: eps ${eps} not in [0, 0.5)`);
  let sum = 0;
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i];
    if (!(p >= 0 && p <= 1)) throw new InvalidArgumentError(`logLoss: probability ${p} at index ${i} not in [0, 1]`);
    const q = Math.min(Math.max(p, eps), 1 - eps);
    sum -= labels[i] === 1 ? Math.log(q) : Math.log(1 - q);
  }
  return sum / probs.length;
}

/** Per-class true positives, false positives and false negatives. */
interface ClassCounts {
  tp: number;
  fp: number;
  fn: number;
}

/** Counts for every class present in the truth or the prediction (scikit-learn's `labels=None`). */
function classCounts(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, what: string): Map<number, ClassCounts> {
  assertSameLength(yTrue, yPred, what);
  assertNonEmpty(yTrue, what);
  const counts = new Map<number, ClassCounts>();
  const get = (c: number): ClassCounts => {
    if (!Number.isInteger(c)) throw new InvalidArgumentError(`${what}: class label ${c} is not an integer`);
    let e = counts.get(c);
    if (!e) counts.set(c, (e = { tp: 0, fp: 0, fn: 0 }));
    return e;
  };
  for (let i = 0; i < yTrue.length; i++) {
    const t = get(yTrue[i]);
    const p = get(yPred[i]);
    if (t === p) t.tp++;
    else {
      t.fn++;
      p.fp++;
    }
  }
  return counts;
}

/** F1 as `2TP / (2TP + FP + FN)`; every counted class has a non-zero denominator. */
function f1(c: ClassCounts): number {
  return (2 * c.tp) / (2 * c.tp + c.fp + c.fn);
}

/**
 * Micro-averaged F1 of single-label predictions: F1 of the pooled TP/FP/FN over all classes. For
 * single-label multi-class data this equals accuracy.
 * @example
 * ```ts
 * import { microF1 } from 'linkrec/eval';
 * microF1([0, 1, 2, 2], [0, 2, 2, 2]); // 0.75
 * ```
 */
export function microF1(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const pooled: ClassCounts = { tp: 0, fp: 0, fn: 0 };
  for (const c of classCounts(yTrue, yPred, 'microF1').values()) {
    pooled.tp += c.tp;
    pooled.fp += c.fp;
    pooled.fn += c.fn;
  }
  return f1(pooled);
}

/**
 * Macro-averaged F1: the unweighted mean of per-class F1 over every class present in the truth **or**
 * the prediction, as scikit-learn's `f1_score(average='macro')` does with `labels=None`. A class only
 * ever predicted (or only ever true) scores F1 = 0 (scikit-learn's `zero_division` result), which
 * pulls the mean down — so predicting a spurious class is penalised.
 * @example
 * ```ts
 * import { macroF1 } from 'linkrec/eval';
 * macroF1([0, 1, 2, 2], [0, 2, 2, 2]); // 0.6: the mean of F1 1, 0 and 0.8
 * ```
 */
export function macroF1(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const counts = classCounts(yTrue, yPred, 'macroF1');
  let sum = 0;
  for (const c of counts.values()) sum += f1(c);
  return sum / counts.size;
}
