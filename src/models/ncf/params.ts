/**
 * The NCF parameters by architecture, as named tfjs variables. Shapes follow from the sizes and the
 * settings alone, so a state is checked against them; initial values are drawn in JS from the seed,
 * so every backend starts from the same numbers.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '../../data/index.ts';
import { readAll } from '../shared/adam.ts';
import type { NcfSettings } from './config.ts';

/** Host copies of the parameters, by name. */
export type ParamArrays = Record<string, Float32Array>;

/** How one parameter starts: embedding (normal · initStd), dense (Glorot normal), ones or zeros. */
type Init = 'emb' | 'dense' | 'ones' | 'zeros';

interface Spec {
  shape: number[];
  init: Init;
  /** Row-indexed by user or item ids (regularised per touched row), or dense (regularised whole). */
  rows: 'user' | 'item' | 'dense';
}

/** The parameters of `s.arch` for `nUsers` × `nItems`, in a fixed order (Adam's slots follow it). */
export function paramSpecs(s: NcfSettings, nUsers: number, nItems: number): Record<string, Spec> {
  const specs: Record<string, Spec> = {};
  const emb = (name: string, n: number, d: number, rows: 'user' | 'item') =>
    (specs[name] = { shape: [n, d], init: 'emb', rows });
  const gmf = s.arch === 'gmf' || s.arch === 'neumf';
  const mlp = s.arch === 'mlp' || s.arch === 'neumf';
  if (gmf) emb('gmfUser', nUsers, s.dim, 'user'), emb('gmfItem', nItems, s.dim, 'item');
  if (mlp) {
    const e = s.layers[0] / 2;
    emb('mlpUser', nUsers, e, 'user');
    emb('mlpItem', nItems, e, 'item');
    for (let l = 1; l < s.layers.length; l++) {
      specs[`w${l}`] = { shape: [s.layers[l - 1], s.layers[l]], init: 'dense', rows: 'dense' };
      specs[`b${l}`] = { shape: [s.layers[l]], init: 'zeros', rows: 'dense' };
    }
  }
  if (s.arch === 'seed') emb('learner', nItems, s.dim, 'item'), emb('course', nItems, s.dim, 'item');
  specs.h = { shape: [outWidth(s)], init: s.arch === 'mlp' ? 'dense' : 'ones', rows: 'dense' };
  specs.itemBias = { shape: [nItems], init: 'zeros', rows: 'item' };
  if (s.timeWindowDays > 0) specs.timeW = { shape: [1], init: 'ones', rows: 'dense' };
  return specs;
}

/** Width of the vector the output layer `h` reads. */
export function outWidth(s: NcfSettings): number {
  const tower = s.layers[s.layers.length - 1];
  return s.arch === 'mlp' ? tower : s.arch === 'neumf' ? s.dim + tower : s.dim;
}

/** Seeded initial values for every spec. */
export function initArrays(s: NcfSettings, nUsers: number, nItems: number): ParamArrays {
  const rng = new Rng(s.seed).fork('init');
  const out: ParamArrays = {};
  for (const [name, spec] of Object.entries(paramSpecs(s, nUsers, nItems))) {
    const n = spec.shape.reduce((a, b) => a * b, 1);
    const fan = spec.shape.length === 2 ? spec.shape[0] + spec.shape[1] : spec.shape[0] + 1;
    const std = spec.init === 'emb' ? s.initStd : Math.sqrt(2 / fan);
    const a = new Float32Array(n);
    if (spec.init === 'ones') a.fill(1);
    else if (spec.init !== 'zeros') for (let k = 0; k < n; k++) a[k] = rng.normal() * std;
    out[name] = a;
  }
  return out;
}

/** The parameters as variables. */
export class NcfParams {
  private constructor(
    readonly vars: Record<string, tf.Variable>,
    readonly names: readonly string[],
  ) {}

  /** Variables holding copies of `arrays`, shaped by the specs. */
  static fromArrays(s: NcfSettings, nUsers: number, nItems: number, arrays: ParamArrays): NcfParams {
    const specs = paramSpecs(s, nUsers, nItems);
    const names = Object.keys(specs);
    const vars = tf.tidy(() => {
      const v: Record<string, tf.Variable> = {};
      for (const n of names) v[n] = tf.variable(tf.tensor(arrays[n].slice(), specs[n].shape, 'float32'), true);
      return v;
    });
    return new NcfParams(vars, names);
  }

  /** The variables in spec order. */
  list(): tf.Variable[] {
    return this.names.map((n) => this.vars[n]);
  }

  /** Host copies of every parameter; all reads are issued before the first await (one step's values). */
  toArrays(): Promise<ParamArrays> {
    return readAll(this.vars, this.names);
  }

  dispose(): void {
    tf.dispose(this.list());
  }
}
