import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { MissingKernelError } from '../errors.ts';
import { createTinyEmbedding } from '../testing/tiny-embedding.ts';
import { registerUnsortedSegmentSum, unregisterUnsortedSegmentSum } from './kernels/unsorted-segment-sum.ts';
import {
  assertKernels,
  assertModelKernels,
  combineRequirements,
  KERNELS,
  missingKernels,
  MODEL_KERNELS,
  requiredKernels,
} from './preflight.ts';
import { initBackend } from './select.ts';

/** Kernels one call really runs, as tfjs's profiler sees them. */
async function kernelsRun(f: () => tf.TensorContainer): Promise<string[]> {
  return (await tf.profile(f)).kernelNames;
}

beforeAll(async () => {
  await initBackend('cpu');
});

describe('requirement lists match what training really runs (cpu)', () => {
  it('embedding model: every kernel of two Adam steps is listed', async () => {
    const model = createTinyEmbedding();
    const ran = [...(await kernelsRun(() => model.step())), ...(await kernelsRun(() => model.step()))];
    model.dispose();
    const listed = requiredKernels(MODEL_KERNELS.embedding);
    expect(ran.filter((k) => !listed.includes(k))).toEqual([]);
    expect(ran).toContain('UnsortedSegmentSum');
    expect(listed.filter((k) => !ran.includes(k))).toEqual([]); // and nothing listed that never runs
  });

  it('mlp: every kernel of an Adam step on a two-layer ReLU network is listed', async () => {
    const w1 = tf.variable(tf.randomNormal([8, 16]));
    const b1 = tf.variable(tf.zeros([16]));
    const w2 = tf.variable(tf.randomNormal([16, 1]));
    const x = tf.randomNormal([32, 8]);
    const y = tf.randomUniform([32]);
    const adam = tf.train.adam(0.01);
    const loss = () => {
      const z = tf.reshape(tf.matMul(tf.relu(tf.add(tf.matMul(x, w1), b1)), w2), [-1]);
      return tf.mean(tf.sub(tf.softplus(z), tf.mul(y, z))) as tf.Scalar;
    };
    const ran = await kernelsRun(() => adam.minimize(loss, true) as tf.Scalar);
    expect(ran.filter((k) => !requiredKernels(MODEL_KERNELS.mlp).includes(k))).toEqual([]);
    adam.dispose();
    tf.dispose([w1, b1, w2, x, y]);
  });

  it('inference needs only the forward kernels', () => {
    expect(requiredKernels(KERNELS.embedding, false)).toEqual(['GatherV2']);
    expect(combineRequirements(KERNELS.sgd, KERNELS.sgd).backward).toEqual(['Multiply', 'Add']);
  });
});

describe('assertKernels', () => {
  it('lists every missing kernel, not just the first', () => {
    const err = (() => {
      try {
        assertKernels('cpu', ['GatherV2', 'NoSuchKernel', 'MatMul', 'AlsoMissing']);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(MissingKernelError);
    // tfjs names the matmul kernel BatchMatMul; a plain "MatMul" kernel does not exist.
    expect(err).toMatchObject({ backend: 'cpu', kernels: ['NoSuchKernel', 'MatMul', 'AlsoMissing'] });
  });

  it('passes for the model families on cpu, forward and backward', () => {
    for (const r of Object.values(MODEL_KERNELS)) expect(() => assertModelKernels('cpu', r)).not.toThrow();
  });

  it('reports missing gradient functions by op name', () => {
    const r = combineRequirements(KERNELS.embedding, { forward: [], backward: [], gradients: ['NoSuchOp'] });
    expect(() => assertModelKernels('cpu', r)).toThrow("backend 'cpu' lacks kernel(s): NoSuchOp (gradient)");
    expect(() => assertModelKernels('cpu', r, false)).not.toThrow();
  });

  it('catches wasm without our UnsortedSegmentSum, and passes once it is registered', async () => {
    await initBackend('wasm');
    unregisterUnsortedSegmentSum('wasm');
    expect(missingKernels('wasm', requiredKernels(MODEL_KERNELS.embedding))).toEqual(['UnsortedSegmentSum']);
    expect(() => assertModelKernels('wasm', MODEL_KERNELS.embedding)).toThrow(MissingKernelError);
    expect(() => assertModelKernels('wasm', MODEL_KERNELS.embedding, false)).not.toThrow();
    registerUnsortedSegmentSum('wasm');
    expect(() => assertModelKernels('wasm', MODEL_KERNELS.embedding)).not.toThrow();
    expect(() => assertModelKernels('wasm', MODEL_KERNELS.mlp)).not.toThrow();
  });
});
