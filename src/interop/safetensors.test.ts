import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError, InvalidArgumentError } from '../errors.ts';
import { deserializeError, serializeError } from '../rpc/errors.ts';
import { mutateText, weirdValue } from '../testing/fuzz/mutate.ts';
import { readSafetensors, writeSafetensors, type SafetensorsInput } from './safetensors.ts';

const FIXTURE = new URL('./fixtures/safetensors-python.safetensors', import.meta.url);

/** A file whose header is `header` (as given, unpadded) followed by `data` bytes. */
function handMade(header: unknown, data = new Uint8Array(0), rawHeader?: string): Uint8Array {
  const json = new TextEncoder().encode(rawHeader ?? JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setUint32(0, json.length, true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

function formatError(run: () => unknown): FormatError {
  try {
    run();
  } catch (err) {
    if (err instanceof FormatError) return err;
    throw err;
  }
  throw new Error('expected a FormatError');
}

const sample = (): Record<string, SafetensorsInput> => ({
  'user.emb': { shape: [3, 2], data: Float32Array.of(0.5, -1, Number.NaN, -0, 1e-40, 3.4e38) },
  ids: { shape: [4], data: Int32Array.of(-2147483648, 0, 7, 2147483647) },
  wide: { shape: [2], data: Float64Array.of(0.1, -2) },
  scalar: { shape: [], data: Float32Array.of(42) },
  empty: { shape: [0, 5], data: new Float32Array(0) },
});

describe('writeSafetensors / readSafetensors', () => {
  it('writes a reference-layout file: sorted names, space-padded 8-byte-aligned header, aligned data', () => {
    const bytes = writeSafetensors(sample(), { b: '2', a: '1' });
    const n = new DataView(bytes.buffer).getUint32(0, true);
    expect(n % 8).toBe(0);
    const text = new TextDecoder().decode(bytes.subarray(8, 8 + n));
    expect(text.trimEnd().length).toBeLessThanOrEqual(n);
    expect(text.slice(text.trimEnd().length)).toMatch(/^ *$/);
    const header = JSON.parse(text);
    expect(Object.keys(header)).toEqual(['__metadata__', 'empty', 'ids', 'scalar', 'user.emb', 'wide']);
    expect(Object.keys(header.__metadata__)).toEqual(['a', 'b']);
    expect(header.ids).toEqual({ dtype: 'I32', shape: [4], data_offsets: [0, 16] });
    expect(header.wide.dtype).toBe('F64');
  });

  it('round-trips bit-identically (NaN, -0, subnormals included), and write(read(file)) is the same file', () => {
    const input = sample();
    const bytes = writeSafetensors(input, { source: 'test' });
    const { tensors, metadata } = readSafetensors(bytes, 'a.safetensors');
    expect(metadata).toEqual({ source: 'test' });
    for (const [name, t] of Object.entries(input)) {
      const got = tensors[name];
      expect(got.shape).toEqual(t.shape);
      if (t.data instanceof Float64Array) {
        expect(got.dtype).toBe('F64');
        expect(Array.from(got.data)).toEqual(Array.from(t.data, Math.fround));
        continue;
      }
      expect(got.data.constructor).toBe(t.data.constructor);
      expect(new Uint8Array(got.data.buffer, got.data.byteOffset, got.data.byteLength)).toEqual(
        new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength),
      );
    }
    const { wide: _f64, ...rest } = input;
    const once = writeSafetensors(rest, { source: 'test' });
    const again = readSafetensors(once);
    expect(writeSafetensors(again.tensors, again.metadata)).toEqual(once);
  });

  it('round-trips arbitrary float32 bit patterns and int32 values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 40 }),
        fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 40 }),
        fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
        (floatBits, ints, metadata) => {
          const f = new Float32Array(Int32Array.from(floatBits).buffer);
          const bytes = writeSafetensors(
            { f: { shape: [f.length], data: f }, i: { shape: [ints.length], data: Int32Array.from(ints) } },
            metadata,
          );
          const got = readSafetensors(bytes);
          expect(Array.from(new Int32Array(got.tensors.f.data.buffer))).toEqual(floatBits);
          expect(Array.from(got.tensors.i.data)).toEqual(ints);
          expect(got.metadata).toEqual(metadata);
        },
      ),
      { seed: 10, numRuns: 200 },
    );
  });

  it('keeps odd tensor names (__proto__, unicode) as own data', () => {
    const bytes = writeSafetensors({
      ['__proto__']: { shape: [1], data: Float32Array.of(1) },
      'é/ü': { shape: [1], data: Int32Array.of(2) },
    });
    const { tensors } = readSafetensors(bytes);
    expect(Object.keys(tensors).sort()).toEqual(['__proto__', 'é/ü']);
    expect(Object.getPrototypeOf(tensors)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(tensors, '__proto__')?.value.data).toEqual(Float32Array.of(1));
  });

  it('rejects bad writer input with InvalidArgumentError', () => {
    expect(() => writeSafetensors({ a: { shape: [3], data: new Float32Array(2) } })).toThrow(InvalidArgumentError);
    expect(() => writeSafetensors({ __metadata__: { shape: [1], data: new Float32Array(1) } })).toThrow(
      InvalidArgumentError,
    );
    expect(() => writeSafetensors({ a: { shape: [1.5], data: new Float32Array(1) } })).toThrow(InvalidArgumentError);
  });
});

