import { InvalidArgumentError } from '../../errors';

/**
 * Options of GLMix; every field has a default.
 * @example new GlmixModel({ rounds: 3, randomEffects: true })
 */
export type GlmixConfig = {
  /** Unwatched courses sampled per watch as negatives (default 3). */
  negatives?: number;
  /** L2 prior weight of the global model (default 1). */
  lambdaFixed?: number;
  /** L2 prior weight of each per-member and per-course model (default 5). */
  lambdaRandom?: number;
  /** Block coordinate descent rounds: global, then members, then courses (default 3). */
  rounds?: number;
  /** Newton steps per block per round (default 2). */
  newtonSteps?: number;
  /** False fits the global model alone (the baseline GLMix is compared with). Default true. */
  randomEffects?: boolean;
  /** Seed of the negative sampler (default 42). */
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

/** Fills defaults; rejects out-of-domain values with InvalidArgumentError. */
export function resolveGlmixConfig(config: GlmixConfig | Record<string, unknown> = {}): GlmixSettings {
  const s = { ...GLMIX_DEFAULTS } as Record<string, unknown>;
  for (const k of Object.keys(GLMIX_DEFAULTS)) if ((config as Record<string, unknown>)[k] !== undefined) s[k] = (config as Record<string, unknown>)[k];
  const r = s as GlmixSettings;
  for (const k of ['negatives', 'rounds', 'newtonSteps'] as const) {
    if (!Number.isInteger(r[k]) || r[k] < (k === 'negatives' ? 0 : 1)) throw new InvalidArgumentError(`glmix: ${k} must be a positive integer, got ${r[k]}`);
  }
  for (const k of ['lambdaFixed', 'lambdaRandom'] as const) {
    if (!Number.isFinite(r[k]) || r[k] <= 0) throw new InvalidArgumentError(`glmix: ${k} must be > 0, got ${r[k]}`);
  }
  if (typeof r.randomEffects !== 'boolean') throw new InvalidArgumentError('glmix: randomEffects must be a boolean');
  if (!Number.isInteger(r.seed)) throw new InvalidArgumentError(`glmix: seed must be an integer, got ${r.seed}`);
  return r;
}
