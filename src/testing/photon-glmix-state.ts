/** A tiny GLMix state for the Photon Avro tests (Node and Chromium): the mapping target of the fixtures. */
import { resolveGlmixConfig } from '../models/glmix/config.ts';
import { encodeGlmixState } from '../models/glmix/state.ts';
import { Catalogue } from '../models/shared/catalogue.ts';

const rows = (ptr: number[], idx: number[], nCols = 2) => ({
  nRows: ptr.length - 1,
  nCols,
  indptr: Int32Array.from(ptr),
  indices: Int32Array.from(idx),
});

/** A fitted-looking GLMix state of 3 learners × 4 courses, 2 seniorities, 2 categories, zero coefficients. */
export function baseState() {
  const data = {
    relevantSeconds: 60,
    members: {
      seniority: Uint8Array.of(0, 1, 1),
      industry: Uint16Array.of(0, 1, 0),
      skills: rows([0, 1, 2, 2], [0, 1]),
    },
    courses: {
      difficulty: Uint8Array.of(0, 1, 2, 1),
      category: Uint8Array.of(0, 1, 0, 1),
      skills: rows([0, 1, 2, 2, 3], [0, 1, 0]),
    },
    nSeniority: 2,
    nCategories: 2,
    skillFamily: Uint8Array.of(0, 1),
    categoryNames: ['data', 'design'],
  };
  const catalogue = new Catalogue(3, 4, {
    userIds: { kind: 'user', ids: ['m0', 'm1', 'm2'] },
    itemIds: { kind: 'item', ids: ['c0', 'c1', 'c2', 'c3'] },
  });
  const beta = { fixed: new Float32Array(15), member: new Float32Array(3 * 6), course: new Float32Array(4 * 3) };
  return encodeGlmixState(resolveGlmixConfig({}), catalogue, data, beta);
}
