/**
 * word2vec's two formats, as LINE's reference C++ tool (`line.cpp` `Output`), word2vec.c and gensim
 * write them. Both start with the ASCII header line `n dim`; then, per vector:
 * - text: `name v1 … vdim\n` (values space-separated);
 * - binary: `name ` followed by `dim` little-endian float32s, then (LINE, word2vec.c) `\n` — optional.
 *
 * Text read policy: that of `embedding-text.ts` (UTF-8, BOM, CRLF, trailing blanks, blank lines and a
 * missing final newline tolerated); tokens are separated by runs of spaces or tabs; each vector line
 * has exactly `1 + dim` tokens; exactly `n` vector lines. Binary read policy: the header line may end
 * in CRLF; before each name any `\n` / `\r` bytes are skipped (the optional record separator); a name
 * is the bytes up to the next space (UTF-8); the file may end in whitespace, nothing else. Repeated
 * names, non-finite values, truncation and a count that differs from the header are FormatErrors that
 * name the line (text) or the byte offset (binary).
 */
import { FormatError, InvalidArgumentError } from '../errors.ts';
import type { NamedVectors } from '../models/embedding/model.ts';
import { checkName, decodeText, float32ToString, parseValue, textLines } from './embedding-text.ts';

/** Options of {@link readWord2vec}. */
export interface Word2vecReadOptions {
  /** The file's name, for error messages. */
  file?: string;
  /** `true` binary, `false` text; default: text when the bytes parse as text, else binary. */
  binary?: boolean;
}

/**
 * Reads a word2vec file, text or binary (detected unless `options.binary` says: text when the bytes
 * parse as text, else binary; the error reported is the text reader's when the bytes look like text).
 * @example
 * ```ts
 * const { names, dim, vectors } = readWord2vec(new Uint8Array(await file.arrayBuffer()), { file: file.name });
 * ```
 */
export function readWord2vec(bytes: Uint8Array, options: Word2vecReadOptions = {}): NamedVectors {
  const { file, binary } = options;
  if (binary === true) return readWord2vecBinary(bytes, file);
  if (binary === false) return readWord2vecText(bytes, file);
  // Text first: binary floats are almost never valid UTF-8 lines of numbers, while a short text file
  // can happen to have exactly the byte count of a binary one ("1 2\na 0.5 1.25\n").
  try {
    return readWord2vecText(bytes, file);
  } catch (textError) {
    if (!(textError instanceof FormatError)) throw textError;
    try {
      return readWord2vecBinary(bytes, file);
    } catch (binaryError) {
      if (!(binaryError instanceof FormatError)) throw binaryError;
      throw looksLikeText(bytes) ? textError : binaryError;
    }
  }
}

