import { describe, expect, it } from 'vitest';
import { DataFormatError, InvalidArgumentError } from '../errors.ts';
import { legacyRecord } from '../testing/legacy-db.ts';
import { sampleState, stateMismatches } from '../testing/store-fixtures.ts';
import { decodeState, encodeWeights, fromLegacyRecord, nextInfo, shapeSize, WEIGHTS_FORMAT } from './codec.ts';
import type { WeightsRecord } from './schema.ts';

describe('store codec', () => {
  it('counts bytes and params, sharing whole buffers and copying views', () => {
    const state = sampleState({ rows: 6, dim: 5 });
    const { record, bytes, params } = encodeWeights('m', state);
    expect(params).toBe(2 * 30 + 6 + 1);
    expect(bytes).toBe(params * 4);
    expect(record.format).toBe(WEIGHTS_FORMAT);
    expect(record.tensors.map((t) => [t.name, t.dtype, t.shape])).toEqual([
      ['users', 'float32', [6, 5]],
      ['items', 'float32', [6, 5]],
      ['counts', 'int32', [6]],
      ['bias', 'float32', []],
    ]);
    expect(record.tensors[0].data).toBe(state.tensors.users.data.buffer);
    state.tensors.users.data = state.tensors.users.data.subarray(0, 30);
    const backing = new Float32Array(40);
    state.tensors.items.data = backing.subarray(10);
    const copied = encodeWeights('m', state).record.tensors[1].data;
    expect(copied).not.toBe(backing.buffer);
    expect(copied.byteLength).toBe(120);
  });

  it('round-trips a state through info + weights bit-exact', () => {
    const state = sampleState({ rows: 20, dim: 3 });
    const encoded = encodeWeights('m', state);
    const info = nextInfo('m', state, encoded, {}, undefined, 1000);
    expect(stateMismatches(decodeState(info, structuredClone(encoded.record)), state)).toBe(0);
  });

  it('bumps versions from the previous info and keeps its createdAt', () => {
    const state = sampleState();
    const encoded = encodeWeights('m', state);
    const first = nextInfo('m', state, encoded, { metrics: { hr10: 1 } }, undefined, 1000);
    expect(first).toMatchObject({ version: 1, createdAt: 1000, updatedAt: 1000, metrics: { hr10: 1 } });
    const second = nextInfo('m', state, encoded, { checkpoint: { epoch: 1, step: 2 } }, first, 2000);
    expect(second).toMatchObject({
      version: 2,
      createdAt: 1000,
      updatedAt: 2000,
      metrics: {},
      checkpoint: { epoch: 1, step: 2 },
    });
    expect(second.meta).toEqual({ dataset: 'fixture', users: 8, note: 'ünïcødé ✓' });
  });

  it('rejects malformed tensors, naming them', () => {
    const cases: [string, (s: ReturnType<typeof sampleState>) => void][] = [
      ['users', (s) => (s.tensors.users.shape = [2, -1])],
      ['items', (s) => (s.tensors.items.shape = [2.5, 2])],
      ['counts', (s) => (s.tensors.counts.data = new Float32Array(8))],
      ['bias', (s) => (s.tensors.bias.dtype = 'float64' as 'float32')],
      ['users', (s) => (s.tensors.users.data = new Float32Array(5))],
    ];
    for (const [name, spoil] of cases) {
      const state = sampleState();
      spoil(state);
      expect(() => encodeWeights('m', state)).toThrow(new RegExp(`'${name}'`));
      expect(() => encodeWeights('m', state)).toThrow(InvalidArgumentError);
    }
    expect(() => encodeWeights('m', { ...sampleState(), stateVersion: 1.5 })).toThrow(InvalidArgumentError);
  });

  it('refuses records of an unknown format or with truncated bytes', () => {
    const state = sampleState();
    const encoded = encodeWeights('m', state);
    const info = nextInfo('m', state, encoded, {}, undefined, 0);
    expect(() => decodeState(info, { ...encoded.record, format: WEIGHTS_FORMAT + 1 })).toThrow(DataFormatError);
    const truncated = structuredClone(encoded.record);
    truncated.tensors[0].data = truncated.tensors[0].data.slice(4);
    expect(() => decodeState(info, truncated)).toThrow(/'users'/);
  });

  it('raises DataFormatError, never a TypeError, for records of the wrong shape', () => {
    const stored = () => {
      const state = sampleState();
      const encoded = encodeWeights('m', state);
      return { info: nextInfo('m', state, encoded, {}, undefined, 0), record: structuredClone(encoded.record) };
    };
    const spoils: [RegExp, (r: WeightsRecord) => void][] = [
      [/tensors must be an array/, (r) => ((r as { tensors: unknown }).tensors = {})],
      [/shape must be an array/, (r) => ((r.tensors[0] as { shape: unknown }).shape = 'x')],
      [/shape must be an array/, (r) => ((r.tensors[0] as { shape: unknown }).shape = null)],
      [/meta must be an object/, (r) => ((r as { meta: unknown }).meta = null)],
      [/config must be an object/, (r) => ((r as { config: unknown }).config = null)],
      [/tensors\[0\] must be an object/, (r) => ((r.tensors as unknown[])[0] = null)],
      [/distinct tensor name/, (r) => (r.tensors[1].name = r.tensors[0].name)],
      // A tensor named __proto__ would replace the prototype of the tensors object.
      [/distinct tensor name/, (r) => (r.tensors[0].name = '__proto__')],
      [/does not match/, (r) => ((r.tensors[0] as { dtype: unknown }).dtype = 'toString')],
    ];
    for (const [problem, spoil] of spoils) {
      const { info, record } = stored();
      spoil(record);
      expect(() => decodeState(info, record)).toThrow(DataFormatError);
      expect(() => decodeState(info, record)).toThrow(problem);
    }
    expect(() => decodeState(null as never, stored().record)).toThrow(DataFormatError);
    expect(() => decodeState(stored().info, null as never)).toThrow(DataFormatError);
    expect(() => decodeState({ ...stored().info, kind: 5 } as never, stored().record)).toThrow(DataFormatError);
  });

  it('refuses to encode a state whose meta, config, tensors or a tensor is not an object', () => {
    for (const field of ['meta', 'config', 'tensors'] as const) {
      expect(() => encodeWeights('m', { ...sampleState(), [field]: null } as never)).toThrow(InvalidArgumentError);
    }
    const state = sampleState();
    (state.tensors as Record<string, unknown>).users = null;
    expect(() => encodeWeights('m', state)).toThrow(/'users'/);
    expect(() => encodeWeights('m', null as never)).toThrow(InvalidArgumentError);
    expect(() => fromLegacyRecord(null as never)).toThrow(DataFormatError);
    expect(() => fromLegacyRecord({ ...legacyRecord('old', sampleState()), state: null } as never)).toThrow(
      DataFormatError,
    );
  });

  it('converts a schema-v1 record, keeping its version, time and metrics', () => {
    const state = sampleState();
    const { info, weights } = fromLegacyRecord(legacyRecord('old', state, 7, 1234));
    expect(info).toMatchObject({
      id: 'old',
      version: 7,
      createdAt: 1234,
      updatedAt: 1234,
      metrics: { hr10: 0.5 },
      params: shapeSize([8, 4]) * 2 + 9,
    });
    expect(stateMismatches(decodeState(info, weights), state)).toBe(0);
    const bad = sampleState();
    bad.tensors.items.shape = [1];
    expect(() => fromLegacyRecord(legacyRecord('bad', bad))).toThrow(DataFormatError);
  });
});
