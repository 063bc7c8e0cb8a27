/**
 * Chooses the TRAINING backend by measurement rather than by order: `'auto'` in BACKEND_ORDER takes
 * WebGPU on a software adapter (SwiftShader) where wasm trains ~20× faster. Each candidate runs a short
 * MF-shaped training step (`probe-step.ts`, ≈ 0.25 s each); the fastest wins, a software GPU only by a
 * margin. The result is cached per device fingerprint (IndexedDB in browsers) and measured again when
 * the fingerprint changes, or on request.
 */
import { getCapabilities } from './capabilities.ts';
import { defaultChoiceCache, type ChoiceCache } from './probe-cache.ts';
import {
  candidates,
  describeSpeeds,
  deviceFingerprint,
  isSoftwareRenderer,
  pickFastest,
  skippedReasons,
  type DeviceFacts,
} from './probe-choice.ts';
import { measureTrainingStep, type MeasureOptions } from './probe-step.ts';
import type { LoadOptions } from './loaders.ts';
import type { BackendChoice, BackendName, BackendSpeed, Capabilities } from './types.ts';

/** Options of {@link chooseTrainingBackend}; all but `remeasure` and `wasmPaths` are for tests. */
export interface ChooseOptions extends LoadOptions {
  /** Measure again even when a choice for this device is cached (and replace it). */
  readonly remeasure?: boolean;
  /** Timed milliseconds per backend (default 250). */
  readonly budgetMs?: number;
  /** Where choices are kept (default: IndexedDB in browsers, memory in Node). */
  readonly cache?: ChoiceCache;
  /** Measures one backend (default: `measureTrainingStep`). */
  readonly measure?: (name: BackendName, options: MeasureOptions) => Promise<BackendSpeed>;
  /** This device's facts (default: read from the runtime). */
  readonly facts?: () => Promise<DeviceFacts>;
  /** This runtime's capabilities (default: `getCapabilities`). */
  readonly capabilities?: () => Promise<Capabilities>;
  /** Wall clock in ms since the epoch (default `Date.now`). */
  readonly clock?: () => number;
}

/** One measurement at a time per runtime: two would fight over tfjs's current backend. */
let inFlight: Promise<BackendChoice> | null = null;

/**
 * The backend to train on here: cached for this device, or measured now (≈ 0.25 s per candidate
 * after each one's kernel compile). Never throws: a backend that fails is reported in `speeds`.
 * @example
 * const choice = await chooseTrainingBackend();
 * choice.backend; // 'wasm'
 * choice.reason;  // 'wasm 40 steps/s vs webgpu (google swiftshader, software) 2.5 steps/s, …'
 */
export function chooseTrainingBackend(options: ChooseOptions = {}): Promise<BackendChoice> {
  const run = (inFlight ?? Promise.resolve()).catch(() => undefined).then(() => choose(options));
  inFlight = run;
  void run.finally(() => {
    if (inFlight === run) inFlight = null;
  });
  return run;
}

async function choose(options: ChooseOptions): Promise<BackendChoice> {
  const clock = options.clock ?? Date.now;
  const cache = options.cache ?? defaultChoiceCache();
  const caps = await (options.capabilities ?? getCapabilities)();
  const facts = await (options.facts ?? (() => readDeviceFacts(caps)))();
  const fingerprint = deviceFingerprint(facts);
  if (!options.remeasure) {
    const hit = await cache.get(fingerprint).catch(() => undefined);
    if (hit) return Object.freeze({ ...hit, cached: true });
  }
  const choice = await measureAll(caps, facts, fingerprint, options, clock);
  await cache.put(choice).catch(() => undefined);
  return choice;
}

async function measureAll(
  caps: Capabilities,
  facts: DeviceFacts,
  fingerprint: string,
  options: ChooseOptions,
  clock: () => number,
): Promise<BackendChoice> {
  const names = candidates(caps);
  const skipped = skippedReasons(caps);
  const start = clock();
  if (names.length === 1) {
    // Nothing to compare: say why the others are out instead of timing the only one.
    const only = names[0];
    const reason = `${only}: the only ${only === 'cpu' ? 'backend' : 'backend besides cpu'} here${skipped ? ` (${skipped})` : ''}`;
    return Object.freeze({
      backend: only,
      reason,
      speeds: [],
      measuredAt: start,
      cached: false,
      probeMs: 0,
      fingerprint,
    });
  }
  const measure = options.measure ?? measureTrainingStep;
  const speeds: BackendSpeed[] = [];
  // wasm first: it starts fast and is the yardstick the GPUs must beat.
  for (const name of [...names].sort((a, b) => (a === 'wasm' ? -1 : b === 'wasm' ? 1 : 0))) {
    const wasmRan = speeds.some((s) => s.backend === 'wasm' && s.stepsPerSec !== null);
    if (name === 'webgl' && wasmRan && isSoftwareRenderer(facts.webglRenderer)) {
      // A software WebGL compiles its shaders synchronously, for seconds no timer can cut short, on the
      // same CPU wasm already runs on: measuring it would only stall the worker.
      speeds.push(softwareWebgl(facts.webglRenderer));
      continue;
    }
    speeds.push(Object.freeze(await measure(name, { budgetMs: options.budgetMs, wasmPaths: options.wasmPaths })));
  }
  speeds.sort((a, b) => names.indexOf(a.backend) - names.indexOf(b.backend));
  const backend = pickFastest(speeds);
  const probeMs = clock() - start;
  return Object.freeze({
    backend,
    reason: describeSpeeds(backend, speeds),
    speeds: Object.freeze(speeds),
    measuredAt: clock(),
    cached: false,
    probeMs,
    fingerprint,
  });
}

function softwareWebgl(renderer: string): BackendSpeed {
  return Object.freeze({
    backend: 'webgl',
    stepsPerSec: null,
    atMost: false,
    software: true,
    device: renderer,
    error: 'not measured: software WebGL compiles its shaders for seconds',
  });
}

/** The fingerprint's facts, read from this runtime (adapter from the capabilities, WebGL renderer, UA, cores). */
export async function readDeviceFacts(caps: Capabilities): Promise<DeviceFacts> {
  const nav = (globalThis as { navigator?: { userAgent?: string; hardwareConcurrency?: number } }).navigator;
  const a = caps.webgpu.adapter;
  return {
    adapter: a
      ? {
          vendor: a.vendor,
          architecture: a.architecture,
          device: a.device,
          description: a.description,
          isFallbackAdapter: a.isFallbackAdapter,
        }
      : null,
    webglRenderer: caps.webgl.available ? webglRendererOnce() : '',
    userAgent: nav?.userAgent ?? '',
    hardwareConcurrency: nav?.hardwareConcurrency ?? 0,
  };
}

let renderer: string | null = null;

/** The WebGL renderer string from a throwaway context (read once per runtime). */
function webglRendererOnce(): string {
  renderer ??= readRenderer();
  return renderer;
}

function readRenderer(): string {
  try {
    const canvas =
      typeof OffscreenCanvas !== 'undefined'
        ? new OffscreenCanvas(1, 1)
        : typeof document !== 'undefined'
          ? document.createElement('canvas')
          : null;
    const gl = canvas?.getContext('webgl2') as WebGL2RenderingContext | null | undefined;
    if (!gl) return '';
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const value = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return value;
  } catch {
    return '';
  }
}
