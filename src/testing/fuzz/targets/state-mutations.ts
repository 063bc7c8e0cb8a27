/**
 * Mutations of a valid `ModelState`: one field of the state made wrong — a tensor value (NaN,
 * ±Infinity, negative, huge, out of range), its length, shape or dtype, an offset array made
 * non-monotonic, a config or meta field replaced by a wrong-typed or edge value, the kind or the
 * stateVersion changed, a whole part (tensors, meta, config) null or of the wrong type.
 */
import fc from 'fast-check';
import type { ModelState } from '../../../models/recommender.ts';
import { WEIRD_VALUES } from '../mutate.ts';

/** A mutation, positioned by fractions so it applies to any state. */
export interface StateMutation {
  op:
    | 'tensorValue'
    | 'tensorLength'
    | 'tensorShape'
    | 'tensorDtype'
    | 'tensorData'
    | 'nonMonotonic'
    | 'dropTensor'
    | 'field'
    | 'top';
  pick: number;
  at: number;
  value: unknown;
}

const TENSOR_VALUES = [
  NaN,
  Infinity,
  -Infinity,
  -1,
  -2,
  1e30,
  3.5e38,
  2 ** 31 - 1,
  -(2 ** 31),
  1e9,
  0.5,
  65536,
  7,
  255,
  256,
];
const fraction = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

export const stateMutation: fc.Arbitrary<StateMutation> = fc.record({
  op: fc.constantFrom<StateMutation['op']>(
    'tensorValue',
    'tensorValue',
    'tensorValue',
    'tensorLength',
    'tensorShape',
    'tensorDtype',
    'tensorData',
    'nonMonotonic',
    'nonMonotonic',
    'dropTensor',
    'field',
    'field',
    'field',
    'field',
    'top',
  ),
  pick: fraction,
  at: fraction,
  value: fc.oneof(fc.constantFrom(...TENSOR_VALUES), fc.constantFrom(...WEIRD_VALUES)),
});

/** A deep copy of a state (typed arrays copied). */
export function copyState(state: ModelState): ModelState {
  return structuredClone(state);
}

type Obj = Record<string, unknown>;

/** Paths of every leaf and container of a JSON-like value (long arrays: a few indices only). */
function paths(value: unknown, prefix: (string | number)[], out: (string | number)[][]): void {
  out.push(prefix);
  if (Array.isArray(value)) {
    const picks = value.length <= 6 ? value.keys() : [0, 1, value.length >> 1, value.length - 1].values();
    for (const k of picks) paths(value[k], [...prefix, k], out);
  } else if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    for (const k of Object.keys(value)) paths((value as Obj)[k], [...prefix, k], out);
  }
}

function setPath(root: Obj, path: (string | number)[], value: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  node[path[path.length - 1]] = value;
}

const numeric = (v: unknown): number => (typeof v === 'number' ? v : NaN);

