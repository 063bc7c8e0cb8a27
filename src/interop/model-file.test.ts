import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/index.ts';
import { FormatError } from '../errors.ts';
import type { ModelState } from '../models/recommender.ts';
import { modelKinds } from '../models/registry.ts';
import { loadAndProbe, validStates } from '../testing/model-states.ts';
import { MODEL_FILE_FORMAT, modelStateFromSafetensors, modelStateToSafetensors } from './model-file.ts';
import { readSafetensors, writeSafetensors } from './safetensors.ts';

let states: Record<string, ModelState>;

beforeAll(async () => {
  await initBackend('cpu');
  states = await validStates();
}, 60_000);

const bits = (a: Float32Array | Int32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

describe('modelStateToSafetensors / modelStateFromSafetensors', () => {
  it('covers every registry kind', () => {
    for (const kind of modelKinds()) expect(Object.keys(states)).toContain(kind);
  });

  it('round-trips every state bit-identically (tensors, dtypes, config, meta), and the model loads the same', async () => {
    for (const [name, state] of Object.entries(states)) {
      const file = modelStateToSafetensors(state);
      const back = modelStateFromSafetensors(file, `${name}.safetensors`);
      expect(back, name).toEqual(state);
      expect(Object.keys(back.tensors).sort(), name).toEqual(Object.keys(state.tensors).sort());
      for (const [t, tensor] of Object.entries(state.tensors)) {
        expect(back.tensors[t].dtype, `${name}.${t}`).toBe(tensor.dtype);
        expect(back.tensors[t].data.constructor, `${name}.${t}`).toBe(tensor.data.constructor);
        expect(bits(back.tensors[t].data), `${name}.${t}`).toEqual(bits(tensor.data));
      }
      expect(modelStateToSafetensors(back), name).toEqual(file);
      if (!name.includes('@')) {
        const [want, got] = await Promise.all([loadAndProbe(name, state), loadAndProbe(name, back)]);
        expect(bits(got), name).toEqual(bits(want));
      }
    }
  }, 60_000);

  it('stores kind, stateVersion, config and meta as strings in __metadata__', () => {
    const { metadata, tensors } = readSafetensors(modelStateToSafetensors(states.mf));
    expect(metadata).toEqual({
      format: MODEL_FILE_FORMAT,
      kind: 'mf',
      stateVersion: String(states.mf.stateVersion),
      config: JSON.stringify(states.mf.config),
      meta: JSON.stringify(states.mf.meta),
    });
    expect(Object.keys(tensors).sort()).toEqual(Object.keys(states.mf.tensors).sort());
  });

  it('rejects a safetensors file that is not a linkrec model, naming the file and the entry', () => {
    const weights = { w: { shape: [1], data: Float32Array.of(1) } };
    const good = { format: MODEL_FILE_FORMAT, kind: 'mf', stateVersion: '2', config: '{}', meta: '{}' };
    const cases: [Record<string, string>, RegExp][] = [
      [{}, /no "format": not a linkrec model file/],
      [{ ...good, format: 'pt' }, /format is "pt"/],
      [{ ...good, kind: undefined as never }, /no "kind"/],
      [{ ...good, stateVersion: '1.5' }, /stateVersion is "1.5"/],
      [{ ...good, stateVersion: '0' }, /stateVersion is "0"/],
      [{ ...good, config: '{' }, /config is not valid JSON/],
      [{ ...good, meta: '[1]' }, /meta is not a JSON object/],
    ];
    for (const [metadata, problem] of cases) {
      const clean = Object.fromEntries(Object.entries(metadata).filter(([, v]) => v !== undefined));
      const err = (() => {
        try {
          modelStateFromSafetensors(writeSafetensors(weights, clean), 'x.safetensors');
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(FormatError);
      expect((err as FormatError).message).toMatch(problem);
      expect(err).toMatchObject({ file: 'x.safetensors', offset: 8 });
    }
    expect(() => modelStateFromSafetensors(new Uint8Array(3), 'y')).toThrow(FormatError);
  });
});
