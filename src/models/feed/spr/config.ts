/** Options of the SPR (hashed logistic regression trained by AdaGrad with L2). */
import { InvalidArgumentError } from '../../../errors';

/** SPR options; every field optional in `SprConfig`. */
export interface SprSettings {
  /** log2 of the hashed weight table (default 20 → 1,048,576 weights). */
  bits: number;
  /** L2 penalty per example on each touched weight (default 3e-5). */
  l2: number;
  /** AdaGrad base learning rate (default 0.05). */
  learningRate: number;
  /** Passes over the impressions (default 4). */
  epochs: number;
  /** Seed of the example order. */
  seed: number;
}

/** Options of {@link SprModel}. */
export type SprConfig = Partial<SprSettings>;

/** Defaults. */
export const SPR_DEFAULTS: Readonly<SprSettings> = Object.freeze({ bits: 20, l2: 3e-5, learningRate: 0.05, epochs: 4, seed: 1 });

/** Fills defaults and validates. */
export function resolveSprConfig(c: SprConfig): SprSettings {
  const s = { ...SPR_DEFAULTS, ...c };
  if (!Number.isInteger(s.bits) || s.bits < 8 || s.bits > 26) throw new InvalidArgumentError(`spr: bits must be an integer in [8, 26], got ${s.bits}`);
  if (!(s.l2 >= 0) || !(s.learningRate > 0)) throw new InvalidArgumentError('spr: l2 must be >= 0 and learningRate > 0');
  if (!Number.isInteger(s.epochs) || s.epochs < 0) throw new InvalidArgumentError(`spr: epochs must be a non-negative integer, got ${s.epochs}`);
  return s;
}
