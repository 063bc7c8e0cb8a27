/**
 * Backend selection: `'auto'` tries webgpu → webgl → wasm → cpu and records why each skipped one
 * failed; an explicit choice either runs or throws. `setBackend`'s boolean AND `tf.getBackend()` are
 * both checked, because tfjs returns false silently (and leaves its name set) when a backend fails.
 */
import * as tf from '@tensorflow/tfjs-core';
import { BackendUnavailableError, MissingKernelError } from '../errors.ts';
import { getCapabilities } from './capabilities.ts';
import { ensureGradients } from './gradients.ts';
import { loadBackend, type LoadOptions } from './loaders.ts';
import { missingKernels } from './preflight.ts';
import { message } from './probes.ts';
import {
  BACKEND_ORDER,
  type BackendName,
  type BackendPreference,
  type BackendReport,
  type Capabilities,
} from './types.ts';

/** Options of `initBackend`. */
export interface InitOptions extends LoadOptions {
  /**
   * Kernels the caller will run, e.g. `requiredKernels(MODEL_KERNELS.embedding)`. `'auto'` skips a
   * backend lacking any of them; an explicit choice throws `MissingKernelError`.
   */
  readonly requiredKernels?: readonly string[];
}

type Attempt = { ok: true } | { ok: false; reason: string; missing?: string[] };

/** Backends that failed to start in this runtime, with why; not retried. */
const failed = new Map<BackendName, string>();
/** Calls run one at a time: two concurrent setBackend calls would race inside tfjs. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Starts a tfjs backend (registering it lazily, with our kernels and all gradients) and reports it.
 * @throws BackendUnavailableError when an explicitly requested backend cannot run here.
 * @throws MissingKernelError when an explicit backend lacks `options.requiredKernels`.
 * @example const { backend, reasonForFallback } = await initBackend(); // 'webgpu' in Chrome
 */
export function initBackend(prefer: BackendPreference = 'auto', options: InitOptions = {}): Promise<BackendReport> {
  const run = queue.then(() => select(prefer, options));
  queue = run.catch(() => undefined);
  return run;
}

/** The backend tfjs runs now, or null when none has started. */
export function currentBackend(): BackendName | null {
  const name: string | null = tf.getBackend();
  return isBackendName(name) && tf.engine().registry[name] !== undefined ? name : null;
}

async function select(prefer: BackendPreference, options: InitOptions): Promise<BackendReport> {
  const caps = await getCapabilities();
  await ensureGradients();
  if (prefer !== 'auto') return selectExplicit(prefer, caps, options);
  const skipped: string[] = [];
  for (const name of BACKEND_ORDER) {
    const attempt = await tryBackend(name, caps, options);
    if (attempt.ok) return report(name, caps, skipped);
    skipped.push(`${name}: ${attempt.reason}`);
  }
  throw new BackendUnavailableError('auto', available(caps), skipped.join('; '));
}

async function selectExplicit(name: BackendName, caps: Capabilities, options: InitOptions): Promise<BackendReport> {
  if (!isBackendName(name)) throw new BackendUnavailableError(String(name), available(caps), 'unknown backend');
  const previous = currentBackend();
  const attempt = await tryBackend(name, caps, options);
  if (attempt.ok) return report(name, caps, []);
  // Leave tfjs as we found it rather than on a half-started backend.
  if (previous && tf.getBackend() !== previous) await tf.setBackend(previous);
  if (attempt.missing) throw new MissingKernelError(name, attempt.missing);
  throw new BackendUnavailableError(name, available(caps), attempt.reason);
}

async function tryBackend(name: BackendName, caps: Capabilities, options: InitOptions): Promise<Attempt> {
  const unavailable = caps[name].available ? failed.get(name) : (caps[name].reason ?? 'not available');
  if (unavailable) return { ok: false, reason: unavailable };
  const startError = await start(name, options);
  if (startError) {
    failed.set(name, startError);
    return { ok: false, reason: startError };
  }
  const missing = missingKernels(name, options.requiredKernels ?? []);
  if (missing.length > 0) return { ok: false, reason: `missing kernels: ${missing.join(', ')}`, missing };
  return { ok: true };
}

/** Loads and sets `name`; returns why it did not start, or null when it runs. */
async function start(name: BackendName, options: InitOptions): Promise<string | null> {
  try {
    await loadBackend(name, options);
    const { value: ok, warnings } = await collectWarnings(() => tf.setBackend(name));
    if (!ok) return `setBackend('${name}') returned false${warnings ? `: ${warnings}` : ''}`;
    await tf.ready();
    const active = tf.getBackend();
    return active === name ? null : `setBackend('${name}') left tfjs on '${active}'`;
  } catch (err) {
    return message(err);
  }
}

/** tfjs reports a backend's init error only through console.warn; keep it for the report. */
async function collectWarnings<T>(fn: () => Promise<T>): Promise<{ value: T; warnings: string }> {
  const original = console.warn;
  const lines: string[] = [];
  console.warn = (...args: unknown[]) => {
    lines.push(args.map((a) => (a instanceof Error ? a.message : String(a)).split('\n')[0]).join(' '));
    original.apply(console, args);
  };
  try {
    const value = await fn();
    return { value, warnings: lines.filter((l) => !l.startsWith('Initialization of backend')).join(' | ') };
  } finally {
    console.warn = original;
  }
}

function report(name: BackendName, caps: Capabilities, skipped: readonly string[]): BackendReport {
  return Object.freeze({
    backend: name,
    adapterInfo: name === 'webgpu' ? caps.webgpu.adapter : null,
    reasonForFallback: skipped.length > 0 ? skipped.join('; ') : null,
    available: Object.freeze(available(caps)),
  });
}

function available(caps: Capabilities): BackendName[] {
  return BACKEND_ORDER.filter((b) => caps[b].available && !failed.has(b));
}

function isBackendName(name: string | null): name is BackendName {
  return name !== null && (BACKEND_ORDER as readonly string[]).includes(name);
}
