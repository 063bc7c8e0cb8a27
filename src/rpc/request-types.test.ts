/**
 * Typed training requests: `kind` is one of the registry's and `config` that kind's options, checked by
 * `tsc --noEmit` (the `@ts-expect-error` lines fail the type check if they ever compile). The runtime
 * half: the same typos are refused by the service's validation.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { MfConfig } from '../models/mf/index.ts';
import type { ModelConfigs, ModelKind } from '../models/registry.ts';
import type { CourseTrainRequest } from './protocol.ts';
import { checkTrainRequest } from './validate.ts';

const data = { csv: 'userId,movieId,rating,timestamp\n1,2,4,0\n' };

describe('CourseTrainRequest', () => {
  it('takes each kind with its own config', () => {
    const mf: CourseTrainRequest = { modelId: 'a', kind: 'mf', config: { dim: 32, epochs: 2 }, data };
    const blend: CourseTrainRequest = {
      modelId: 'b',
      kind: 'blend',
      config: { ncf: { epochs: 1 }, glmix: { rounds: 1 } },
      data,
    };
    const popular: CourseTrainRequest = { modelId: 'c', kind: 'popular', data };
    expect([mf, blend, popular].map((r) => checkTrainRequest(r).kind)).toEqual(['mf', 'blend', 'popular']);
  });

  it('narrows config by kind', () => {
    expectTypeOf<Extract<CourseTrainRequest, { kind: 'mf' }>['config']>().toEqualTypeOf<MfConfig | undefined>();
    expectTypeOf<CourseTrainRequest['kind']>().toEqualTypeOf<ModelKind>();
    expectTypeOf<Extract<CourseTrainRequest, { kind: 'glmix' }>['config']>().toEqualTypeOf<
      ModelConfigs['glmix'] | undefined
    >();
    // The heartbeat is the client's business.
    expectTypeOf<CourseTrainRequest>().not.toHaveProperty('heartbeatMs');
  });

  it('does not compile a typo in kind or config (and the service refuses them too)', () => {
    // @ts-expect-error: no kind 'mff'
    const badKind: CourseTrainRequest = { modelId: 'a', kind: 'mff', config: { dim: 32 }, data };
    // @ts-expect-error: MF has no option 'dimm'
    const badOption: CourseTrainRequest = { modelId: 'a', kind: 'mf', config: { dimm: 32 }, data };
    // @ts-expect-error: 'rounds' is GLMix's, not MF's
    const otherKinds: CourseTrainRequest = { modelId: 'a', kind: 'mf', config: { rounds: 2 }, data };
    // @ts-expect-error: dim is a number
    const badType: CourseTrainRequest = { modelId: 'a', kind: 'mf', config: { dim: '32' }, data };
    for (const r of [badKind, badOption, otherKinds, badType])
      expect(() => checkTrainRequest(r)).toThrow(/request\.kind|mf|dim/);
  });
});
