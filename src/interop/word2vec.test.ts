import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors.ts';
import { Rng } from '../data/rng.ts';
import { float32ToString } from './embedding-text.ts';
import { readPbgTsv, writePbgTsv } from './pbg.ts';
import {
  readWord2vec,
  readWord2vecBinary,
  readWord2vecText,
  writeWord2vecBinary,
  writeWord2vecText,
} from './word2vec.ts';

/** A reference writer as LINE's `Output` (line.cpp) does it: fprintf("%s ", name), fwrite(float), "\n". */
function lineCppBinary(names: string[], dim: number, v: Float32Array): Uint8Array {
  const parts: number[] = [...Buffer.from(`${names.length} ${dim}\n`)];
  names.forEach((n, r) => {
    parts.push(...Buffer.from(`${n} `));
    const f = Buffer.alloc(4 * dim);
    for (let i = 0; i < dim; i++) f.writeFloatLE(v[r * dim + i], 4 * i);
    parts.push(...f, 0x0a);
  });
  return Uint8Array.from(parts);
}

function randomVectors(n: number, dim: number, seed = 1): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: n * dim }, () => rng.normal() * 10 ** Math.floor(rng.next() * 8 - 4));
}

const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

describe('word2vec', () => {
  const names = ['alice', 'bob', '7', 'zoë'];
  const dim = 5;
  const vectors = randomVectors(names.length, dim);

  it('reads what a LINE-style reference writer wrote, exactly, with and without detection', () => {
    const bytes = lineCppBinary(names, dim, vectors);
    for (const r of [readWord2vecBinary(bytes), readWord2vec(bytes)]) {
      expect(r.names).toEqual(names);
      expect(r.dim).toBe(dim);
      expect(bits(r.vectors)).toEqual(bits(vectors));
    }
  });

  it('text as gensim writes it, %f-style, with CRLF, BOM, trailing blanks, no final newline', () => {
    const text = '\ufeff2 3\r\na 0.5 -1.25 3  \r\n\r\nb\t1e-3 0 -0\r\n';
    const r = readWord2vec(new TextEncoder().encode(text.trimEnd()));
    expect(r.names).toEqual(['a', 'b']);
    expect(Array.from(r.vectors)).toEqual([0.5, -1.25, 3, Math.fround(1e-3), 0, -0]);
  });

  it('detects text whose byte count would also fit a binary file', () => {
    const r = readWord2vec(new TextEncoder().encode('1 2\na 0.5 1.25\n'));
    expect(Array.from(r.vectors)).toEqual([0.5, 1.25]);
    const err = (() => {
      try {
        readWord2vec(new TextEncoder().encode('1 2\na 0.5 x\n'), { file: 't.txt' });
      } catch (e) {
        return e as FormatError;
      }
    })();
    expect(err?.line).toBe(2); // the text reader's error, not the binary one's
  });

  it('binary round trip is bit-identical, with and without the record newline', () => {
    for (const newline of [true, false]) {
      const bytes = writeWord2vecBinary({ names, dim, vectors }, { newline });
      const back = readWord2vecBinary(bytes);
      expect(back.names).toEqual(names);
      expect(bits(back.vectors)).toEqual(bits(vectors));
      expect(Array.from(writeWord2vecBinary(back, { newline }))).toEqual(Array.from(bytes));
    }
    expect(Array.from(writeWord2vecBinary({ names, dim, vectors }))).toEqual(
      Array.from(lineCppBinary(names, dim, vectors)),
    );
  });

  it('text round trip reads back the same float32 bits (shortest round-trip decimals)', () => {
    const edge = Float32Array.of(1.401298464324817e-45, 3.4028234663852886e38, -1.1754943508222875e-38, 0.1, -0, 1);
    const all = Float32Array.from([...vectors, ...edge, ...randomVectors(1, 10, 9)]);
    const big = { names: [...names, 'edge', 'more'], dim: 6, vectors: all };
    const back = readWord2vecText(writeWord2vecText(big));
    expect(bits(back.vectors)).toEqual(bits(big.vectors));
    expect(float32ToString(0.1)).toBe('0.1');
    expect(float32ToString(Math.fround(0.1))).toBe('0.1');
    expect(float32ToString(-0)).toBe('-0');
  });

  it('malformed text → FormatError naming the line', () => {
    const cases: [string, number][] = [
      ['2 2\na 1 2\n', 2],
      ['2 2\na 1 2\nb 1\n', 3],
      ['1 2\na 1 x\n', 2],
      ['1 2\na 1 NaN\n', 2],
      ['2 2\na 1 2\na 3 4\n', 3],
      ['x 2\na 1 2\n', 1],
      ['1 2\na 1 2\nb 3 4\n', 3],
      ['', 1],
    ];
    for (const [text, line] of cases) {
      let err: unknown;
      try {
        readWord2vecText(text, 'v.txt');
      } catch (e) {
        err = e;
      }
      expect(err, text).toBeInstanceOf(FormatError);
      expect((err as FormatError).line, text).toBe(line);
      expect((err as FormatError).file).toBe('v.txt');
    }
  });

  it('malformed binary → FormatError naming the byte offset', () => {
    const good = writeWord2vecBinary({ names: ['a', 'b'], dim: 2, vectors: Float32Array.of(1, 2, 3, 4) });
    // "2 2\n" = 4 bytes; "a " + 8 + "\n" = 11 → b starts at 15, its floats at 17.
    const truncated = good.subarray(0, 20);
    const nan = good.slice();
    new DataView(nan.buffer).setFloat32(21, Number.NaN, true);
    const extra = Uint8Array.from([...good, 0x41]);
    const offsets: [Uint8Array, number][] = [
      [truncated, 17],
      [nan, 21],
      [extra, good.length],
      [new Uint8Array([0x32, 0x20, 0x32]), 0],
    ];
    for (const [bytes, offset] of offsets) {
      let err: unknown;
      try {
        readWord2vecBinary(bytes, 'v.bin');
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(FormatError);
      expect((err as FormatError).offset).toBe(offset);
    }
  });

  it('fuzz: random byte flips and truncations throw FormatError or read consistently', () => {
    const rng = new Rng(5);
    const base = writeWord2vecBinary({ names, dim, vectors });
    const text = new TextEncoder().encode(writeWord2vecText({ names, dim, vectors }));
    for (let t = 0; t < 400; t++) {
      const src = t % 2 ? base : text;
      const b = src.slice(0, 1 + Math.floor(rng.next() * src.length));
      for (let k = 0; k < 3; k++) b[Math.floor(rng.next() * b.length)] = Math.floor(rng.next() * 256);
      try {
        const r = readWord2vec(b);
        expect(r.vectors.length).toBe(r.names.length * r.dim);
        expect(r.vectors.every(Number.isFinite)).toBe(true);
      } catch (e) {
        expect(e).toBeInstanceOf(FormatError);
      }
    }
  });
});

describe('PBG TSV', () => {
  it('reads names with spaces, CRLF, BOM; round trips the bits', () => {
    const r = readPbgTsv('\ufeffNew York\t0.5\t1\r\nb\t-1\t2e-8 \r\n');
    expect(r.names).toEqual(['New York', 'b']);
    expect(r.dim).toBe(2);
    expect(Array.from(r.vectors)).toEqual([0.5, 1, -1, Math.fround(2e-8)]);
    const v = randomVectors(30, 7, 3);
    const e = { names: Array.from({ length: 30 }, (_, i) => `node ${i}`), dim: 7, vectors: v };
    expect(bits(readPbgTsv(writePbgTsv(e)).vectors)).toEqual(bits(v));
  });

  it('malformed lines → FormatError naming the line', () => {
    for (const [text, line] of [
      ['a\t1\t2\nb\t1\n', 2],
      ['a\t1\t2\n\nb\t1\tz\n', 3],
      ['a 1 2\n', 1],
      ['a\t1\na\t2\n', 2],
    ] as const) {
      expect(() => readPbgTsv(text, 'e.tsv')).toThrow(FormatError);
      try {
        readPbgTsv(text, 'e.tsv');
      } catch (e) {
        expect((e as FormatError).line).toBe(line);
      }
    }
  });

  it('fuzz: damaged TSV throws FormatError or reads consistently', () => {
    const rng = new Rng(8);
    const text = new TextEncoder().encode(
      writePbgTsv({ names: ['a b', 'c', 'd'], dim: 3, vectors: randomVectors(3, 3, 4) }),
    );
    for (let t = 0; t < 300; t++) {
      const b = text.slice(0, 1 + Math.floor(rng.next() * text.length));
      for (let k = 0; k < 2; k++) b[Math.floor(rng.next() * b.length)] = Math.floor(rng.next() * 256);
      try {
        const r = readPbgTsv(b);
        expect(r.vectors.length).toBe(r.names.length * r.dim);
      } catch (e) {
        expect(e).toBeInstanceOf(FormatError);
      }
    }
  });
});
