import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/index.ts';
import { FormatError } from '../errors.ts';
import { GlmixModel } from '../models/glmix/model.ts';
import { Rng } from '../data/rng.ts';
import { baseState } from '../testing/photon-glmix-state.ts';
import { readPhotonModels, writePhotonModels } from './photon-avro.ts';
import { glmixFeatureNames, glmixFromPhoton, glmixToPhoton } from './photon-glmix.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
beforeAll(async () => {
  await initBackend('cpu');
});

describe('Photon-ML GLMix (BayesianLinearModelAvro)', () => {
  it('reads containers avsc wrote (null and deflate codecs) and maps names/terms to our blocks', async () => {
    const fixed = await readPhotonModels(fixture('photon-glmix-fixed.avro'), 'fixed.avro');
    const member = await readPhotonModels(fixture('photon-glmix-member.avro'), 'member.avro');
    const course = await readPhotonModels(fixture('photon-glmix-course.avro'), 'course.avro');
    expect(fixed.map((m) => m.modelId)).toEqual(['global']);
    expect(member.map((m) => m.modelId)).toEqual(['m0', 'm2', 'm9']);
    const { state, report } = glmixFromPhoton(baseState(), { fixed: fixed[0], member, course });
    const f = Array.from(state.tensors['beta.fixed'].data);
    // intercept, difficulty 0..2, category data/design, seniority×difficulty (s,d), overlap, family, novel
    expect(f).toEqual([-1.5, 0, 0.25, 0, 0, 0.75, 0, 0, 0, 0, 0, -0.5, 1.25, 0, 0]);
    expect(Array.from(state.tensors['beta.member'].data)).toEqual([
      ...[0.5, 0, 0, 0, 0.125, 0],
      ...[0, 0, 0, 0, 0, 0],
      ...[0, -0.25, 0, 0, 0, 0],
    ]);
    expect(Array.from(state.tensors['beta.course'].data)).toEqual([0, 0, 0, 0.375, 0, -0.625, 0, 0, 0, -0.0625, 0, 0]);
    expect(report.fixed).toEqual({ matchedFeatures: 5, unmatchedFeatures: 1, unmatchedSample: ['title/engineer'] });
    expect(report.member).toMatchObject({ records: 3, matchedEntities: 2, unknownEntities: 1, missingEntities: 1 });
    expect(report.course).toMatchObject({
      matchedEntities: 2,
      missingEntities: 2,
      matchedFeatures: 3,
      unmatchedFeatures: 1,
    });
    const model = new GlmixModel();
    await model.fromState(state);
    const s = await model.score(Int32Array.of(0, 1), Int32Array.of(1, 1));
    expect(s.every(Number.isFinite)).toBe(true);
    expect(s[0]).not.toBe(s[1]); // m0's random effect moves its score
    model.dispose();
  });

  it('export → import is bit-identical (coefficients and container bytes)', async () => {
    const rng = new Rng(3);
    const base = baseState();
    const names = glmixFeatureNames({ nSeniority: 2, nCategories: 2, categoryNames: ['data', 'design'] });
    const random = (n: number) => Float32Array.from({ length: n }, () => Math.fround(rng.normal()));
    const withBeta = glmixFromPhoton(base, {
      fixed: {
        modelId: 'g',
        modelClass: null,
        means: names.fixed.map(([name, term]) => ({ name, term, value: rng.normal() })),
        variances: null,
        lossFunction: null,
      },
    }).state;
    withBeta.tensors['beta.member'].data = random(18);
    withBeta.tensors['beta.course'].data = random(12);
    const out = glmixToPhoton(withBeta);
    const files = await Promise.all([
      writePhotonModels([out.fixed]),
      writePhotonModels(out.member),
      writePhotonModels(out.course),
    ]);
    const [fixed, member, course] = await Promise.all(files.map((b) => readPhotonModels(b)));
    const back = glmixFromPhoton(base, { fixed: fixed[0], member, course }).state;
    for (const t of ['beta.fixed', 'beta.member', 'beta.course'])
      expect(new Uint32Array((back.tensors[t].data as Float32Array).buffer)).toEqual(
        new Uint32Array(Float32Array.from(withBeta.tensors[t].data).buffer),
      );
    expect(Array.from(await writePhotonModels(member))).toEqual(Array.from(files[1]));
  });

  it('malformed containers → FormatError naming the byte offset', async () => {
    const good = fixture('photon-glmix-course.avro');
    const cases: Uint8Array[] = [
      good.subarray(0, good.length - 5),
      Uint8Array.from(good, (b, i) => (i === 0 ? 0x58 : b)),
      Uint8Array.from(good, (b, i) => (i === good.length - 3 ? b ^ 0xff : b)),
      new Uint8Array(0),
    ];
    for (const bytes of cases) {
      const err = await readPhotonModels(bytes, 'bad.avro').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(FormatError);
      expect((err as FormatError).file).toBe('bad.avro');
      expect(typeof (err as FormatError).offset).toBe('number');
    }
    const rng = new Rng(11);
    for (let t = 0; t < 200; t++) {
      const b = good.slice();
      for (let k = 0; k < 2; k++) b[Math.floor(rng.next() * b.length)] = Math.floor(rng.next() * 256);
      const r = await readPhotonModels(b).catch((e: unknown) => e);
      if (!Array.isArray(r)) expect(r).toBeInstanceOf(FormatError);
    }
  });
});
