// Photon Avro in Chromium, where there is no Buffer: the committed fixtures (written by avsc in Node,
// null and deflate codecs) read and map onto a GLMix state, and a written container reads back.
import { describe, expect, it } from 'vitest';
import courseUrl from './fixtures/photon-glmix-course.avro?url';
import fixedUrl from './fixtures/photon-glmix-fixed.avro?url';
import memberUrl from './fixtures/photon-glmix-member.avro?url';
import { readPhotonModels, writePhotonModels } from './photon-avro.ts';
import { glmixFromPhoton, glmixToPhoton } from './photon-glmix.ts';
import { baseState } from '../testing/photon-glmix-state.ts';

const bytesOf = async (url: string) => new Uint8Array(await (await fetch(url)).arrayBuffer());
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