describe('a file written by Python (struct + json, torch bytes; unpadded header)', () => {
  const { tensors, metadata } = readSafetensors(
    new Uint8Array(readFileSync(FIXTURE)),
    'safetensors-python.safetensors',
  );

  it('reads a Node Buffer (a view into a shared pool) the same as a plain copy', () => {
    const buffer = readFileSync(FIXTURE);
    const fromBuffer = readSafetensors(buffer);
    expect(fromBuffer.tensors).toEqual(tensors);
    for (const t of Object.values(fromBuffer.tensors)) expect(t.data.buffer.byteLength).toBe(t.data.byteLength);
  });

  it('reads every dtype by the stated policy', () => {
    expect(metadata).toEqual({ format: 'pt', source: 'python' });
    expect(tensors.f32).toMatchObject({ dtype: 'F32', shape: [2, 3] });
    expect(Array.from(tensors.f32.data)).toEqual(Array.from([0.5, -1.25, 3, 1e-3, 7, -0], Math.fround));
    expect(Object.is(tensors.f32.data[5], -0)).toBe(true);
    expect(tensors.f64).toMatchObject({ dtype: 'F64', shape: [2] });
    expect(tensors.f64.data).toBeInstanceOf(Float32Array);
    expect(Array.from(tensors.f64.data)).toEqual([Math.fround(0.1), Math.fround(1 / 3)]);
    expect(Array.from(tensors.f16.data)).toEqual([1.5, -2, 65504, 2 ** -24]);
    expect(Array.from(tensors.bf16.data)).toEqual([1, -3.140625]);
    expect(tensors.i64).toMatchObject({ dtype: 'I64', shape: [3] });
    expect(tensors.i64.data).toBeInstanceOf(Int32Array);
    expect(Array.from(tensors.i64.data)).toEqual([1, -2, 2147483647]);
    expect(tensors.i32).toMatchObject({ dtype: 'I32', shape: [2, 1] });
    expect(Array.from(tensors.i32.data)).toEqual([-7, 8]);
  });
});

