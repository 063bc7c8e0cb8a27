import { AbortError, DataFormatError, InvalidArgumentError } from '../../errors.ts';

/**
 * Where a data file comes from: its whole text, a `Blob`/`File`, a web `ReadableStream` (e.g.
 * `fetch(url).body`), or any async iterable of byte or text chunks (Node: `fs.createReadStream(path)`).
 */
export type DataSource = string | Blob | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>;

/** Options shared by every loader. */
export interface ReadOptions {
  /** Name used in error messages (a path or URL). */
  file: string;
  /** Refuse inputs larger than this many bytes (default 1 GiB, `DEFAULT_MAX_BYTES`). */
  maxBytes?: number;
  /** Called after each chunk with the number of bytes read so far. */
  onProgress?: (bytes: number) => void;
  /** Cancels the read; the loader then rejects with `AbortError`. */
  signal?: AbortSignal;
}

/** Default input size limit: 1 GiB (typed-array columns of a larger log would not fit a browser tab). */
export const DEFAULT_MAX_BYTES = 2 ** 30;

/** Strings are fed to the decoder in pieces of this many characters, so progress and abort work. */
const STRING_PIECE_CHARS = 1 << 20;
/** Longest stretch of parsing without a macrotask break, so abort messages and the UI get a turn. */
const YIELD_EVERY_MS = 50;

/**
 * Decodes a source as UTF-8 text, chunk by chunk, enforcing `maxBytes`, reporting progress and
 * honouring `signal`. Invalid UTF-8 (binary data) is a `DataFormatError` naming the line it starts on.
 */
export async function* textChunks(source: DataSource, options: ReadOptions): AsyncGenerator<string> {
  const { file, signal, onProgress } = options;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!(maxBytes >= 0)) throw new InvalidArgumentError(`maxBytes must be >= 0, got ${maxBytes}`);
  throwIfAborted(signal);
  if (typeof Blob !== 'undefined' && source instanceof Blob && source.size > maxBytes) {
    throw tooLarge(file, `${source.size}`, maxBytes);
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const iterator = byteChunks(source);
  const aborted = abortPromise(signal);
  const takeBreak = breaker();
  let bytes = 0;
  let newlines = 0;
  try {
    for (;;) {
      const step = await (aborted ? Promise.race([iterator.next(), aborted.promise]) : iterator.next());
      throwIfAborted(signal);
      if (step.done) break;
      bytes += step.value.byteLength;
      if (bytes > maxBytes) throw tooLarge(file, `at least ${bytes}`, maxBytes);
      onProgress?.(bytes);
      await takeBreak();
      throwIfAborted(signal);
      const text = decodeOrThrow(decoder, step.value, file, newlines);
      newlines += countNewlines(text);
      if (text) yield text;
    }
    const tail = decodeOrThrow(decoder, undefined, file, newlines);
    if (tail) yield tail;
  } finally {
    aborted?.dispose();
    // Not awaited: a stream stuck in a pending read must not keep an abort from rejecting.
    iterator.return?.(undefined)?.catch(() => undefined);
  }
}

/** The whole source as one string (for small files such as graph JSON). */
export async function readText(source: DataSource, options: ReadOptions): Promise<string> {
  const parts: string[] = [];
  for await (const text of textChunks(source, options)) parts.push(text);
  return parts.join('');
}

/** Throws `AbortError` when `signal` has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortError();
}

function byteChunks(source: DataSource): AsyncIterator<Uint8Array> {
  if (typeof source === 'string') return stringPieces(source);
  if (typeof Blob !== 'undefined' && source instanceof Blob) return streamChunks(source.stream());
  if (source && typeof (source as ReadableStream).getReader === 'function') {
    return streamChunks(source as ReadableStream<Uint8Array>);
  }
  if (source && typeof (source as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    return iterableChunks(source as AsyncIterable<Uint8Array | string>);
  }
  throw new InvalidArgumentError('source must be a string, Blob, ReadableStream or AsyncIterable');
}

async function* stringPieces(text: string): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  for (let start = 0; start < text.length; ) {
    let end = Math.min(start + STRING_PIECE_CHARS, text.length);
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--; // keep pairs whole
    yield encoder.encode(text.slice(start, end));
    start = end;
  }
}

/** A reader-based iterator whose `return` cancels the stream (also ending a pending read). */
function streamChunks(stream: ReadableStream<Uint8Array>): AsyncIterator<Uint8Array> {
  const reader = stream.getReader();
  return {
    next: async () => {
      const { done, value } = await reader.read();
      return done ? { done: true, value: undefined } : { done: false, value: asBytes(value) };
    },
    return: async () => {
      await reader.cancel();
      return { done: true, value: undefined };
    },
  };
}

async function* iterableChunks(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  for await (const chunk of source) yield typeof chunk === 'string' ? encoder.encode(chunk) : asBytes(chunk);
}

function asBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  throw new InvalidArgumentError(`source yielded a ${Object.prototype.toString.call(chunk)}, not bytes or text`);
}

function decodeOrThrow(decoder: TextDecoder, bytes: Uint8Array | undefined, file: string, newlines: number): string {
  try {
    return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
  } catch {
    // Locate the bad byte through a lenient decode: lines before the first replacement character.
    const lenient = bytes ? new TextDecoder().decode(bytes) : '';
    const bad = lenient.indexOf('\uFFFD');
    const before = bad < 0 ? 0 : lenient.slice(0, bad).split('\n').length - 1;
    return invalidText(file, newlines + before + 1);
  }
}

function invalidText(file: string, line: number): never {
  throw new DataFormatError(file, line, 'not valid UTF-8 text (binary data?)');
}

function countNewlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

function tooLarge(file: string, size: string, maxBytes: number): DataFormatError {
  return new DataFormatError(file, 0, `input of ${size} bytes exceeds the maxBytes limit of ${maxBytes} bytes`);
}

/**
 * In-memory sources resolve in microtasks only, so a long parse would starve timers and messages
 * (and with them any abort). The returned function yields one macrotask once YIELD_EVERY_MS passed.
 */
function breaker(): () => Promise<void> | undefined {
  let last = performance.now();
  return () => {
    if (performance.now() - last <= YIELD_EVERY_MS) return undefined;
    return new Promise<void>((resolve) =>
      setTimeout(() => {
        last = performance.now();
        resolve();
      }, 0),
    );
  };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function abortPromise(signal: AbortSignal | undefined): { promise: Promise<never>; dispose(): void } | undefined {
  if (!signal) return undefined;
  let onAbort = (): void => undefined;
  const promise = new Promise<never>((_, reject) => {
    onAbort = () => reject(new AbortError());
    signal.addEventListener('abort', onAbort, { once: true });
  });
  promise.catch(() => undefined); // handled by the race; avoid an unhandled rejection after dispose
  return { promise, dispose: () => signal.removeEventListener('abort', onAbort) };
}
