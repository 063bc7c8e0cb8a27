/** Options of the SPR (hashed logistic regression trained by AdaGrad with L2). */
import { int, optional, real, record, type Shape } from '../../../models/shared/schema.ts';

/** SPR options; every field optional in `SprConfig`. */
export interface SprSettings {
  /** log2 of the hashed weight table, 8–26 (default 20 → 1,048,576 weights). */
  bits: number;
  /** L2 penalty per example on each touched weight, in [0, 10] (default 3e-5). */
  l2: number;
  /** AdaGrad base learning rate, in (0, 10] (default 0.05). */
  learningRate: number;
  /** Passes over the impressions, 0–1000 (default 4). */
  epochs: number;
  /** Seed of the example order; an integer in [−2^31, 2^32) (default 1). */
  seed: number;
}

/** Options of {@link SprModel}. */
export type SprConfig = Partial<SprSettings>;

/** Defaults. */
export const SPR_DEFAULTS: Readonly<SprSettings> = Object.freeze({
  bits: 20,
  l2: 3e-5,
  learningRate: 0.05,
  epochs: 4,
  seed: 1,
});

/** Bounds of each option; unknown options are rejected too, so a typo is never silently ignored. */
export const SPR_SCHEMA: Shape<SprConfig> = {
  bits: optional(int(8, 26)),
  l2: optional(real(0, 10)),
  learningRate: optional(real(0, 10, true)),
  epochs: optional(int(0, 1000)),
  seed: optional(int(-(2 ** 31), 2 ** 32 - 1)),
};

/** Fills defaults; rejects unknown options and values outside {@link SPR_SCHEMA} with InvalidArgumentError. */
export function resolveSprConfig(c: SprConfig): SprSettings {
  const checked = record(SPR_SCHEMA, ': ')(c, 'spr');
  const s = { ...SPR_DEFAULTS } as Record<string, unknown>;
  for (const k of Object.keys(SPR_DEFAULTS))
    if ((checked as Record<string, unknown>)[k] !== undefined) s[k] = (checked as Record<string, unknown>)[k];
  return s as unknown as SprSettings;
}
