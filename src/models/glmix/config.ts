import { bool, int, optional, real, record, type Shape } from '../shared/schema.ts';

/**
 * Options of GLMix; every field has a default.
 * @example new GlmixModel({ rounds: 3, randomEffects: true })
 */
export type GlmixConfig = {
  /** Unwatched courses sampled per watch as negatives, 0–100 (default 3). */
  negatives?: number;
  /** L2 prior weight of the global model, in (0, 1e6] (default 1). */
  lambdaFixed?: number;
  /** L2 prior weight of each per-member and per-course model, in (0, 1e6] (default 5). */
  lambdaRandom?: number;
  /** Block coordinate descent rounds: global, then members, then courses; 1–100 (default 3). */
  rounds?: number;
  /** Newton steps per block per round, 1–100 (default 2). */
  newtonSteps?: number;
  /** False fits the global model alone (the baseline GLMix is compared with). Default true. */
  randomEffects?: boolean;
  /** Seed of the negative sampler; an integer in [−2^31, 2^32) (default 42). */
  seed?: number;
};

/** A config with every default filled in. */
export type GlmixSettings = Required<GlmixConfig>;

/** Defaults of {@link GlmixConfig}. */
export const GLMIX_DEFAULTS: Readonly<GlmixSettings> = Object.freeze({
  negatives: 3,
  lambdaFixed: 1,
  lambdaRandom: 5,
  rounds: 3,
  newtonSteps: 2,
  randomEffects: true,
  seed: 42,
});

/**
 * Bounds of each option (past them a fit would not end in a browser tab, or the prior is meaningless).
 * Unknown options are rejected too, so a typo is never silently ignored.
 */
export const GLMIX_SCHEMA: Shape<GlmixConfig> = {
  negatives: optional(int(0, 100)),
  lambdaFixed: optional(real(0, 1e6, true)),
  lambdaRandom: optional(real(0, 1e6, true)),
  rounds: optional(int(1, 100)),
  newtonSteps: optional(int(1, 100)),
  randomEffects: optional(bool),
  seed: optional(int(-(2 ** 31), 2 ** 32 - 1)),
};

/** Fills defaults; rejects unknown options and values outside {@link GLMIX_SCHEMA} with InvalidArgumentError. */
export function resolveGlmixConfig(config: GlmixConfig | Record<string, unknown> = {}): GlmixSettings {
  const checked = record(GLMIX_SCHEMA, ': ')(config, 'glmix');
  const s = { ...GLMIX_DEFAULTS } as Record<string, unknown>;
  for (const k of Object.keys(GLMIX_DEFAULTS))
    if ((checked as Record<string, unknown>)[k] !== undefined) s[k] = (checked as Record<string, unknown>)[k];
  return s as GlmixSettings;
}
