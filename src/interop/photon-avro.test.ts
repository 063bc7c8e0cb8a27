import avsc from 'avsc';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors.ts';
import { AvroDecodeError, AvroReader, AvroWriter, compileAvroSchema } from './avro-binary.ts';
import {
  BAYESIAN_LINEAR_MODEL_AVRO,
  NAME_TERM_VALUE_AVRO,
  readPhotonModels,
  writePhotonModels,
  type BayesianLinearModel,
} from './photon-avro.ts';

// avsc (Node only here) is the reference our Buffer-free codec is checked against.
const registry = {};
avsc.Type.forSchema(NAME_TERM_VALUE_AVRO as unknown as avsc.Schema, { registry });
const photon = avsc.Type.forSchema(BAYESIAN_LINEAR_MODEL_AVRO as unknown as avsc.Schema, { registry });

const MODELS: BayesianLinearModel[] = [
  {
    modelId: 'global',
    modelClass: 'com.linkedin.photon.ml.supervised.classification.LogisticRegressionModel',
    means: [
      { name: '(INTERCEPT)', term: '', value: -1.5 },
      { name: 'skill', term: 'façade ☃', value: 1e-300 },
    ],
    variances: [{ name: '(INTERCEPT)', term: '', value: 0.01 }],
    lossFunction: null,
  },
  { modelId: 'm'.repeat(300), modelClass: null, means: [], variances: null, lossFunction: 'x' },
  {
    modelId: 'many',
    modelClass: null,
    means: Array.from({ length: 100 }, (_, i) => ({ name: `f${i}`, term: String(-i), value: i / 7 })),
    variances: [],
    lossFunction: null,
  },
];

/** A container of `records` under the writer's `schema`, each record encoded by avsc. */
function container(schema: object, records: object[]): Uint8Array {
  const type = avsc.Type.forSchema(schema as avsc.Schema);
  const sync = new Uint8Array(16).fill(7);
  const enc = new TextEncoder();
  const w = new AvroWriter().raw(Uint8Array.of(0x4f, 0x62, 0x6a, 1));
  w.long(1)
    .string('avro.schema')
    .bytes(enc.encode(JSON.stringify(schema)))
    .long(0)
    .raw(sync);
  const data = records.map((r) => new Uint8Array(type.toBuffer(r)));
  const size = data.reduce((a, d) => a + d.length, 0);
  w.long(records.length).long(size);
  for (const d of data) w.raw(d);
  return w.raw(sync).finish();
}

describe('Photon Avro without Buffer or avsc (checked against avsc)', () => {
  it('writes the bytes avsc encodes, under a schema avsc parses, and reads them back', async () => {
    const file = await writePhotonModels(MODELS);
    expect(await readPhotonModels(file)).toEqual(MODELS);
    // The header's schema is a standalone Avro schema that resolves to Photon's.
    const header = avsc.Type.forSchema({
      type: 'record',
      name: 'Header',
      fields: [
        { name: 'magic', type: { type: 'fixed', name: 'Magic', size: 4 } },
        { name: 'meta', type: { type: 'map', values: 'bytes' } },
        { name: 'sync', type: { type: 'fixed', name: 'Sync', size: 16 } },
      ],
    });
    const head = header.decode(Buffer.from(file), 0);
    const meta = (head.value as { meta: Record<string, Buffer> }).meta;
    const written = avsc.Type.forSchema(JSON.parse(meta['avro.schema'].toString()));
    const records = Buffer.concat(MODELS.map((m) => written.toBuffer(m)));
    expect(Buffer.from(file).indexOf(records)).toBeGreaterThan(head.offset);
    expect(Buffer.concat(MODELS.map((m) => photon.toBuffer(m))).equals(records)).toBe(true);
  });

  it("resolves another writer's schema by field name (order, extra fields, promotions, missing optionals)", async () => {
    const schema = {
      type: 'record',
      name: 'OldModel',
      namespace: 'some.where',
      fields: [
        { name: 'extra', type: { type: 'map', values: { type: 'enum', name: 'E', symbols: ['A', 'B'] } } },
        {
          name: 'means',
          type: {
            type: 'array',
            items: {
              type: 'record',
              name: 'Coef',
              fields: [
                { name: 'value', type: 'float' },
                { name: 'term', type: 'bytes' },
                { name: 'name', type: 'string' },
                { name: 'flag', type: ['null', 'boolean', { type: 'fixed', name: 'F', size: 3 }] },
              ],
            },
          },
        },
        { name: 'variances', type: ['null', { type: 'array', items: 'Coef' }] },
        { name: 'modelId', type: 'string' },
      ],
    };
    const bytes = container(schema, [
      {
        extra: { k: 'B' },
        means: [{ value: 0.5, term: Buffer.from('t'), name: 'n', flag: Buffer.from('abc') }],
        variances: [{ value: -2, term: Buffer.from(''), name: 'v', flag: true }],
        modelId: 'id7',
      },
    ]);
    expect(await readPhotonModels(bytes)).toEqual([
      {
        modelId: 'id7',
        modelClass: null,
        means: [{ name: 'n', term: 't', value: 0.5 }],
        variances: [{ name: 'v', term: '', value: -2 }],
        lossFunction: null,
      },
    ]);
    const wrong = container(
      {
        type: 'record',
        name: 'R',
        fields: [
          { name: 'modelId', type: 'string' },
          { name: 'means', type: 'string' },
        ],
      },
      [{ modelId: 'a', means: 'b' }],
    );
    const err = await readPhotonModels(wrong, 'wrong.avro').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FormatError);
    expect((err as FormatError).message).toMatch(
      /^wrong\.avro @byte 4: the file's schema \(R\) is not Photon's BayesianLinearModelAvro: its means is string/,
    );
  });
});

describe('Avro decoding limits', () => {
  it('a recursive schema nested past the limit, or a __proto__ map key, is data, not a crash', async () => {
    const list = { type: 'record', name: 'L', fields: [{ name: 'next', type: ['null', 'L'] }] };
    const deep = new AvroWriter();
    for (let i = 0; i < 1000; i++) deep.long(1);
    deep.long(0);
    const reader = new AvroReader(deep.finish());
    expect(() => reader.read(compileAvroSchema(list))).toThrow(AvroDecodeError);
    const map = new AvroWriter().long(1).string('__proto__').long(5).long(0).finish();
    const value = new AvroReader(map).read(compileAvroSchema({ type: 'map', values: 'long' })) as Record<
      string,
      number
    >;
    expect(value.__proto__).toBe(5);
    expect(Object.keys(value)).toEqual(['__proto__']);
  });
});
