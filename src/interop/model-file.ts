/**
 * linkrec's shipped-model file: a `ModelState` as a safetensors file. The state's tensors are the file's
 * tensors (float32 → F32, int32 → I32, bit for bit); `kind`, `stateVersion`, `config` and `meta` go in
 * the header's `__metadata__` as strings (`config` and `meta` as JSON), with `format` naming this
 * layout. Any safetensors tool can read the weights; `modelStateFromSafetensors` gives the state back.
 */
import { FormatError } from '../errors.ts';
import type { Json, ModelState, StateTensor } from '../models/recommender.ts';
import { readSafetensors, writeSafetensors, type SafetensorsInput } from './safetensors.ts';

/** The `format` metadata value of a linkrec model file (version 1 of this layout). */
export const MODEL_FILE_FORMAT = 'linkrec-model/1';

/**
 * A model state as a safetensors file (see the module comment for the layout).
 * @example
 * ```ts
 * import { IdbModelStore } from 'linkrec';
 * import { modelStateToSafetensors } from 'linkrec/interop';
 * const { state } = await (await IdbModelStore.open()).load('movies');
 * const file = new Blob([modelStateToSafetensors(state)]); // publish it, e.g. as /models/movies.safetensors
 * ```
 */
export function modelStateToSafetensors(state: ModelState): Uint8Array<ArrayBuffer> {
  const tensors: Record<string, SafetensorsInput> = {};
  for (const [name, t] of Object.entries(state.tensors))
    Object.defineProperty(tensors, name, { value: { shape: t.shape, data: t.data }, enumerable: true });
  return writeSafetensors(tensors, {
    format: MODEL_FILE_FORMAT,
    kind: state.kind,
    stateVersion: String(state.stateVersion),
    config: JSON.stringify(state.config),
    meta: JSON.stringify(state.meta),
  });
}

/**
 * The model state of a linkrec model file. Floating tensors become float32 and integer tensors int32
 * (a file written by {@link modelStateToSafetensors} gives back the same bits); the state is not
 * checked against its kind here (`modelFromState` does that).
 * @throws FormatError naming the file and the byte offset for a malformed file or a missing or invalid
 * `format`, `kind`, `stateVersion`, `config` or `meta` entry
 * @example
 * ```ts
 * import { modelStateFromSafetensors } from 'linkrec/interop';
 * import { modelFromState } from 'linkrec/courses';
 * const bytes = new Uint8Array(await (await fetch('/models/movies.safetensors')).arrayBuffer());
 * const model = await modelFromState(modelStateFromSafetensors(bytes, 'movies.safetensors'));
 * ```
 */
export function modelStateFromSafetensors(bytes: Uint8Array, file?: string): ModelState {
  const { tensors, metadata } = readSafetensors(bytes, file);
  const fail = (problem: string): never => {
    throw new FormatError(problem, { file, offset: 8 });
  };
  const entry = (key: string): string =>
    Object.hasOwn(metadata, key) ? metadata[key] : fail(`__metadata__ has no "${key}": not a linkrec model file`);
  const format = entry('format');
  if (format !== MODEL_FILE_FORMAT)
    fail(`__metadata__.format is ${JSON.stringify(format)}; this build reads ${MODEL_FILE_FORMAT}`);
  const kind = entry('kind');
  const versionText = entry('stateVersion');
  const stateVersion = Number(versionText);
  if (!/^[1-9]\d*$/.test(versionText) || !Number.isSafeInteger(stateVersion))
    fail(`__metadata__.stateVersion is ${JSON.stringify(versionText)}, not a positive integer`);
  const json = (key: string): { [key: string]: Json } => {
    let value: unknown;
    try {
      value = JSON.parse(entry(key));
    } catch {
      return fail(`__metadata__.${key} is not valid JSON`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      return fail(`__metadata__.${key} is not a JSON object`);
    return value as { [key: string]: Json };
  };
  const config = json('config');
  const meta = json('meta');
  const stateTensors: Record<string, StateTensor> = {};
  for (const [name, t] of Object.entries(tensors)) {
    const tensor: StateTensor =
      t.data instanceof Float32Array
        ? { shape: t.shape, dtype: 'float32', data: t.data }
        : { shape: t.shape, dtype: 'int32', data: t.data };
    Object.defineProperty(stateTensors, name, { value: tensor, enumerable: true, writable: true, configurable: true });
  }
  return { kind, stateVersion, config, meta, tensors: stateTensors };
}
