/**
 * The network half of `loadShippedModel`, imported on demand: download and verify the file, decode it,
 * and check the state (structurally without tfjs, or through the registry with `validate: 'full'`).
 */
import { AbortError } from '../errors.ts';
import { modelStateFromSafetensors } from '../interop/model-file.ts';
import type { ModelState } from '../models/recommender.ts';
import { checkStateEnvelope, stateError } from '../models/shared/state-checks.ts';
import { downloadVerified } from './download.ts';
import type { ShippedModelOptions } from './types.ts';

/** The checks that need no tfjs: envelope, tensors (shape × length, dtype), a positive integer version. */
function checkStructure(state: ModelState): void {
  checkStateEnvelope(state);
  if (!Number.isSafeInteger(state.stateVersion) || state.stateVersion < 1)
    throw stateError(state.kind, 'stateVersion', `is ${state.stateVersion}, not a positive integer`);
}

/** The verified, decoded and checked state of the file at `href` (same-origin, resolved). */
export async function fetchShippedState(
  href: string,
  sha256: string,
  options: Pick<ShippedModelOptions, 'onProgress' | 'signal' | 'validate'>,
): Promise<ModelState> {
  const { onProgress, signal } = options;
  const bytes = await downloadVerified(href, {
    sha256,
    signal,
    onProgress: ({ loaded, total }) => onProgress?.({ status: 'download', url: href, loaded, total }),
  });
  const state = modelStateFromSafetensors(bytes, href);
  checkStructure(state);
  if (options.validate === 'full') {
    const { modelFromState } = await import('../models/registry.ts');
    (await modelFromState(state)).dispose();
  }
  if (signal?.aborted) throw new AbortError(`loading ${href} aborted before saving`);
  return state;
}
