/**
 * The fuzz suite's vocabulary. A target turns generated inputs into calls of one public entry point
 * (a loader, a state decoder, a service method); every call ends in exactly one {@link Outcome}.
 * Allowed: `accepted` (a result the target's oracle agrees with) and `typed` (a `LinkrecError`).
 */
import type fc from 'fast-check';

/** How one case ended. */
export type Outcome = 'accepted' | 'typed' | 'generic' | 'crash' | 'hang' | 'wrong';

/** Outcomes that are defects: the suite asserts none of them occur. */
export const DEFECTS = ['generic', 'crash', 'hang', 'wrong'] as const satisfies readonly Outcome[];

/** Per-target tallies, in the key names the issue fixed for `npm run bench -- fuzz`. */
export interface FuzzCounts {
  cases: number;
  typed: number;
  accepted: number;
  generic: number;
  crashes: number;
  hangs: number;
  wrong: number;
}

/** A defect found, with what reproduces it: the seed, the target and the case index (plus the input). */
export interface FuzzExample {
  target: string;
  outcome: Outcome;
  seed: number;
  index: number;
  /** What happened (error name and message, or the oracle's complaint). */
  detail: string;
  /** The input, printed (truncated). */
  input: string;
}

/**
 * One fuzz target. `setup` runs once per worker (train a tiny model, fill a store); `inputs` builds
 * the generator from its result; `run` makes the call (and may probe the result, e.g. rank with a
 * decoded model); `check` is the oracle of accepted results: a complaint string makes the case `wrong`.
 */
export interface FuzzTarget<I, C = undefined, R = unknown> {
  name: string;
  setup?: () => Promise<C>;
  inputs: (ctx: C) => fc.Arbitrary<I>;
  run: (input: I, ctx: C) => Promise<R> | R;
  check?: (input: I, result: R, ctx: C) => string | undefined;
  /** A typed rejection can be wrong too (e.g. a valid document refused): a complaint makes it `wrong`. */
  checkTyped?: (input: I, error: Error, ctx: C) => string | undefined;
  /** Printed form of an input for a counterexample (default JSON with typed arrays shown as arrays). */
  show?: (input: I) => string;
  /** Cleans up after all cases (dispose models). */
  teardown?: (ctx: C) => Promise<void> | void;
}

/** A target with its types erased, so targets of different shapes sit in one list. */
export type AnyTarget = FuzzTarget<unknown, unknown, unknown>;

/** Keeps a target's types checked where it is written, erased where it is listed. */
export function defineTarget<I, C = undefined, R = unknown>(target: FuzzTarget<I, C, R>): AnyTarget {
  return target as unknown as AnyTarget;
}

/** Zeroed counts. */
export function emptyCounts(): FuzzCounts {
  return { cases: 0, typed: 0, accepted: 0, generic: 0, crashes: 0, hangs: 0, wrong: 0 };
}

/** The counts key of an outcome. */
export function countKey(outcome: Outcome): Exclude<keyof FuzzCounts, 'cases'> {
  if (outcome === 'crash') return 'crashes';
  if (outcome === 'hang') return 'hangs';
  return outcome;
}

/** Adds `b` into `a`. */
export function addCounts(a: FuzzCounts, b: FuzzCounts): void {
  for (const key of Object.keys(a) as (keyof FuzzCounts)[]) a[key] += b[key];
}
