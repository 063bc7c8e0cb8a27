/**
 * `loadShippedModel`: a model file published beside the app (same origin), downloaded once with
 * progress, verified against its sha256, checked, and kept in the model store as a finished model —
 * so `rank({ modelId, version })` serves it and a later call (offline included) never touches the network.
 */
import { InvalidArgumentError } from '../errors.ts';
import { IdbModelStore } from '../store/idb-store.ts';
import type { ModelInfo } from '../store/types.ts';
import type { ShippedModelOptions } from './types.ts';

export type { ShippedModelOptions, ShippedModelProgress } from './types.ts';

/** `meta` keys (scalars, so listed in `ModelInfo.meta`) recording where a stored model came from. */
export const SHIPPED_URL_KEY = 'shippedUrl';
/** See {@link SHIPPED_URL_KEY}. */
export const SHIPPED_SHA256_KEY = 'shippedSha256';

function resolveSameOrigin(url: string): URL {
  const base = (globalThis as { location?: { href: string } }).location?.href;
  if (!base) throw new InvalidArgumentError(`loadShippedModel(${url}): needs a page or worker origin (no location)`);
  let resolved: URL;
  try {
    resolved = new URL(url, base);
  } catch {
    throw new InvalidArgumentError(`loadShippedModel: ${JSON.stringify(url)} is not a URL`);
  }
  if (resolved.origin !== new URL(base).origin)
    throw new InvalidArgumentError(
      `loadShippedModel: ${resolved.href} (0 bytes fetched) is not on this origin (${new URL(base).origin}); ship the model beside the app`,
    );
  return resolved;
}

function defaultModelId(url: URL): string {
  const file = decodeURIComponent(url.pathname.slice(url.pathname.lastIndexOf('/') + 1));
  const id = file.replace(/\.safetensors$/i, '');
  if (!id) throw new InvalidArgumentError(`loadShippedModel: ${url.href} names no file; pass modelId`);
  return id;
}

/**
 * Loads the linkrec model file (safetensors, see `modelStateToSafetensors` in `linkrec/interop`) at
 * `url` — same origin only — into the model store, unless the store already holds it (same url and
 * sha256), and returns its info: `id` and `version` are what `rank` takes. A failed download leaves
 * whatever the store held.
 * @throws InvalidArgumentError for a malformed sha256, a URL on another origin, or no origin at all;
 * FormatError (file: the URL, offset: bytes received) for an HTTP error, a network or stream error, a
 * truncated body, a hash mismatch or a malformed file; StateFormatError / StateVersionError /
 * UnknownIdError for a state its kind cannot read; AbortError when `signal` fires
 * @example
 * ```ts
 * import { connectCourses, loadShippedModel } from 'linkrec';
 * const info = await loadShippedModel('/models/movies-mf.safetensors', {
 *   sha256: '9f2c…', // published with the file
 *   onProgress: (p) => p.status === 'download' && console.log(`${p.loaded} / ${p.total ?? '?'} bytes`),
 * });
 * const courses = await connectCourses();
 * const { items } = await courses.rank({ modelId: info.id, version: info.version, user: 42, k: 10 });
 * ```
 */
export async function loadShippedModel(url: string, options: ShippedModelOptions): Promise<ModelInfo> {
  const sha256 = typeof options?.sha256 === 'string' ? options.sha256.trim().toLowerCase() : '';
  if (!/^[0-9a-f]{64}$/.test(sha256))
    throw new InvalidArgumentError(`loadShippedModel(${url}): sha256 must be 64 hex digits`);
  const resolved = resolveSameOrigin(url);
  const href = resolved.href;
  const modelId = options.modelId ?? defaultModelId(resolved);
  const { onProgress } = options;
  const store = options.store ?? (await IdbModelStore.open());
  try {
    const cached = await store.info(modelId);
    if (
      cached &&
      !cached.checkpoint &&
      cached.meta?.[SHIPPED_URL_KEY] === href &&
      cached.meta?.[SHIPPED_SHA256_KEY] === sha256
    ) {
      onProgress?.({ status: 'cached', url: href, info: cached });
      return cached;
    }
    // The download, hash and decoder load on demand: a page that only reads the cache never pulls them in.
    const { fetchShippedState } = await import('./fetch-shipped.ts');
    const state = await fetchShippedState(href, sha256, options);
    state.meta = { ...state.meta, [SHIPPED_URL_KEY]: href, [SHIPPED_SHA256_KEY]: sha256 };
    const info = await store.save(modelId, state);
    onProgress?.({ status: 'saved', url: href, info });
    return info;
  } finally {
    if (!options.store) store.close();
  }
}
