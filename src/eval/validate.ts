/**
 * Argument checks shared by the metric functions. Metrics silently averaging a NaN or a mislabelled
 * row produce plausible-looking wrong numbers, so every entry point validates and throws a typed error.
 */
import { InvalidArgumentError } from '../errors.ts';

/** Throws unless `a` and `b` have the same length. */
export function assertSameLength(a: ArrayLike<unknown>, b: ArrayLike<unknown>, what: string): void {
  if (a.length !== b.length) {
    throw new InvalidArgumentError(`${what}: lengths differ (${a.length} vs ${b.length})`);
  }
}

/** Throws unless `xs` is non-empty. */
export function assertNonEmpty(xs: ArrayLike<unknown>, what: string): void {
  if (xs.length === 0) throw new InvalidArgumentError(`${what}: empty input`);
}

/** Throws on the first NaN in `xs` (±Infinity is a legal score: "never recommend"). */
export function assertNoNaN(xs: ArrayLike<number>, what: string): void {
  for (let i = 0; i < xs.length; i++) {
    if (Number.isNaN(xs[i])) throw new InvalidArgumentError(`${what}: NaN at index ${i}`);
  }
}

/** Throws unless every label is exactly 0 or 1. */
export function assertBinaryLabels(labels: ArrayLike<number>, what: string): void {
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (y !== 0 && y !== 1) throw new InvalidArgumentError(`${what}: label ${y} at index ${i} is not 0 or 1`);
  }
}

/** Throws unless `k` is a positive integer. */
export function assertPositiveInt(k: number, what: string): void {
  if (!Number.isInteger(k) || k < 1) throw new InvalidArgumentError(`${what}: ${k} is not a positive integer`);
}

/** Throws unless `x` is a non-negative integer. */
export function assertNonNegativeInt(x: number, what: string): void {
  if (!Number.isInteger(x) || x < 0) throw new InvalidArgumentError(`${what}: ${x} is not a non-negative integer`);
}
