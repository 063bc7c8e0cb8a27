/**
 * Kernel preflight: before a model trains, check that the backend has every kernel its forward and
 * backward passes run, and that the gradient functions exist — so a missing kernel fails at once
 * with a list, not after minutes of training with "Kernel 'X' not registered".
 * The lists were read off `tf.profile(...).kernelNames` on cpu; a node test keeps them honest.
 */
import {
  Add,
  BatchMatMul,
  Cast,
  GatherV2,
  getGradient,
  getKernel,
  Identity,
  Mean,
  Multiply,
  Neg,
  RealDiv,
  Relu,
  Reshape,
  Sigmoid,
  Softplus,
  Sqrt,
  Square,
  Step,
  Sub,
  Sum,
  Transpose,
  UnsortedSegmentSum,
  ZerosLike,
} from '@tensorflow/tfjs-core';
import { MissingKernelError } from '../errors.ts';

/** The kernels one building block runs, and the ops whose gradient functions it needs. */
export interface KernelRequirements {
  /** Kernels of the forward pass (inference). */
  readonly forward: readonly string[];
  /** Extra kernels the backward pass or the optimiser update runs (training only). */
  readonly backward: readonly string[];
  /** Forward kernels that must have a registered gradient function (training only). */
  readonly gradients: readonly string[];
}

const req = (forward: string[], backward: string[], gradients: string[]): KernelRequirements =>
  Object.freeze({
    forward: Object.freeze(forward),
    backward: Object.freeze(backward),
    gradients: Object.freeze(gradients),
  });

/** Building blocks. Combine them with `combineRequirements` for a model. */
export const KERNELS = Object.freeze({
  /** `tf.gather` lookup; its gradient is a scatter-add (UnsortedSegmentSum). */
  embedding: req([GatherV2], [UnsortedSegmentSum, Reshape, Transpose], [GatherV2]),
  /** Row-wise dot product `sum(a * b, 1)`. */
  dotScore: req([Multiply, Sum], [Reshape, Cast], [Multiply, Sum]),
  /** Dense layer with ReLU: `relu(x · W + b)`. */
  dense: req([BatchMatMul, Add, Relu], [Step, Cast, Multiply, Reshape, Sum], [BatchMatMul, Add, Relu]),
  /** Sigmoid cross-entropy from logits as `softplus(z) − y·z`, plus `sigmoid` for predictions. */
  sigmoidCrossEntropy: req(
    [Softplus, Multiply, Sub, Mean, Sigmoid],
    [RealDiv, Neg, Cast, Reshape, Add],
    [Softplus, Multiply, Sub, Mean],
  ),
  /** `optimizer.minimize` itself (variable gradients start from an Identity). */
  training: req([], [Identity], []),
  /** Adam update (ZerosLike makes its moment slots on the first step). */
  adam: req([], [Sub, ZerosLike, Multiply, Add, Square, RealDiv, Sqrt], []),
  /** Plain SGD update. */
  sgd: req([], [Multiply, Add], []),
});

/** Union of several requirement lists, without duplicates. */
export function combineRequirements(...parts: readonly KernelRequirements[]): KernelRequirements {
  const union = (pick: (r: KernelRequirements) => readonly string[]) => [...new Set(parts.flatMap(pick))];
  return req(
    union((r) => r.forward),
    union((r) => r.backward),
    union((r) => r.gradients),
  );
}

/** Requirements of whole model families, trained with Adam. */
export const MODEL_KERNELS = Object.freeze({
  /** Embedding / matrix-factorisation models: gathered embeddings, dot score, logistic loss. */
  embedding: combineRequirements(
    KERNELS.embedding,
    KERNELS.dotScore,
    KERNELS.sigmoidCrossEntropy,
    KERNELS.training,
    KERNELS.adam,
  ),
  /** Multi-layer perceptron over dense features with a logistic output. */
  mlp: combineRequirements(KERNELS.dense, KERNELS.sigmoidCrossEntropy, KERNELS.training, KERNELS.adam),
  /** Embeddings followed by an MLP tower (NCF, two-tower). */
  embeddingMlp: combineRequirements(
    KERNELS.embedding,
    KERNELS.dotScore,
    KERNELS.dense,
    KERNELS.sigmoidCrossEntropy,
    KERNELS.training,
    KERNELS.adam,
  ),
});

/** Every kernel a model needs: forward only for inference, forward + backward for training. */
export function requiredKernels(r: KernelRequirements, training = true): string[] {
  return [...new Set(training ? [...r.forward, ...r.backward] : r.forward)];
}

/** The kernels in `required` that `backend` lacks, in the order given (tfjs-core `getKernel`). */
export function missingKernels(backend: string, required: readonly string[]): string[] {
  return [...new Set(required)].filter((k) => getKernel(k, backend) === undefined);
}

/** The ops in `ops` that have no registered gradient function. */
export function missingGradients(ops: readonly string[]): string[] {
  return [...new Set(ops)].filter((k) => getGradient(k) === undefined);
}

/**
 * Throws `MissingKernelError` listing every kernel in `required` that `backend` lacks.
 * @example assertKernels('wasm', requiredKernels(MODEL_KERNELS.embedding));
 */
export function assertKernels(backend: string, required: readonly string[]): void {
  const missing = missingKernels(backend, required);
  if (missing.length > 0) throw new MissingKernelError(backend, missing);
}

/**
 * Checks a whole model: kernels (forward, plus backward when training) and, when training, gradient
 * functions (reported as `"<Op> (gradient)"`). Throws one `MissingKernelError` listing all of them.
 */
export function assertModelKernels(backend: string, r: KernelRequirements, training = true): void {
  const missing = missingKernels(backend, requiredKernels(r, training));
  if (training) for (const k of missingGradients(r.gradients)) missing.push(`${k} (gradient)`);
  if (missing.length > 0) throw new MissingKernelError(backend, missing);
}
