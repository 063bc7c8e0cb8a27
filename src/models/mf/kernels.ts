import { Add, BatchMatMul, Reshape } from '@tensorflow/tfjs-core';
import { combineRequirements, MODEL_KERNELS, type KernelRequirements } from '../../backend/index.ts';

/**
 * Kernels MF runs: the embedding family's, plus `Add` in the forward pass for the biases (the family
 * list has Add only among backward kernels, so an inference-only preflight would miss it), and the
 * matrix product that scores a user against the whole catalogue.
 */
export const MF_KERNELS: KernelRequirements = combineRequirements(MODEL_KERNELS.embedding, {
  forward: [Add, BatchMatMul, Reshape],
  backward: [],
  gradients: [Add],
});
