import {
  Add,
  BatchMatMul,
  ExpandDims,
  GatherV2,
  Multiply,
  Reshape,
  Sigmoid,
  Sub,
  Sum,
  UnsortedSegmentSum,
} from '@tensorflow/tfjs-core';
import type { KernelRequirements } from '../../backend/index.ts';

/**
 * Kernels GLMix runs: the batched Newton passes' gathers, segment sums and products (gradients and
 * Hessians are written out by hand, so nothing needs a registered gradient). Scoring is on the host.
 */
export const GLMIX_KERNELS: KernelRequirements = Object.freeze({
  forward: [],
  backward: [Add, BatchMatMul, ExpandDims, GatherV2, Multiply, Reshape, Sigmoid, Sub, Sum, UnsortedSegmentSum],
  gradients: [],
});