/** Applies `m` to a copy of `state`; returns the copy and a description. */
export function mutateState(state: ModelState, m: StateMutation): { state: ModelState; edit: string } {
  const s = copyState(state) as ModelState & Obj;
  const names = Object.keys(s.tensors);
  const name = names[Math.floor(m.pick * names.length)];
  const t = s.tensors[name] as { shape: unknown; dtype: unknown; data: Float32Array | Int32Array } | undefined;
  const index = (len: number): number => Math.floor(m.at * len);
  switch (m.op) {
    case 'tensorValue': {
      if (!t || t.data.length === 0) break;
      const v = numeric(m.value);
      const k = index(t.data.length);
      t.data[k] = Number.isNaN(v) ? NaN : v;
      return { state: s, edit: `tensors.${name}[${k}] = ${v}` };
    }
    case 'tensorLength':
      if (!t) break;
      t.data = t.data.slice(0, Math.max(0, t.data.length - 1 - index(3)));
      return { state: s, edit: `tensors.${name} shortened to ${t.data.length}` };
    case 'tensorShape':
      if (!t) break;
      t.shape =
        m.at < 0.25
          ? m.value
          : m.at < 0.5
            ? [...(t.shape as number[])].reverse()
            : m.at < 0.75
              ? [...(t.shape as number[]), 1]
              : (t.shape as number[]).map((d) => d + 1);
      return { state: s, edit: `tensors.${name}.shape = ${JSON.stringify(t.shape)}` };
    case 'tensorDtype':
      if (!t) break;
      if (m.at < 0.5) t.dtype = t.dtype === 'float32' ? 'int32' : 'float32';
      else
        t.data = (t.data instanceof Float32Array ? Int32Array.from(t.data) : Float32Array.from(t.data)) as Float32Array;
      return { state: s, edit: `tensors.${name} dtype/data swapped (${m.at < 0.5 ? 'dtype' : 'data'})` };
    case 'tensorData':
      if (!t) break;
      (t as Obj).data = m.at < 0.5 ? m.value : Array.from(t.data);
      return { state: s, edit: `tensors.${name}.data = ${m.at < 0.5 ? String(m.value) : 'a plain array'}` };
    case 'nonMonotonic': {
      // Offsets (ptr/indptr) and index tensors: a value made smaller than its predecessor, or past the end.
      const ints = names.filter((n) => s.tensors[n].dtype === 'int32');
      const target = ints[Math.floor(m.pick * ints.length)];
      if (!target) break;
      const d = s.tensors[target].data;
      if (d.length < 2) break;
      const k = 1 + index(d.length - 1);
      d[k] = m.at < 0.5 ? d[k - 1] - 1 : d[d.length - 1] + 1 + Math.floor(m.at * 1000);
      return { state: s, edit: `tensors.${target}[${k}] = ${d[k]} (ordering broken)` };
    }
    case 'dropTensor':
      if (!name) break;
      if (m.at < 0.5) delete s.tensors[name];
      else (s.tensors[`${name}_x`] = s.tensors[name]), delete s.tensors[name];
      return { state: s, edit: `tensors.${name} ${m.at < 0.5 ? 'dropped' : 'renamed'}` };
    case 'field': {
      const all: (string | number)[][] = [];
      paths(s.config, ['config'], all);
      paths(s.meta, ['meta'], all);
      const path = all[Math.floor(m.pick * all.length)];
      // Half the time a plausible value of the same type (another order, a neighbouring count), not junk.
      const value =
        m.at < 0.5
          ? plausible(
              path.reduce<unknown>((node, k) => (node as Record<string | number, unknown>)[k], s),
              m.at,
            )
          : structuredCloneable(m.value);
      setPath(s, path, value);
      return { state: s, edit: `${path.join('.')} = ${String(value)}` };
    }
    case 'top':
      break;
  }
  const top = ['kind', 'stateVersion', 'stateVersion', 'config', 'meta', 'tensors'];
  const key = top[Math.floor(m.pick * top.length)];
  const value =
    key === 'stateVersion' && m.at < 0.5
      ? [0, 2, 99, 1.5, -1, NaN][Math.floor(m.at * 12)]
      : key === 'kind' && m.at < 0.5
        ? 'nope'
        : m.value;
  s[key] = value;
  return { state: s, edit: `${key} = ${String(value)}` };
}

const WORDS = ['first', 'second', 'both', 'mean', 'max', 'seed', 'mf', 'gmf', 'ncf', ''];

/** A value of the same type as `current`, different from it. */
function plausible(current: unknown, at: number): unknown {
  const r = Math.floor(at * 2 * 10);
  if (typeof current === 'number')
    return [current + 1, current - 1, current * 2, 0, current / 2, -current, current + 0.5, 1, 2, 1e6][r];
  if (typeof current === 'string') return WORDS[r] === current ? `${current}x` : WORDS[r];
  if (typeof current === 'boolean') return !current;
  if (Array.isArray(current)) return r % 2 ? current.slice(1) : [...current, current[0] ?? 0];
  return null;
}

function structuredCloneable(v: unknown): unknown {
  return ArrayBuffer.isView(v) ? Array.from(v as Float32Array) : v;
}
