/**
 * A fast JS `UnsortedSegmentSum`, the kernel behind every embedding's gradient (`tf.gather`'s backward
 * pass). wasm has none ("Kernel 'UnsortedSegmentSum' not registered"), and cpu's stock kernel builds a
 * mask per segment, O(segments × rows × cols) — seconds per training step. Ours is one pass over the rows.
 */
import {
  getKernel,
  registerKernel,
  unregisterKernel,
  UnsortedSegmentSum,
  util,
  type DataType,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/** Backends that get our kernel; webgl and webgpu have working GPU kernels of their own. */
export type SegmentSumBackend = 'cpu' | 'wasm';

type NumericArray = Float32Array | Int32Array;

/**
 * Adds row `r` of `x` (`rowSize` values) into row `ids[r]` of `out`. Ids outside
 * `[0, numSegments)` add nothing, as in the stock tfjs kernels. `out` must start zeroed.
 */
export function segmentSumInto(
  x: ArrayLike<number>,
  ids: ArrayLike<number>,
  rowSize: number,
  numSegments: number,
  out: NumericArray,
): void {
  for (let r = 0; r < ids.length; r++) {
    const s = ids[r];
    if (s < 0 || s >= numSegments) continue;
    const src = r * rowSize;
    const dst = s * rowSize;
    for (let c = 0; c < rowSize; c++) out[dst + c] += x[src + c];
  }
}

interface Plan {
  outShape: number[];
  dtype: DataType;
  rowSize: number;
  numSegments: number;
}

/** Output shape `[numSegments, ...x.shape after the ids' rank]`, checked against the inputs. */
function plan(x: TensorInfo, ids: TensorInfo, numSegments: number): Plan {
  if (x.dtype !== 'float32' && x.dtype !== 'int32') {
    throw new Error(`UnsortedSegmentSum: x must be float32 or int32, got ${x.dtype}`);
  }
  if (ids.dtype !== 'int32') throw new Error(`UnsortedSegmentSum: segmentIds must be int32, got ${ids.dtype}`);
  if (!Number.isInteger(numSegments) || numSegments < 0) {
    throw new Error(`UnsortedSegmentSum: numSegments must be a non-negative integer, got ${numSegments}`);
  }
  const inner = x.shape.slice(ids.shape.length);
  const rowSize = util.sizeFromShape(inner);
  if (util.sizeFromShape(x.shape) !== util.sizeFromShape(ids.shape) * rowSize) {
    throw new Error(`UnsortedSegmentSum: segmentIds shape [${ids.shape}] is not a prefix of x shape [${x.shape}]`);
  }
  return { outShape: [numSegments, ...inner], dtype: x.dtype, rowSize, numSegments };
}

function args(params: Parameters<KernelFunc>[0]): { x: TensorInfo; ids: TensorInfo; numSegments: number } {
  const { x, segmentIds } = params.inputs;
  const numSegments = params.attrs?.numSegments;
  if (!x || !segmentIds) throw new Error('UnsortedSegmentSum: needs inputs x and segmentIds');
  return { x, ids: segmentIds, numSegments: Number(numSegments) };
}

const cpuKernel: KernelFunc = (params) => {
  const { x, ids, numSegments } = args(params);
  const backend = params.backend as MathBackendCPU;
  const p = plan(x, ids, numSegments);
  const size = util.sizeFromShape(p.outShape);
  const out = p.dtype === 'int32' ? new Int32Array(size) : new Float32Array(size);
  const xVals = backend.data.get(x.dataId).values as NumericArray;
  const idVals = backend.data.get(ids.dataId).values as Int32Array;
  segmentSumInto(xVals, idVals, p.rowSize, p.numSegments, out);
  return backend.makeTensorInfo(p.outShape, p.dtype, out);
};

const wasmKernel: KernelFunc = (params) => {
  const { x, ids, numSegments } = args(params);
  const backend = params.backend as BackendWasm;
  const p = plan(x, ids, numSegments);
  // Allocate first: malloc may grow the heap, which detaches views taken earlier.
  const outInfo = backend.makeOutput(p.outShape, p.dtype);
  if (util.sizeFromShape(p.outShape) === 0) return outInfo;
  const out = backend.typedArrayFromHeap(outInfo) as NumericArray;
  out.fill(0); // malloc does not zero
  const xVals = backend.typedArrayFromHeap(x);
  const idVals = backend.typedArrayFromHeap(ids);
  segmentSumInto(xVals, idVals, p.rowSize, p.numSegments, out);
  return outInfo;
};

const ours: Record<SegmentSumBackend, KernelConfig> = {
  cpu: { kernelName: UnsortedSegmentSum, backendName: 'cpu', kernelFunc: cpuKernel },
  wasm: { kernelName: UnsortedSegmentSum, backendName: 'wasm', kernelFunc: wasmKernel },
};

/** Kernels we displaced, so `unregisterUnsortedSegmentSum` can put them back (benchmarks, tests). */
const displaced = new Map<SegmentSumBackend, KernelConfig>();

/** True when our kernel is the one registered for `backend`. */
export function isOurUnsortedSegmentSum(backend: SegmentSumBackend): boolean {
  return getKernel(UnsortedSegmentSum, backend) === ours[backend];
}

/**
 * Registers our kernel for `backend`, replacing (and remembering) any stock one. Idempotent. Call it
 * after the backend's module has been imported: importing it later would re-register the stock kernel.
 * @returns true when the registry changed.
 */
export function registerUnsortedSegmentSum(backend: SegmentSumBackend): boolean {
  if (isOurUnsortedSegmentSum(backend)) return false;
  const existing = getKernel(UnsortedSegmentSum, backend);
  if (existing) {
    displaced.set(backend, existing);
    unregisterKernel(UnsortedSegmentSum, backend);
  }
  registerKernel(ours[backend]);
  return true;
}

/** Removes our kernel from `backend` and restores the stock one it displaced (if any). */
export function unregisterUnsortedSegmentSum(backend: SegmentSumBackend): void {
  if (!isOurUnsortedSegmentSum(backend)) return;
  unregisterKernel(UnsortedSegmentSum, backend);
  const stock = displaced.get(backend);
  if (stock) registerKernel(stock);
  displaced.delete(backend);
}
