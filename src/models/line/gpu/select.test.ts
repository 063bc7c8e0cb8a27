import { describe, expect, it } from 'vitest';
import { assertFitsDevice } from '../../../backend/gpu-device.ts';
import { GpuLimitError, InvalidArgumentError } from '../../../errors.ts';
import { chooseLanes, lineSubgroupKernel } from './kernel-subgroups.ts';
import { chooseLineKernel, kernelSource } from './select.ts';

describe('LINE GPU kernel choice and subgroup WGSL', () => {
  it('picks subgroups where the device has them, lanes ≤ subgroupMinSize, else thread-per-edge', () => {
    const nvidia = { hasSubgroups: true, subgroupMinSize: 32, subgroupMaxSize: 32 };
    expect(chooseLineKernel({ dim: 64, ...nvidia })).toEqual({ variant: 'subgroups', lanes: 16, reduce: 'shuffle' });
    expect(chooseLineKernel({ dim: 128, ...nvidia, lanes: 32 })).toEqual({
      variant: 'subgroups',
      lanes: 32,
      reduce: 'add',
    });
    expect(chooseLineKernel({ dim: 64, hasSubgroups: true, subgroupMinSize: 4, subgroupMaxSize: 4 })).toEqual({
      variant: 'subgroups',
      lanes: 4,
      reduce: 'add',
    });
    expect(chooseLineKernel({ dim: 64, hasSubgroups: true, subgroupMinSize: 8, subgroupMaxSize: 32 })).toEqual({
      variant: 'subgroups',
      lanes: 8,
      reduce: 'shuffle',
    });
    expect(chooseLineKernel({ dim: 64, hasSubgroups: false, subgroupMinSize: 32 })).toEqual({ variant: 'thread' });
    expect(chooseLineKernel({ dim: 64, hasSubgroups: true })).toEqual({ variant: 'thread' }); // sizes unknown
    expect(chooseLineKernel({ dim: 6, ...nvidia })).toEqual({ variant: 'thread' }); // no whole vec4s
    expect(chooseLineKernel({ dim: 64, ...nvidia, variant: 'thread' })).toEqual({ variant: 'thread' });
    expect(() => chooseLineKernel({ dim: 64, hasSubgroups: false, variant: 'subgroups' })).toThrow(
      /lacks the subgroups feature/,
    );
    expect(() =>
      chooseLineKernel({ dim: 64, hasSubgroups: true, subgroupMinSize: 4, variant: 'subgroups', lanes: 8 }),
    ).toThrow(InvalidArgumentError);
    expect([chooseLanes(64, 32), chooseLanes(128, 32, 32), chooseLanes(8, 32), chooseLanes(4, 32)]).toEqual([
      16, 32, 2, 0,
    ]);
  });

  it('generates the subgroup kernel: vec4 rows split over lanes, subgroupAdd or an XOR butterfly', () => {
    const add = lineSubgroupKernel({ dim: 64, order: 2, lanes: 4, reduce: 'add' });
    expect(add.startsWith('enable subgroups;')).toBe(true);
    expect(add).toContain('array<vec4<f32>>');
    expect(add).toContain('const PER: u32 = 4u;');
    expect(add).toContain('subgroupAdd(x)');
    expect(add).toContain('context[v + j * L] = cv[j] + g * uv[j]');
    const shuffle = lineSubgroupKernel({ dim: 128, order: 1, lanes: 16, reduce: 'shuffle' });
    expect(shuffle.match(/subgroupShuffleXor\(y, (\d+)u\)/g)).toEqual(
      [8, 4, 2, 1].map((m) => `subgroupShuffleXor(y, ${m}u)`),
    );
    expect(shuffle).not.toContain('context[');
    expect(shuffle).toContain('const PER: u32 = 2u;');
    expect(() => lineSubgroupKernel({ dim: 60, order: 2, lanes: 4, reduce: 'add' })).toThrow(InvalidArgumentError);
    expect(kernelSource({ variant: 'thread' }, 64, 2, 64)).not.toContain('subgroup');
  });

  it('names the buffer and sizes when a table exceeds the device limits', () => {
    const limits = { maxStorageBufferBindingSize: 1000, maxBufferSize: 4000 };
    expect(() => assertFitsDevice({ arcs: 1000, vertex: 1001 }, limits)).toThrow(GpuLimitError);
    expect(() => assertFitsDevice({ vertex: 1001 }, limits)).toThrow(
      /'vertex' needs 1001 bytes .* maxStorageBufferBindingSize is 1000 bytes/,
    );
    expect(() => assertFitsDevice({ vertex: 900 }, { maxStorageBufferBindingSize: 1000, maxBufferSize: 800 })).toThrow(
      /maxBufferSize/,
    );
    expect(() => assertFitsDevice({ vertex: 1000 }, limits)).not.toThrow();
  });
});
