/**
 * The agreement cases every fused-webgpu check runs (Chromium test, Node + Dawn test, Chromium tool):
 * each architecture on small synthetic batches, the seed variant both with rows whose item is in the
 * learner's input and causal (none) with the time context.
 */
import type { AgreementCase } from './agreement.ts';

/** Cases at `steps` steps of `rows` rows each. */
export function agreementCases(steps = 12, rows = 128): AgreementCase[] {
  const base = { nUsers: 40, nItems: 60, rows, steps };
  return [
    { ...base, arch: 'gmf', config: { dim: 8 } },
    { ...base, arch: 'mlp', config: { layers: [16, 8, 4] } },
    { ...base, arch: 'neumf', config: { dim: 8, layers: [16, 8] } },
    { ...base, arch: 'seed', config: { dim: 8 } },
    { ...base, arch: 'seed', config: { dim: 8, timeWindowDays: 30, causal: true }, causal: true },
  ];
}

/** A case's label: `seed (causal, time context)`. */
export function caseLabel(c: AgreementCase): string {
  const extra = [c.causal ? 'causal' : '', c.config?.timeWindowDays ? 'time context' : ''].filter(Boolean);
  return extra.length ? `${c.arch} (${extra.join(', ')})` : c.arch;
}
