/**
 * A verified streamed download: `fetch` + `response.body.getReader()`, progress per chunk, sha256
 * hashed as the bytes arrive (noble's incremental hasher: no second pass, no WebCrypto, which would
 * need the whole file first), and the length checked against `content-length`. Any failure is a
 * typed error naming the URL and how many bytes had arrived.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { AbortError, FormatError } from '../errors.ts';

/** Bytes received so far, and the size announced by `content-length` (null when absent or encoded). */
export interface DownloadProgress {
  loaded: number;
  total: number | null;
}

/** Options of {@link downloadVerified}. */
export interface DownloadOptions {
  /** Expected sha256 of the body, lowercase hex. */
  sha256: string;
  onProgress?: (progress: DownloadProgress) => void;
  signal?: AbortSignal;
}

function aborted(signal: AbortSignal | undefined, url: string, loaded: number): AbortError | null {
  return signal?.aborted ? new AbortError(`download of ${url} aborted after ${loaded} bytes`) : null;
}

/** The announced body length: `content-length`, unless a content-encoding makes it the compressed size. */
function announcedLength(headers: Headers): number | null {
  const encoding = headers.get('content-encoding');
  if (encoding && encoding.toLowerCase() !== 'identity') return null;
  const text = headers.get('content-length');
  if (text === null || !/^\d+$/.test(text.trim())) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * The body of `url` (already resolved and checked to be same-origin), verified against `sha256`.
 * @throws FormatError (file: the URL, offset: bytes received) for an HTTP error status, a network or
 * stream error, a length other than `content-length`, or a hash mismatch; AbortError when `signal` fires
 */
export async function downloadVerified(url: string, options: DownloadOptions): Promise<Uint8Array> {
  const { signal, onProgress } = options;
  const fail = (problem: string, loaded: number): FormatError =>
    new FormatError(problem, { file: url, offset: loaded });
  const early = aborted(signal, url, 0);
  if (early) throw early;
  let response: Response;
  try {
    response = await fetch(url, { signal, credentials: 'same-origin' });
  } catch (err) {
    throw aborted(signal, url, 0) ?? fail(`request failed after 0 bytes: ${describe(err)}`, 0);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw fail(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''} after 0 bytes`, 0);
  }
  const total = announcedLength(response.headers);
  const hasher = sha256.create();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  onProgress?.({ loaded, total });
  if (response.body) {
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        hasher.update(value);
        chunks.push(value);
        loaded += value.length;
        if (total !== null && loaded > total)
          throw fail(`received ${loaded} bytes, more than the ${total} of content-length`, loaded);
        onProgress?.({ loaded, total });
      }
    } catch (err) {
      if (err instanceof FormatError) {
        await reader.cancel().catch(() => undefined);
        throw err;
      }
      throw aborted(signal, url, loaded) ?? fail(`download broke off after ${loaded} bytes: ${describe(err)}`, loaded);
    } finally {
      reader.releaseLock();
    }
  }
  if (total !== null && loaded !== total)
    throw fail(`truncated: received ${loaded} of the ${total} bytes of content-length`, loaded);
  const digest = bytesToHex(hasher.digest());
  if (digest !== options.sha256)
    throw fail(`sha256 of the ${loaded} bytes received is ${digest}, expected ${options.sha256}`, loaded);
  if (chunks.length === 1) return chunks[0];
  const bytes = new Uint8Array(loaded);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
