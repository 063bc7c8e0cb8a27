import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, MODEL_KERNELS, requiredKernels } from '../backend/index.ts';
import { InvalidArgumentError, StateFormatError, StateVersionError, UnknownIdError } from '../errors.ts';
import { checkerboardFixture } from '../testing/recommender-fixtures.ts';
import { mfV2ToV1 } from './mf/index.ts';
import { createModel, modelEntry, modelFromState, modelInput, modelKinds, upgradeState } from './registry.ts';
import type { ModelState } from './recommender.ts';

const board = checkerboardFixture();
const allPairs = () => {
  const users = Int32Array.from({ length: 64 }, (_, k) => k >> 3);
  return [users, Int32Array.from(users, (_, k) => k & 7)] as const;
};

async function fittedState(kind: 'mf' | 'popular' | 'itemknn'): Promise<ModelState> {
  const m = createModel(kind, kind === 'mf' ? { dim: 4, epochs: 2, batchSize: 16, seed: 3 } : {});
  await m.fit(board.log);
  const state = await m.toState();
  m.dispose();
  return state;
}

beforeAll(async () => {
  await initBackend('cpu');
});

describe('model registry', () => {
  it('lists its kinds, with their versions and kernels', () => {
    expect(modelKinds().slice(0, 3)).toEqual(['popular', 'itemknn', 'mf']);
    expect(modelKinds()).toEqual(expect.arrayContaining(['gmf', 'mlp', 'neumf', 'ncf']));
    expect(modelEntry('mf').stateVersion).toBe(2);
    expect(requiredKernels(modelEntry('mf').kernels)).toEqual(
      expect.arrayContaining(requiredKernels(MODEL_KERNELS.embedding)),
    );
    expect(requiredKernels(modelEntry('popular').kernels)).toEqual([]);
    expect(modelEntry('itemknn')).toMatchObject({ personalised: true, iterative: false });
    // The course models train on watches with features, not an interaction log.
    expect(['glmix', 'blend', 'mf', 'nope'].map(modelInput)).toEqual([
      'courses',
      'courses',
      'interactions',
      'interactions',
    ]);
    expect(requiredKernels(modelEntry('blend').kernels)).toEqual(
      expect.arrayContaining(requiredKernels(modelEntry('glmix').kernels)),
    );
  });

  it('rejects an unknown kind and bad options with typed errors', async () => {
    expect(() => createModel('nope')).toThrow(UnknownIdError);
    expect(() => createModel('toString')).toThrow(/model kind/);
    expect(() => createModel('itemknn', { k: 0 })).toThrow(InvalidArgumentError);
    expect(() => createModel('mf', { dim: -1 })).toThrow(InvalidArgumentError);
    await expect(modelFromState({ kind: 'nope', stateVersion: 1, config: {}, tensors: {}, meta: {} })).rejects.toThrow(
      UnknownIdError,
    );
  });

  it('loads an mf v1 state (biases inside the embeddings) through the upgrade, with identical scores', async () => {
    const v2 = await fittedState('mf');
    const v1 = mfV2ToV1(v2);
    expect(v1.stateVersion).toBe(1);
    expect(Object.keys(v1.tensors).sort()).toEqual(['item', 'seen.items', 'seen.ptr', 'user']);
    expect(v1.tensors.user.shape).toEqual([8, 5]);
    expect(upgradeState(v1)).toEqual(v2);
    const [fromV1, fromV2] = [await modelFromState(structuredClone(v1)), await modelFromState(v2)];
    const [users, items] = allPairs();
    expect(await fromV1.score(users, items)).toEqual(await fromV2.score(users, items));
    expect((await fromV1.toState()).stateVersion).toBe(2);
    fromV1.dispose();
    fromV2.dispose();
  });

  it('refuses newer, invalid or unreachable versions with StateVersionError naming both', async () => {
    const v2 = await fittedState('mf');
    for (const found of [3, 0, 1.5]) {
      const err = await modelFromState({ ...v2, stateVersion: found }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StateVersionError);
      expect(err).toMatchObject({ kind: 'mf', found, supported: 2 });
      expect((err as Error).message).toContain(`version ${found}`);
    }
    const popular = await fittedState('popular');
    await expect(modelFromState({ ...popular, stateVersion: 2 })).rejects.toMatchObject({ found: 2, supported: 1 });
  });

  it('rejects a corrupt or mismatched state without leaking the half-built model', async () => {
    const knn = await fittedState('itemknn');
    const broken = structuredClone(knn);
    broken.tensors.nbr.data = new Int32Array(broken.tensors.nbr.data.length).fill(99);
    await expect(modelFromState(broken)).rejects.toMatchObject({
      name: 'StateFormatError',
      kind: 'itemknn',
      field: 'tensors.nbr',
    });
    const mf = await fittedState('mf');
    const short = { ...mf, tensors: { ...mf.tensors, itemEmb: { ...mf.tensors.itemEmb, shape: [7, 4] } } };
    await expect(modelFromState(short)).rejects.toThrow(StateFormatError);
    await expect(createModel('popular').fromState(mf)).rejects.toThrow(/cannot load a 'mf' state/);
  });
});
