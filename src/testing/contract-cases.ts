/**
 * The registry models as contract cases, with options small enough for every backend (WebGPU on
 * SwiftShader takes ~200 ms a step): the MF checkerboard fit is 16 one-step epochs, the quick one
 * 3 epochs of 2 steps.
 */
import type { ContractCase } from './contract.ts';
import { courseFixture } from './course-fixtures.ts';

const NCF_QUICK = {
  dim: 4,
  layers: [8, 4],
  epochs: 3,
  batchSize: 16,
  negatives: 1,
  learningRate: 0.05,
  seed: 2,
  neighbours: 4,
};

/** One case per registry kind. */
export const CONTRACT_CASES: readonly ContractCase[] = [
  { kind: 'popular', config: {} },
  { kind: 'itemknn', config: { k: 20 } },
  {
    kind: 'mf',
    config: { dim: 8, epochs: 16, batchSize: 64, negatives: 2, learningRate: 0.05, seed: 1 },
    quickConfig: { dim: 4, epochs: 3, batchSize: 16, negatives: 1, learningRate: 0.05, seed: 2 },
  },
  ...(['gmf', 'mlp', 'neumf', 'ncf'] as const).map((kind) => ({
    kind,
    config: {
      dim: 8,
      layers: [16, 8],
      epochs: 16,
      batchSize: 64,
      negatives: 2,
      learningRate: 0.05,
      seed: 1,
      neighbours: 4,
    },
    quickConfig: NCF_QUICK,
  })),
  // Course models: the same fixture logs as watches with features (see course-fixtures.ts).
  {
    kind: 'glmix',
    config: { rounds: 2, newtonSteps: 2, negatives: 2 },
    quickConfig: { rounds: 1, newtonSteps: 1, negatives: 1 },
    data: courseFixture,
  },
  // The blender adds no kernel of its own (its parts are held to the contract on every backend).
  {
    kind: 'blend',
    config: {
      ncf: {
        dim: 8,
        layers: [16, 8],
        epochs: 16,
        batchSize: 64,
        negatives: 2,
        learningRate: 0.05,
        seed: 1,
        neighbours: 4,
      },
      glmix: { rounds: 2 },
    },
    quickConfig: { ncf: NCF_QUICK, glmix: { rounds: 1, newtonSteps: 1 } },
    data: courseFixture,
    backends: ['cpu', 'wasm'],
  },
];
