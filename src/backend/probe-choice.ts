/**
 * The speed probe's decisions, with no tfjs: which candidates to measure, which measured backend wins,
 * the words that say why, and the device fingerprint a choice is cached under.
 */
import { BACKEND_ORDER, type BackendName, type BackendSpeed, type Capabilities } from './types.ts';

/** Bumped when the probe's step or rules change, so every cached choice is measured again. */
export const PROBE_VERSION = 1;

/**
 * A software GPU (SwiftShader, a fallback adapter) wins only by this factor: it shares the CPU with
 * the page, and on the CPU wasm's SIMD kernels are the better use of it.
 */
export const SOFTWARE_MARGIN = 1.5;

/** What the device fingerprint is made of: a change in any of these measures again. */
export interface DeviceFacts {
  readonly adapter: {
    readonly vendor: string;
    readonly architecture: string;
    readonly device: string;
    readonly description: string;
    readonly isFallbackAdapter: boolean;
  } | null;
  /** The WebGL renderer string ('' where unknown or there is no WebGL). */
  readonly webglRenderer: string;
  readonly userAgent: string;
  readonly hardwareConcurrency: number;
}

/** The cache key of a device: its facts and the probe's version, as stable JSON. */
export function deviceFingerprint(facts: DeviceFacts): string {
  const a = facts.adapter;
  return JSON.stringify({
    probe: PROBE_VERSION,
    adapter: a ? [a.vendor, a.architecture, a.device, a.description, a.isFallbackAdapter] : null,
    webgl: facts.webglRenderer,
    ua: facts.userAgent,
    cores: facts.hardwareConcurrency,
  });
}

/** True for renderer strings of software rasterisers (SwiftShader, llvmpipe, Microsoft Basic Render). */
export function isSoftwareRenderer(renderer: string): boolean {
  return /swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer);
}

/** The GPU/wasm backends worth measuring here (cpu only when none is available). */
export function candidates(caps: Capabilities): BackendName[] {
  const usable = BACKEND_ORDER.filter((b) => b !== 'cpu' && caps[b].available);
  return usable.length > 0 ? usable : ['cpu'];
}

/** Why backends were left out of the probe, e.g. `"webgpu: no navigator.gpu"`; '' when none was. */
export function skippedReasons(caps: Capabilities): string {
  return BACKEND_ORDER.filter((b) => b !== 'cpu' && !caps[b].available)
    .map((b) => `${b}: ${caps[b].reason ?? 'not available'}`)
    .join('; ');
}

/**
 * The fastest measured backend, a software GPU counted at 1/SOFTWARE_MARGIN of its speed; ties go to
 * BACKEND_ORDER. Returns cpu when nothing could be measured.
 */
export function pickFastest(speeds: readonly BackendSpeed[]): BackendName {
  let best: BackendSpeed | null = null;
  for (const s of speeds) {
    if (!(s.stepsPerSec !== null && s.stepsPerSec > 0)) continue;
    if (best === null || effective(s) > effective(best)) best = s;
  }
  return best?.backend ?? 'cpu';
}

/** The reason for a measured choice, e.g. `"wasm 41 steps/s vs webgpu (google swiftshader, software) 2.1 steps/s"`. */
export function describeSpeeds(chosen: BackendName, speeds: readonly BackendSpeed[]): string {
  const winner = speeds.find((s) => s.backend === chosen);
  const others = speeds.filter((s) => s !== winner).map(describeSpeed);
  const head = winner ? describeSpeed(winner) : `${chosen}: nothing else could run`;
  return others.length > 0 ? `${head} vs ${others.join(', ')}` : head;
}

/** One backend's result in words: `"webgpu (google swiftshader, software) 2.1 steps/s"`. */
export function describeSpeed(s: BackendSpeed): string {
  const what = [shortDevice(s.device), s.software ? 'software' : ''].filter(Boolean).join(', ');
  const name = what ? `${s.backend} (${what})` : s.backend;
  if (s.stepsPerSec === null) return `${name} ${s.error ?? 'not measured'}`;
  return s.atMost ? `${name} < ${rate(s.stepsPerSec)} (no step finished in time)` : `${name} ${rate(s.stepsPerSec)}`;
}

/** A device name short enough for a sentence: ANGLE's long SwiftShader string becomes `"SwiftShader"`. */
export function shortDevice(device: string): string {
  if (/swiftshader/i.test(device) && device.startsWith('ANGLE')) return 'SwiftShader';
  return device.length > 48 ? `${device.slice(0, 47)}…` : device;
}

/** A rate as people read it: `"4.1k steps/s"`, `"41 steps/s"`, `"2.1 steps/s"`. */
export function rate(stepsPerSec: number): string {
  if (stepsPerSec >= 1000) return `${(stepsPerSec / 1000).toFixed(1)}k steps/s`;
  if (stepsPerSec >= 100) return `${Math.round(stepsPerSec)} steps/s`;
  return `${stepsPerSec.toPrecision(2)} steps/s`;
}

function effective(s: BackendSpeed): number {
  const v = s.stepsPerSec ?? 0;
  return s.software ? v / SOFTWARE_MARGIN : v;
}
