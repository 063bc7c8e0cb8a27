import { describe, expect, it } from 'vitest';
import { DataFormatError, StateVersionError, UnknownIdError } from '../errors.ts';
import { MemoryModelStore } from '../store/memory-store.ts';
import type { ModelState } from './recommender.ts';
import {
  bundleStates,
  FEED_KIND,
  stateKind,
  stateKinds,
  TALENT_KIND,
  unbundleStates,
  upgradeKindState,
} from './state-kinds.ts';
import { TwoTowerModel } from './two-tower/model.ts';
import { twoTowerFromState, twoTowerToState } from './two-tower/state.ts';

const part = (kind: string, values: number[]): ModelState => ({
  kind,
  stateVersion: 1,
  config: { dim: values.length },
  meta: { note: kind },
  tensors: { w: { shape: [values.length], dtype: 'float32', data: Float32Array.from(values) } },
});

describe('state kinds beside the registry', () => {
  it('list LINE, two-tower, the SPR and the two system bundles, each with a version', () => {
    expect(stateKinds()).toEqual(['line', 'two-tower', 'feed-spr', TALENT_KIND, FEED_KIND]);
    expect(stateKind('line').stateVersion).toBe(1);
    expect(() => stateKind('constructor')).toThrow(UnknownIdError);
  });

  it('run the upgrade chain of a kind, and refuse versions it cannot reach', () => {
    const table = () => ({
      stateVersion: 3,
      upgrades: {
        1: (s: ModelState) => ({ ...s, stateVersion: 2, meta: { ...s.meta, a: 1 } }),
        2: (s: ModelState) => ({ ...s, stateVersion: 3, meta: { ...s.meta, b: 2 } }),
      },
    });
    expect(upgradeKindState(part('line', [1]), 'line', table).meta).toEqual({ note: 'line', a: 1, b: 2 });
    for (const v of [0, 4, 1.5, NaN])
      expect(() => upgradeKindState({ ...part('line', [1]), stateVersion: v }, 'line', table)).toThrow(
        StateVersionError,
      );
    expect(() => upgradeKindState({ ...part('line', [1]), stateVersion: 99 }, 'line')).toThrow(/version 99/);
    expect(() => upgradeKindState(part('mf', [1]), 'line')).toThrow(DataFormatError);
  });

  it('bundle parts into one state that the store keeps and gives back whole', async () => {
    const bundle = bundleStates(FEED_KIND, { spr: part('feed-spr', [1, 2, 3]) }, { world: { members: 5 } });
    expect(Object.keys(bundle.tensors)).toEqual(['spr/w']);
    const store = new MemoryModelStore();
    await store.save('feed', bundle);
    const { state } = await store.load('feed');
    const { parts, meta } = unbundleStates(state, FEED_KIND, { spr: 'feed-spr' });
    expect(parts.spr).toEqual(part('feed-spr', [1, 2, 3]));
    expect(meta).toEqual({ world: { members: 5 } });
    expect(() => unbundleStates(state, FEED_KIND, { spr: 'line' })).toThrow(DataFormatError);
    expect(() => unbundleStates(state, FEED_KIND, { other: 'line' })).toThrow(/config\.parts\.other/);
    expect(() => unbundleStates({ ...state, config: { parts: null } }, FEED_KIND, { spr: 'feed-spr' })).toThrow(
      /config\.parts must be an object/,
    );
    expect(() => unbundleStates(state, TALENT_KIND, { spr: 'feed-spr' })).toThrow(DataFormatError);
  });

  it('two-tower: a state round trip scores bit-identically; a bad shape or value is a typed error', () => {
    const model = new TwoTowerModel(30, 40, { hidden: 8, dim: 4, seed: 7 });
    model.query.params.forEach((_, i, p) => (p[i] = Math.sin(i)));
    const back = twoTowerFromState(structuredClone(twoTowerToState(model)));
    const [q, m] = [
      [1, 5, 29],
      [0, 39, 7],
    ];
    expect(back.scoreVectors(back.embedQuery(q), back.embedMember(m))).toBe(
      model.scoreVectors(model.embedQuery(q), model.embedMember(m)),
    );
    const state = twoTowerToState(model);
    expect(() => twoTowerFromState({ ...state, config: { ...state.config, queryVocab: 31 } })).toThrow(/query/);
    expect(() => twoTowerFromState({ ...state, config: { ...state.config, hidden: 2 ** 30 } })).toThrow(
      /config\.hidden/,
    );
    expect(() => twoTowerFromState({ ...state, stateVersion: 2 })).toThrow(StateVersionError);
    (state.tensors.member.data as Float32Array)[3] = Infinity;
    expect(() => twoTowerFromState(state)).toThrow(/member.*(non-finite|Infinity)/);
  });
});