describe('validation: every fault is a FormatError naming the file, offset and tensor', () => {
  const f32 = (n: number) => new Uint8Array(4 * n);

  it.each([
    ['a file shorter than 8 bytes', () => new Uint8Array(5), 0, /shorter than the 8-byte/],
    ['a header length past the end', () => handMade({}).slice(0, 9), 0, /runs past the end/],
    ['a header length over 2^32', () => Uint8Array.of(0, 0, 0, 0, 1, 0, 0, 0), 0, /too large/],
    ['bad JSON', () => handMade(null, undefined, '{"a":'), 8, /not valid JSON/],
    ['a header that is an array', () => handMade(null, undefined, '[1]'), 8, /does not start with/],
    [
      'invalid UTF-8',
      () => handMade(null, undefined, '{"\u00ff":1}').map((b) => (b === 0xc3 ? 0xff : b)),
      8,
      /not valid UTF-8/,
    ],
    ['a non-string metadata value', () => handMade({ __metadata__: { a: 1 } }), 8, /__metadata__\.a/],
    [
      'an unknown dtype',
      () => handMade({ t: { dtype: 'F8', shape: [1], data_offsets: [0, 1] } }, new Uint8Array(1)),
      8,
      /tensor "t": unsupported dtype/,
    ],
    [
      'a negative dim',
      () => handMade({ t: { dtype: 'F32', shape: [-1], data_offsets: [0, 0] } }),
      8,
      /tensor "t": shape/,
    ],
    [
      'reversed offsets',
      () => handMade({ t: { dtype: 'F32', shape: [1], data_offsets: [4, 0] } }, f32(1)),
      8,
      /tensor "t": data_offsets/,
    ],
  ] as const)('%s', (_, make, offset, problem) => {
    const err = formatError(() => readSafetensors(make(), 'bad.safetensors'));
    expect(err.file).toBe('bad.safetensors');
    expect(err.offset).toBe(offset);
    expect(err.message).toMatch(problem);
    expect(err.message).toContain('bad.safetensors');
  });

  it('names the absolute byte offset of out-of-range, mis-sized, overlapping, gapped and trailing data', () => {
    const head = (h: unknown) => 8 + new TextEncoder().encode(JSON.stringify(h)).length;
    const cases: [unknown, number, number, RegExp][] = [
      [{ t: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } }, 4, 0, /tensor "t".*run past the 4-byte/],
      [{ t: { dtype: 'F32', shape: [2], data_offsets: [0, 4] } }, 4, 0, /tensor "t".*needs 8/],
      [
        {
          a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] },
          b: { dtype: 'F32', shape: [1], data_offsets: [4, 8] },
        },
        8,
        4,
        /tensor "b" overlaps/,
      ],
      [
        {
          a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] },
          b: { dtype: 'F32', shape: [1], data_offsets: [8, 12] },
        },
        12,
        4,
        /gap .* before tensor "b"/,
      ],
      [{ a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } }, 6, 4, /2 trailing byte/],
    ];
    for (const [header, dataBytes, relative, problem] of cases) {
      const err = formatError(() => readSafetensors(handMade(header, new Uint8Array(dataBytes)), 'x'));
      expect(err.message).toMatch(problem);
      expect(err.offset).toBe(head(header) + relative);
    }
  });

  it('rejects an I64 value outside the int32 range at its byte', () => {
    const data = new Uint8Array(16);
    new DataView(data.buffer).setBigInt64(8, 2n ** 31n, true);
    const header = { big: { dtype: 'I64', shape: [2], data_offsets: [0, 16] } };
    const err = formatError(() => readSafetensors(handMade(header, data), 'i64'));
    expect(err.message).toMatch(/tensor "big": I64 element 1 \(2147483648\)/);
    expect(err.offset).toBe(8 + JSON.stringify(header).length + 8);
  });

  it('crosses the worker boundary as a FormatError with its fields', () => {
    const err = formatError(() => readSafetensors(new Uint8Array(3), 'w.safetensors'));
    const back = deserializeError(structuredClone(serializeError(err)));
    expect(back).toBeInstanceOf(FormatError);
    expect(back).toMatchObject({ name: 'FormatError', file: 'w.safetensors', offset: 0, message: err.message });
  });
});

