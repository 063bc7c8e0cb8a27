/**
 * Calibration of predicted click probabilities: the observed / expected (O/E) ratio. 1 means
 * calibrated, < 1 the model over-predicts, > 1 it under-predicts.
 */
import { InvalidArgumentError } from '../../errors.ts';
import { assertNonEmpty, assertSameLength } from '../validate.ts';

/** O/E of one group of impressions. */
export interface OeGroup {
  /** Σ observed outcomes. */
  observed: number;
  /** Σ predicted probabilities. */
  expected: number;
  /** `observed / expected` (Infinity when nothing was expected but something happened, NaN for 0/0). */
  ratio: number;
  /** Impressions in the group. */
  count: number;
}

/**
 * Overall O/E ratio: Σ observed / Σ predicted. Throws when Σ predicted is 0 (nothing was expected,
 * so the ratio says nothing).
 * @example
 * ```ts
 * import { oeRatio } from 'linkrec/eval';
 * oeRatio([1, 0, 0, 1], [0.5, 0.25, 0.25, 0.5]); // 2 / 1.5 ≈ 1.33 (under-predicts)
 * ```
 */
export function oeRatio(observed: ArrayLike<number>, predicted: ArrayLike<number>): number {
  checkInputs(observed, predicted, 'oeRatio');
  let o = 0;
  let e = 0;
  for (let i = 0; i < observed.length; i++) {
    o += observed[i];
    e += predicted[i];
  }
  if (e === 0) throw new InvalidArgumentError('oeRatio: predictions sum to 0');
  return o / e;
}

/**
 * O/E per group (e.g. per activity type or per member segment), keyed by `keys[i]`. Groups appear in
 * order of first occurrence.
 * @example
 * ```ts
 * import { oeRatioByGroup } from 'linkrec/eval';
 * const groups = oeRatioByGroup([1, 0, 0, 1], [0.5, 0.5, 0.25, 0.25], ['post', 'post', 'job', 'job']);
 * groups.get('job')?.ratio; // 2: jobs are clicked twice as often as predicted
 * ```
 */
export function oeRatioByGroup<K>(
  observed: ArrayLike<number>,
  predicted: ArrayLike<number>,
  keys: ArrayLike<K>,
): Map<K, OeGroup> {
  checkInputs(observed, predicted, 'oeRatioByGroup');
  assertSameLength(observed, keys, 'oeRatioByGroup: keys');
  const groups = new Map<K, OeGroup>();
  for (let i = 0; i < observed.length; i++) {
    let g = groups.get(keys[i]);
    if (!g) groups.set(keys[i], (g = { observed: 0, expected: 0, ratio: 0, count: 0 }));
    g.observed += observed[i];
    g.expected += predicted[i];
    g.count++;
  }
  for (const g of groups.values()) g.ratio = g.observed / g.expected;
  return groups;
}

/** Observed outcomes must be non-negative counts (usually 0/1), predictions probabilities. */
function checkInputs(observed: ArrayLike<number>, predicted: ArrayLike<number>, what: string): void {
  assertSameLength(observed, predicted, what);
  assertNonEmpty(observed, what);
  for (let i = 0; i < observed.length; i++) {
    if (!(observed[i] >= 0 && Number.isFinite(observed[i]))) {
      throw new InvalidArgumentError(`${what}: observed ${observed[i]} at index ${i} is not a non-negative number`);
    }
    if (!(predicted[i] >= 0 && predicted[i] <= 1)) {
      throw new InvalidArgumentError(`${what}: predicted ${predicted[i]} at index ${i} not in [0, 1]`);
    }
  }
}
