/**
 * Deterministic weight pattern for the IndexedDB persistence test, shared by the page and Node so each
 * side can check the bytes independently. Random 32-bit patterns cover every float class (±0,
 * subnormals, ±Infinity, NaNs with payloads), which is what "bit-exact" has to survive.
 */

/** `n` float32 values whose bit patterns come from xorshift32 seeded with `seed` (non-zero). */
export function weightPattern(n: number, seed: number): Float32Array {
  const bits = new Uint32Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    bits[i] = x;
  }
  return new Float32Array(bits.buffer);
}

/** FNV-1a over the raw bytes, as an 8-digit hex string. */
export function fnv1a(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/** Metadata stored beside the weights, as a model store will. */
export interface ProbeModelInfo {
  id: string;
  version: number;
  dtype: 'float32';
  length: number;
  seed: number;
  hash: string;
}

/** What the page reports after reading the model back. */
export interface ProbeReadResult {
  info: ProbeModelInfo;
  /** Hash of the bytes read back. */
  hash: string;
  byteLength: number;
  /** Elements whose bit pattern differs from the regenerated pattern. */
  mismatches: number;
}

/** The API the test page installs on `window.idbProbe`. */
export interface IdbProbe {
  write(length: number, seed: number): Promise<ProbeModelInfo>;
  /** `null` when nothing was ever saved in this profile. */
  read(): Promise<ProbeReadResult | null>;
}