describe('fuzz: truncations, bit flips and header edits give a FormatError or a valid file, never a crash', () => {
  const valid = writeSafetensors(sample(), { source: 'fuzz' });
  const python = new Uint8Array(readFileSync(FIXTURE));
  const headerText = (b: Uint8Array) =>
    new TextDecoder().decode(b.subarray(8, 8 + new DataView(b.buffer).getUint32(0, true)));

  /** Reads `bytes`; only a FormatError may escape, and an accepted file must re-write consistently. */
  const outcomes = { accepted: 0, rejected: 0 };
  function check(bytes: Uint8Array): void {
    try {
      const { tensors, metadata } = readSafetensors(bytes, 'fuzz.safetensors');
      outcomes.accepted++;
      for (const t of Object.values(tensors)) expect(t.data.length).toBe(t.shape.reduce((a, d) => a * d, 1));
      const again = readSafetensors(writeSafetensors(tensors, metadata));
      expect(Object.keys(again.tensors).sort()).toEqual(Object.keys(tensors).sort());
    } catch (err) {
      if (!(err instanceof FormatError)) throw err;
      outcomes.rejected++;
      expect(err.file).toBe('fuzz.safetensors');
      expect(Number.isSafeInteger(err.offset)).toBe(true);
    }
  }

  const base = fc.constantFrom(valid, python);

  it('truncations', () => {
    fc.assert(
      fc.property(base, fc.nat(), (b, cut) => check(b.slice(0, cut % (b.length + 1)))),
      { seed: 1, numRuns: 300 },
    );
  });

  it('bit flips and byte overwrites', () => {
    fc.assert(
      fc.property(
        base,
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 })), { minLength: 1, maxLength: 4 }),
        (b, edits) => {
          const out = b.slice();
          for (const [at, v] of edits) out[at % out.length] ^= v === 0 ? 1 : v;
          check(out);
        },
      ),
      { seed: 2, numRuns: 600 },
    );
  });

  it('header edits: JSON values replaced by odd ones, lengths rewritten', () => {
    const odd = fc.constantFrom(
      '-1',
      '1e400',
      '1.5',
      '9007199254740993',
      'null',
      '"F32"',
      '[]',
      '{}',
      '[0]',
      '[0,1,2]',
      '"I64"',
      '"BF16"',
      '"x"',
      '0',
      '[1e10]',
      '[-0]',
      '[0,0]',
      '"__proto__"',
      'true',
    );
    fc.assert(
      fc.property(base, fc.nat(), odd, fc.integer({ min: -3, max: 3 }), (b, pick, token, lengthDelta) => {
        const text = headerText(b);
        const spots = [...text.matchAll(/-?\d+(\.\d+)?|"[^"]*"|\[[^\]]*\]/g)];
        const m = spots[pick % spots.length];
        const edited = text.slice(0, m.index) + token + text.slice(m.index + m[0].length);
        const json = new TextEncoder().encode(edited);
        const data = b.subarray(8 + new DataView(b.buffer).getUint32(0, true));
        const out = new Uint8Array(8 + json.length + data.length);
        new DataView(out.buffer).setUint32(0, Math.max(0, json.length + lengthDelta), true);
        out.set(json, 8);
        out.set(data, 8 + json.length);
        check(out);
      }),
      { seed: 3, numRuns: 600 },
    );
  });

  /** `b` with its header replaced by `text` (the length prefix rewritten to match). */
  function withHeader(b: Uint8Array, text: string): Uint8Array {
    const json = new TextEncoder().encode(text);
    const data = b.subarray(8 + new DataView(b.buffer).getUint32(0, true));
    const out = new Uint8Array(8 + json.length + data.length);
    new DataView(out.buffer).setUint32(0, json.length, true);
    out.set(json, 8);
    out.set(data, 8 + json.length);
    return out;
  }

  it("header text edits (the house's mutateText)", () => {
    fc.assert(
      fc.property(
        base.chain((b) => mutateText(fc.constant(headerText(b))).map((m) => withHeader(b, m.text))),
        check,
      ),
      { seed: 4, numRuns: 600 },
    );
  });

  it("header fields set to the house's weird values", () => {
    const fields = ['dtype', 'shape', 'data_offsets', '0', '1', 'entry', '__metadata__'];
    fc.assert(
      fc.property(base, fc.nat(), fc.constantFrom(...fields), weirdValue, (b, pick, field, value) => {
        const header = JSON.parse(headerText(b)) as Record<string, Record<string, unknown>>;
        const names = Object.keys(header).filter((n) => n !== '__metadata__');
        const name = names[pick % names.length];
        const entry = header[name];
        if (field === 'entry') header[name] = value as never;
        else if (field === '__metadata__') header.__metadata__ = { key: value } as never;
        else if (field === '0' || field === '1') (entry.data_offsets as unknown[])[Number(field)] = value;
        else entry[field] = value;
        const text = JSON.stringify(header);
        if (text !== undefined) check(withHeader(b, text));
      }),
      { seed: 5, numRuns: 600 },
    );
  });

  it('the cases above both accepted and rejected files (the mutations reach the checks)', () => {
    expect(outcomes.accepted).toBeGreaterThan(100);
    expect(outcomes.rejected).toBeGreaterThan(1000);
  });
});
