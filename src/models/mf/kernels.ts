import { Add } from '@tensorflow/tfjs-core';
import { combineRequirements, MODEL_KERNELS, type KernelRequirements } from '../../backend';

/**
 * Kernels MF runs: the embedding family's, plus `Add` in the forward pass for the biases (the family
 * list has Add only among backward kernels, so an inference-only preflight would miss it).
 */
export const MF_KERNELS: KernelRequirements = combineRequirements(MODEL_KERNELS.embedding, {
  forward: [Add],
  backward: [],
  gradients: [Add],
});
