import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/index.ts';
import { describeRecommenderContract } from '../testing/contract.ts';
import { CONTRACT_CASES } from '../testing/contract-cases.ts';
import { modelKinds } from './registry.ts';

it('has a contract case for every registry model', () => {
  expect(CONTRACT_CASES.map((c) => c.kind).sort()).toEqual(modelKinds().sort());
});

// Every backend Chromium offers: WebGPU (SwiftShader here), WebGL2, wasm SIMD and plain JS.
for (const backend of ['webgpu', 'webgl', 'wasm', 'cpu'] as const) {
  describe(`contract on ${backend} in Chromium`, () => {
    beforeAll(async () => {
      expect((await initBackend(backend)).backend).toBe(backend);
    });
    for (const c of CONTRACT_CASES) describeRecommenderContract({ ...c, backend });
  });
}
