/**
 * Which LINE kernel a device runs: the subgroup variant where the device has `subgroups` and the
 * adapter reports its subgroup sizes, else thread-per-edge. Pure, so the choice is testable anywhere.
 */
import { InvalidArgumentError } from '../../../errors.ts';
import { lineKernel } from './kernel.ts';
import { chooseLanes, lanesFit, lineSubgroupKernel, type SubgroupReduce } from './kernel-subgroups.ts';

/** Which kernel to run: `'auto'` picks subgroups where possible. */
export type LineKernelVariant = 'auto' | 'subgroups' | 'thread';

/** The kernel chosen for a device. */
export type LineKernelChoice = { variant: 'thread' } | { variant: 'subgroups'; lanes: number; reduce: SubgroupReduce };

/** What the choice depends on. */
export interface LineKernelContext {
  dim: number;
  /** Whether the device was created with the `subgroups` feature. */
  hasSubgroups: boolean;
  subgroupMinSize?: number;
  subgroupMaxSize?: number;
  variant?: LineKernelVariant;
  /** Lanes per edge (default: {@link chooseLanes}). */
  lanes?: number;
}

/**
 * Picks the kernel; an explicit `'subgroups'` that cannot run throws `InvalidArgumentError`.
 * @example chooseLineKernel({ dim: 64, hasSubgroups: true, subgroupMinSize: 32, subgroupMaxSize: 32 }) // 16 lanes, shuffle
 */
export function chooseLineKernel(c: LineKernelContext): LineKernelChoice {
  const variant = c.variant ?? 'auto';
  if (variant === 'thread') return { variant: 'thread' };
  const min = c.subgroupMinSize ?? 0;
  const lanes = c.lanes ?? chooseLanes(c.dim, min);
  const why = !c.hasSubgroups
    ? 'the device lacks the subgroups feature'
    : min <= 0
      ? 'the adapter does not report subgroupMinSize'
      : !(lanes >= 2 && lanes <= min && lanesFit(c.dim, lanes))
        ? `${lanes} lanes per edge do not fit ${c.dim}-d rows within ${min}-lane subgroups`
        : null;
  if (why === null)
    return { variant: 'subgroups', lanes, reduce: min === lanes && c.subgroupMaxSize === lanes ? 'add' : 'shuffle' };
  if (variant === 'subgroups') throw new InvalidArgumentError(`line gpu: subgroup kernel unavailable: ${why}`);
  return { variant: 'thread' };
}

/** WGSL of `choice` for one order. */
export function kernelSource(choice: LineKernelChoice, dim: number, order: 1 | 2, workgroupSize: number): string {
  return choice.variant === 'thread'
    ? lineKernel(dim, order, workgroupSize)
    : lineSubgroupKernel({ dim, order, lanes: choice.lanes, reduce: choice.reduce, workgroupSize });
}