/** Valid UTF-8 without control bytes other than tab, CR and LF. */
function looksLikeText(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Reads word2vec text (see the module's read policy). */
export function readWord2vecText(input: string | Uint8Array, file?: string): NamedVectors {
  const lines = textLines(decodeText(input, file));
  if (lines.length === 0) throw new FormatError('empty file: no `n dim` header', { file, line: 1 });
  const { n, dim } = parseHeader(lines[0].text, { file, line: lines[0].line });
  if (lines.length - 1 !== n) {
    const at = lines.length - 1 < n ? lines[lines.length - 1].line : lines[n + 1].line;
    throw new FormatError(`the header promises ${n} vectors, the file has ${lines.length - 1}`, { file, line: at });
  }
  const names: string[] = [];
  const seen = new Set<string>();
  const vectors = new Float32Array(n * dim);
  for (let r = 0; r < n; r++) {
    const { line, text } = lines[r + 1];
    const tokens = text.trim().split(/[ \t]+/);
    if (tokens.length !== dim + 1)
      throw new FormatError(`expected a name and ${dim} values, got ${tokens.length} tokens`, { file, line });
    const name = tokens[0];
    if (seen.has(name)) throw new FormatError(`name ${JSON.stringify(name)} repeats`, { file, line });
    seen.add(name);
    names.push(name);
    for (let i = 0; i < dim; i++) vectors[r * dim + i] = parseValue(tokens[i + 1], line, file);
  }
  return { names, dim, vectors };
}

/** Reads word2vec binary (see the module's read policy). */
export function readWord2vecBinary(bytes: Uint8Array, file?: string): NamedVectors {
  let end = bytes.indexOf(0x0a);
  if (end < 0) throw new FormatError('no header line `n dim`', { file, offset: 0 });
  const header = new TextDecoder().decode(bytes.subarray(0, end));
  const { n, dim } = parseHeader(header.replace(/\r$/, ''), { file, offset: 0 });
  let at = end + 1;
  const names: string[] = [];
  const seen = new Set<string>();
  const vectors = new Float32Array(n * dim);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  for (let r = 0; r < n; r++) {
    while (at < bytes.length && (bytes[at] === 0x0a || bytes[at] === 0x0d)) at++;
    const nameAt = at;
    end = bytes.indexOf(0x20, at);
    if (end < 0) throw new FormatError(`vector ${r}: no space after its name (truncated?)`, { file, offset: at });
    if (end === at) throw new FormatError(`vector ${r}: empty name`, { file, offset: at });
    let name: string;
    try {
      name = utf8.decode(bytes.subarray(at, end));
    } catch {
      throw new FormatError(`vector ${r}: name is not UTF-8`, { file, offset: nameAt });
    }
    if (/[\s\u0000]/.test(name))
      throw new FormatError(`vector ${r}: name holds a control character`, { file, offset: nameAt });
    if (seen.has(name)) throw new FormatError(`name ${JSON.stringify(name)} repeats`, { file, offset: nameAt });
    at = end + 1;
    if (at + 4 * dim > bytes.length)
      throw new FormatError(`vector ${r} (${JSON.stringify(name)}): truncated, needs ${4 * dim} bytes`, {
        file,
        offset: at,
      });
    for (let i = 0; i < dim; i++, at += 4) {
      const v = view.getFloat32(at, true);
      if (!Number.isFinite(v))
        throw new FormatError(`vector ${r} (${JSON.stringify(name)}): value ${i} is ${v}`, { file, offset: at });
      vectors[r * dim + i] = v;
    }
    seen.add(name);
    names.push(name);
  }
  for (; at < bytes.length; at++) {
    const b = bytes[at];
    if (b !== 0x0a && b !== 0x0d && b !== 0x20 && b !== 0x09)
      throw new FormatError(`bytes after the ${n} vectors the header promises`, { file, offset: at });
  }
  return { names, dim, vectors };
}

/** Writes word2vec text: values as the shortest decimals that read back as the same float32s. */
export function writeWord2vecText(embedding: NamedVectors): string {
  const { names, dim, vectors } = embedding;
  checkShape(embedding, 'writeWord2vecText');
  const out: string[] = [`${names.length} ${dim}\n`];
  for (let r = 0; r < names.length; r++) {
    checkName(names[r], r, /\s/, 'writeWord2vecText');
    const row = [names[r]];
    for (let i = 0; i < dim; i++) row.push(float32ToString(vectors[r * dim + i]));
    out.push(`${row.join(' ')}\n`);
  }
  return out.join('');
}

/** Options of {@link writeWord2vecBinary}. */
export interface Word2vecBinaryWriteOptions {
  /** End each vector with `\n`, as LINE and word2vec.c do (default true; gensim reads either). */
  newline?: boolean;
}

/** Writes word2vec binary: `name ` + little-endian float32 bytes (+ `\n`) per vector. */
export function writeWord2vecBinary(embedding: NamedVectors, options: Word2vecBinaryWriteOptions = {}): Uint8Array {
  const { names, dim, vectors } = embedding;
  checkShape(embedding, 'writeWord2vecBinary');
  const nl = (options.newline ?? true) ? 1 : 0;
  const enc = new TextEncoder();
  const header = enc.encode(`${names.length} ${dim}\n`);
  const encoded = names.map((name, r) => (checkName(name, r, /[\s\u0000]/, 'writeWord2vecBinary'), enc.encode(name)));
  const size = encoded.reduce((s, b) => s + b.length + 1 + 4 * dim + nl, header.length);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set(header, 0);
  let at = header.length;
  for (let r = 0; r < names.length; r++) {
    out.set(encoded[r], at);
    at += encoded[r].length;
    out[at++] = 0x20;
    for (let i = 0; i < dim; i++, at += 4) view.setFloat32(at, vectors[r * dim + i], true);
    if (nl) out[at++] = 0x0a;
  }
  return out;
}

/** `n dim` with n ≥ 0 and dim ≥ 1, integers. */
function parseHeader(
  text: string,
  where: { file?: string; line?: number; offset?: number },
): { n: number; dim: number } {
  const m = /^\s*(\d+)[ \t]+(\d+)\s*$/.exec(text);
  const n = m ? Number(m[1]) : Number.NaN;
  const dim = m ? Number(m[2]) : Number.NaN;
  if (!m || !Number.isSafeInteger(n) || !Number.isSafeInteger(dim) || dim < 1 || dim > 1 << 20)
    throw new FormatError(`header ${JSON.stringify(text.slice(0, 40))} is not \`n dim\` (dim 1–2^20)`, where);
  return { n, dim };
}

function checkShape(e: NamedVectors, what: string): void {
  if (!Number.isInteger(e.dim) || e.dim < 1 || e.vectors.length !== e.names.length * e.dim)
    throw new InvalidArgumentError(`${what}: ${e.vectors.length} values for ${e.names.length} names × ${e.dim}`);
}
