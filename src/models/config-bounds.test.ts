import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors.ts';
import { resolveSprConfig } from '../systems/feed/spr/config.ts';
import { resolveGlmixConfig } from './glmix/config.ts';
import { resolveLineConfig } from './line/config.ts';
import { resolveMfConfig } from './mf/config.ts';
import { resolveNcfConfig } from './ncf/config.ts';
import { createModel } from './registry.ts';

type Resolve = (config: Record<string, unknown>) => unknown;
const RESOLVERS: [string, Resolve][] = [
  ['mf', (c) => resolveMfConfig(c)],
  ['seed', (c) => resolveNcfConfig('seed', c)],
  ['glmix', (c) => resolveGlmixConfig(c)],
  ['line', (c) => resolveLineConfig(c)],
  ['spr', (c) => resolveSprConfig(c)],
];

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidArgumentError);
    return (err as Error).message;
  }
  throw new Error('expected an InvalidArgumentError');
}

describe('model config bounds', () => {
  it.each([
    ['mf', { dim: 2e9 }, 'mf: dim must be an integer in [1, 1024], got 2000000000'],
    ['mf', { epochs: 1001 }, 'mf: epochs must be an integer in [1, 1000], got 1001'],
    ['mf', { batchSize: 2 ** 20 + 1 }, 'mf: batchSize must be an integer in [1, 1048576], got 1048577'],
    ['mf', { learningRate: 0 }, 'mf: learningRate must be a finite number in (0, 10], got 0'],
    ['mf', { l2: Infinity }, 'mf: l2 must be a finite number in [0, 10], got Infinity'],
    [
      'seed',
      { layers: [64, 32, 16, 8, 4, 2, 2, 2, 2] },
      'seed: layers must be an array of 1 to 8 items, got an array of 9',
    ],
    ['seed', { layers: [8192] }, 'seed: layers[0] must be an integer in [2, 4096], got 8192'],
    ['seed', { window: 1001 }, 'seed: window must be an integer in [0, 1000], got 1001'],
    ['seed', { neighbours: 5000 }, 'seed: neighbours must be an integer in [1, 1000], got 5000'],
    ['seed', { causal: 'yes' }, 'seed: causal must be true or false, got "yes"'],
    ['glmix', { rounds: 1e6 }, 'glmix: rounds must be an integer in [1, 100], got 1000000'],
    ['glmix', { lambdaRandom: 0 }, 'glmix: lambdaRandom must be a finite number in (0, 1000000], got 0'],
    ['line', { dim: 2e9 }, 'line: dim must be an integer in [1, 1024], got 2000000000'],
    ['line', { order: 'third' }, 'line: order must be one of "first", "second", "both", got "third"'],
    ['line', { threads: 65 }, 'line: threads must be an integer in [1, 64], got 65'],
    ['spr', { bits: 27 }, 'spr: bits must be an integer in [8, 26], got 27'],
    ['spr', { epochs: 1e6 }, 'spr: epochs must be an integer in [0, 1000], got 1000000'],
  ])('%s %j: %s', (name, config, expected) => {
    const resolve = RESOLVERS.find(([n]) => n === name)![1];
    expect(message(() => resolve(config))).toBe(expected);
  });

  it.each(RESOLVERS)('%s rejects an unknown option (a typo is never silently ignored)', (name, resolve) => {
    expect(message(() => resolve({ dimm: 8 }))).toMatch(new RegExp(`^${name}: dimm is not a known field \\(known: `));
    expect(message(() => resolve(JSON.parse('{"__proto__": {"dim": 1}}')))).toMatch(/__proto__ is not a known field/);
    expect(message(() => resolve([] as unknown as Record<string, unknown>))).toMatch(/must be a plain object/);
  });

  it('the defaults and the bounds themselves are accepted', () => {
    expect(resolveMfConfig({ dim: 1024, epochs: 1000, batchSize: 2 ** 20 })).toMatchObject({ dim: 1024, epochs: 1000 });
    expect(resolveNcfConfig('mlp', { layers: [4096, 2], window: 1000 }).layers).toEqual([4096, 2]);
    for (const [, resolve] of RESOLVERS) expect(() => resolve({})).not.toThrow();
  });

  it('createModel goes through the same checks', () => {
    expect(() => createModel('mf', { dimm: 8 } as never)).toThrow(/mf: dimm is not a known field/);
    expect(() => createModel('neumf', { dim: 2e9 })).toThrow(/neumf: dim must be an integer in \[1, 1024\]/);
  });
});
