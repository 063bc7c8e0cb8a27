/**
 * Chunking invariance: the same bytes through the string path, the Blob path and async iterables cut
 * at random places (text pieces, and byte pieces that may split a UTF-8 sequence or a CRLF) must give
 * the same log or the same typed error (class, line and problem).
 */
import fc from 'fast-check';
import { LinkrecError } from '../../../errors.ts';
import { loadInteractions } from '../../../data/loaders/interactions.ts';
import type { DataSource } from '../../../data/loaders/source.ts';
import { AgreedRejection } from '../agreed.ts';
import { defineTarget } from '../types.ts';
import { fileArb, type FileCase } from './interactions.ts';

/**
 * A cut: at a plain offset, or (`special`) just before or after the n-th structural character
 * (CR, LF, quote, comma, tab), where boundary bugs live (a chunk ending between `\r` and `\n`).
 */
interface Cut {
  special: boolean;
  n: number;
  after: boolean;
}

interface ChunkCase {
  file: FileCase;
  cuts: Cut[];
}

const STRUCTURAL = new Set([13, 10, 34, 44, 9]);

/** Offsets of `cuts` in `whole` (a string or its UTF-8 bytes: the structural characters are ASCII in both). */
function offsets(whole: string | Uint8Array, cuts: Cut[]): number[] {
  const code = (i: number): number => (typeof whole === 'string' ? whole.charCodeAt(i) : whole[i]);
  const special: number[] = [];
  for (let i = 0; i < whole.length; i++) if (STRUCTURAL.has(code(i))) special.push(i);
  return cuts.map((c) => (c.special && special.length ? special[c.n % special.length] + (c.after ? 1 : 0) : c.n));
}

type Result = { ok: string } | { error: string };

async function outcome(source: DataSource): Promise<Result> {
  try {
    const log = await loadInteractions(source, { file: 'chunks.csv' });
    const rows = Array.from(log.users, (u, k) => [
      log.userIds.id(u),
      log.itemIds.id(log.items[k]),
      log.values[k],
      log.times[k],
    ]);
    const extra = log as unknown as { repeats?: unknown; timestamps?: unknown };
    return { ok: JSON.stringify({ rows, repeats: extra.repeats, timestamps: extra.timestamps }) };
  } catch (err) {
    if (!(err instanceof LinkrecError)) throw err;
    const { line, problem } = err as LinkrecError & { line?: number; problem?: string };
    return { error: JSON.stringify([err.name, line, problem ?? err.message]) };
  }
}

/** `whole` cut at `cuts` (mod its length); text is never cut inside a surrogate pair (that would change the bytes). */
function cutAt<T extends string | Uint8Array>(whole: T, cuts: number[]): T[] {
  const inPair = (c: number): boolean =>
    typeof whole === 'string' &&
    c > 0 &&
    /[\ud800-\udbff]/.test(whole[c - 1]) &&
    /[\udc00-\udfff]/.test(whole[c] ?? '');
  const at = Array.from(new Set(cuts.map((c) => c % (whole.length + 1)).map((c) => (inPair(c) ? c + 1 : c)))).sort(
    (a, b) => a - b,
  );
  const out: T[] = [];
  let from = 0;
  for (const to of at) out.push(whole.slice(from, to) as T), (from = to);
  out.push(whole.slice(from) as T);
  return out;
}

async function* iterate<T>(parts: T[]): AsyncGenerator<T> {
  for (const p of parts) yield p;
}

export const CHUNKING_TARGET = defineTarget<ChunkCase, undefined, Result>({
  name: 'loader.chunking-invariance',
  inputs: () =>
    fc.record({
      file: fileArb('auto', 2),
      cuts: fc.array(fc.record({ special: fc.boolean(), n: fc.nat({ max: 400 }), after: fc.boolean() }), {
        minLength: 1,
        maxLength: 8,
      }),
    }),
  run: async ({ file, cuts }) => {
    const bytes = new TextEncoder().encode(file.text);
    const results = [
      await outcome(file.text),
      await outcome(new Blob([bytes])),
      await outcome(iterate(cutAt(file.text, offsets(file.text, cuts)))),
      await outcome(iterate(cutAt(bytes, offsets(bytes, cuts)))),
    ];
    const names = ['string', 'Blob', 'text pieces', 'byte pieces'];
    const first = JSON.stringify(results[0]);
    const odd = results.findIndex((r) => JSON.stringify(r) !== first);
    if (odd >= 0) return { error: `MISMATCH ${names[odd]}: ${JSON.stringify(results[odd])} vs string: ${first}` };
    // Every path agreed: report the shared outcome as a typed rejection when they all refused.
    if ('error' in results[0]) throw new AgreedRejection(results[0].error);
    return results[0];
  },
  check: (_c, r) => ('error' in r ? r.error : undefined),
  show: (c) => JSON.stringify({ text: c.file.text, cuts: c.cuts }),
});
