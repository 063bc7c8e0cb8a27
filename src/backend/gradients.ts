/**
 * tfjs-core registers no gradient functions by itself ("gradient function not found for RealDiv").
 * `ensureGradients` loads them all, once, in every runtime we support.
 */
import { getGradient } from '@tensorflow/tfjs-core';
import { nodeModuleApi } from './node-builtins.ts';

/**
 * Plain Node ESM (tsx scripts) cannot load tfjs-core's ESM files: they use extensionless imports and
 * `./gradients` names both a file and a folder (ERR_UNSUPPORTED_DIR_IMPORT). This resolve hook,
 * scoped to tfjs-core's dist folder, tries `<specifier>.js` first. Vite and Vitest never need it.
 */
const RESOLVE_HOOK = `
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
export async function resolve(specifier, context, next) {
  const parent = context.parentURL ?? '';
  if (specifier.startsWith('.') && !/\\.[cm]?js$/.test(specifier) && parent.includes('/@tensorflow/tfjs-core/dist/')) {
    const url = new URL(specifier + '.js', parent);
    if (existsSync(fileURLToPath(url))) return next(url.href, context);
  }
  return next(specifier, context);
}`;

let loading: Promise<void> | null = null;

/** Registers every tfjs-core gradient function (idempotent; safe to call from any runtime). */
export function ensureGradients(): Promise<void> {
  loading ??= load().catch((err: unknown) => {
    loading = null; // let a later call try again
    throw err;
  });
  return loading;
}

/** True once gradient functions are registered (by us or by anyone else, e.g. tfjs-layers). */
export function gradientsRegistered(): boolean {
  return getGradient('GatherV2') !== undefined && getGradient('RealDiv') !== undefined;
}

async function load(): Promise<void> {
  if (gradientsRegistered()) return;
  nodeModuleApi()?.register(`data:text/javascript,${encodeURIComponent(RESOLVE_HOOK)}`);
  // An explicit file: tfjs-core has no `exports` map, so Node and webpack need the `.js` themselves.
  await import('@tensorflow/tfjs-core/dist/register_all_gradients.js');
}
