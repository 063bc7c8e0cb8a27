import {
  Add,
  BatchMatMul,
  Concat,
  Maximum,
  Relu,
  Reshape,
  Rsqrt,
  Slice,
  UnsortedSegmentSum,
} from '@tensorflow/tfjs-core';
import { combineRequirements, MODEL_KERNELS, type KernelRequirements } from '../../backend/index.ts';

/**
 * Kernels NCF runs: the embedding + MLP family's, the segment sums of the seed variant's sparse
 * inputs, and the slices / reshapes of whole-catalogue scoring.
 */
export const NCF_KERNELS: KernelRequirements = combineRequirements(MODEL_KERNELS.embeddingMlp, {
  forward: [Add, BatchMatMul, Concat, Maximum, Relu, Reshape, Rsqrt, Slice, UnsortedSegmentSum],
  backward: [],
  gradients: [Add, Concat, Relu, Rsqrt, Reshape],
});
