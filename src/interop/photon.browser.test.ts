// Photon Avro in Chromium, where there is no Buffer: the committed fixtures (written by avsc in Node,
// null and deflate codecs) read and map onto a GLMix state, and a written container reads back.
import { describe, expect, it } from 'vitest';
import { resolveGlmixConfig } from '../models/glmix/config.ts';
import { encodeGlmixState } from '../models/glmix/state.ts';
import { Catalogue } from '../models/shared/catalogue.ts';
import courseUrl from './fixtures/photon-glmix-course.avro?url';
import fixedUrl from './fixtures/photon-glmix-fixed.avro?url';
import memberUrl from './fixtures/photon-glmix-member.avro?url';
import { readPhotonModels, writePhotonModels } from './photon-avro.ts';
import { glmixFromPhoton, glmixToPhoton } from './photon-glmix.ts';

const bytesOf = async (url: string) => new Uint8Array(await (await fetch(url)).arrayBuffer());
const rows = (ptr: number[], idx: number[]) => ({
  nRows: ptr.length - 1,
  nCols: 2,
  indptr: Int32Array.from(ptr),
  indices: Int32Array.from(idx),
});

/** The GLMix state of `photon.test.ts`: 3 learners × 4 courses, 2 seniorities, 2 categories, zero coefficients. */
function baseState() {
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

describe('Photon-ML Avro in the browser', () => {
  it('reads the fixtures (null and deflate) without Buffer and maps them onto GLMix', async () => {
    expect((globalThis as { Buffer?: unknown }).Buffer).toBeUndefined();
    const [fixed, member, course] = await Promise.all(
      [fixedUrl, memberUrl, courseUrl].map(async (u) => readPhotonModels(await bytesOf(u), u)),
    );
    expect(member.map((m) => m.modelId)).toEqual(['m0', 'm2', 'm9']);
    const { state, report } = glmixFromPhoton(baseState(), { fixed: fixed[0], member, course });
    expect(Array.from(state.tensors['beta.fixed'].data)).toEqual([
      -1.5, 0, 0.25, 0, 0, 0.75, 0, 0, 0, 0, 0, -0.5, 1.25, 0, 0,
    ]);
    expect(Array.from(state.tensors['beta.course'].data)).toEqual([0, 0, 0, 0.375, 0, -0.625, 0, 0, 0, -0.0625, 0, 0]);
    expect(report.member).toMatchObject({ records: 3, matchedEntities: 2, unknownEntities: 1, missingEntities: 1 });

    // Written here, read here: the same coefficients, and the same bytes on a second write.
    const out = glmixToPhoton(state);
    const file = await writePhotonModels(out.member);
    expect(await readPhotonModels(file)).toEqual(out.member);
    expect(Array.from(await writePhotonModels(out.member))).toEqual(Array.from(file));
  });
});
