import { afterAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../errors.ts';
import { readWord2vec, writeWord2vecBinary } from '../../interop/word2vec.ts';
import type { NamedVectors } from '../../models/embedding/model.ts';
import { MemoryModelStore } from '../../store/memory-store.ts';
import { portWorkers } from '../../testing/rpc-fixtures.ts';
import type { World } from '../../world/types.ts';
import { connectTalent } from './client.ts';
import { entityToken, type EntityVectors } from './entity-vectors.ts';
import { evaluateTalent } from './evaluate.ts';
import type { EntityKind } from './graph/entity-graphs.ts';
import { TalentService, type TalentProgress, type TalentSearchForm } from './service.ts';
import type { EntitySpace } from './space.ts';

const KINDS: EntityKind[] = ['company', 'skill', 'title'];
const REQUEST = { members: 1_500, maxSamples: 40_000, towerEpochs: 2, seed: 5 };
const inside = (s: TalentService) => s as unknown as { world: World; space: EntitySpace };
const namesOf = (w: World, kind: EntityKind) =>
  kind === 'company' ? w.companies.name : kind === 'skill' ? w.catalog.skillName : w.catalog.titleName;

/** One word2vec binary file per graph, as LINE's C++ tool writes them, read back. */
function exportSpace(world: World, space: EntitySpace): Record<EntityKind, NamedVectors> {
  const out = {} as Record<EntityKind, NamedVectors>;
  for (const kind of KINDS) {
    const bytes = writeWord2vecBinary({
      names: namesOf(world, kind).map(entityToken),
      dim: space.dim,
      vectors: space[kind],
    });
    out[kind] = readWord2vec(bytes, { file: `${kind}.bin` });
  }
  return out;
}

const forms: TalentSearchForm[] = [
  { title: 3, skills: '', location: 255, minYears: 0, text: '', pooling: 'mean', k: 20 },
  {
    title: -1,
    skills: 'Python, SQL',
    location: 255,
    minYears: 2,
    text: 'senior data scientist',
    pooling: 'mean',
    k: 20,
  },
  { title: 7, skills: 'Django', location: 255, minYears: 0, text: '', pooling: 'max', k: 20 },
];

describe('talent search on imported entity vectors (issue 10 §3)', async () => {
  const original = new TalentService();
  const trained = await original.train(REQUEST);
  const { world, space } = inside(original);
  const files = exportSpace(world, space);
  const workers = portWorkers(() => new TalentService());
  const client = await connectTalent({ workers: { talent: workers.factory } });
  afterAll(() => client.dispose());

  it("a model's own LINE vectors, exported as word2vec and imported through the client, rank identically", async () => {
    expect(trained.lineBackend).toBe('CPU');
    const events: TalentProgress[] = [];
    const r = await client.train({ ...REQUEST, entityVectors: files }, (p) => events.push(p)).done;
    expect(r.lineBackend).toBe('imported');
    const entities = {
      company: world.companies.name.length,
      skill: world.catalog.skillName.length,
      title: world.catalog.titleName.length,
    };
    for (const kind of KINDS)
      expect(r.entityVectors?.[kind]).toEqual({
        matched: entities[kind],
        entities: entities[kind],
        unused: 0,
        unmatchedSample: [],
        dim: space.dim,
      });
    // LINE never ran; every kind said how it matched.
    expect(events.filter((e) => e.status === 'line')).toEqual([]);
    const imports = events.flatMap((e) => (e.status === 'stage' && e.vectors ? [e] : []));
    expect(imports.map((e) => e.vectors?.kind)).toEqual(KINDS);
    expect(imports[1]).toEqual({
      status: 'stage',
      message: `Imported skill vectors: matched ${entities.skill} of ${entities.skill} skills`,
      vectors: { kind: 'skill', ...r.entityVectors?.skill },
    });
    const imported = inside(workers.services[0].service as TalentService).space;
    for (const kind of KINDS) {
      // LINE's rows are already unit per order; re-normalising the whole row only scales it by 1/√2.
      const a = space[kind],
        b = imported[kind];
      let worst = 0;
      for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] / Math.SQRT2 - b[i]));
      expect(worst).toBeLessThan(1e-6);
    }
    // The offline evaluation agrees: the same NDCG@10 per stage on either space.
    const [ownNdcg, importedNdcg] = [
      (await evaluateTalent(world, { space, twoTower: { epochs: 2 } })).ndcg10,
      (await evaluateTalent(world, { space: imported, twoTower: { epochs: 2 } })).ndcg10,
    ];
    console.log('NDCG@10 own LINE space', ownNdcg, 'imported word2vec', importedNdcg);
    for (const stage of ['structured', 'line', 'twoTower'] as const)
      expect(importedNdcg[stage]).toBeCloseTo(ownNdcg[stage], 9);
    for (const form of forms) {
      const want = original.search(form);
      const got = await client.rank(form);
      expect(got.map((h) => h.member)).toEqual(want.map((h) => h.member));
      got.forEach((h, i) => expect(h.score).toBeCloseTo(want[i].score, 5));
      expect(got.map((h) => h.reasons)).toEqual(want.map((h) => h.reasons));
    }
  });

  it('reports the names a file lacks, gives those entities zero vectors, and trains LINE on the kinds not given', async () => {
    const skills = files.skill;
    const renamed = ['no_such_skill_1', 'no_such_skill_2', 'no_such_skill_3'];
    const names = skills.names.slice();
    const lost = names.splice(0, 3, ...renamed);
    const store = new MemoryModelStore();
    const service = new TalentService(store);
    const events: TalentProgress[] = [];
    const vectors: EntityVectors = { skill: { ...skills, names } };
    const r = await service.train({ ...REQUEST, entityVectors: vectors }, (p) => events.push(p));
    const n = world.catalog.skillName.length;
    expect(r.entityVectors).toEqual({
      skill: { matched: n - 3, entities: n, unused: 3, unmatchedSample: lost, dim: space.dim },
    });
    expect(events).toContainEqual({
      status: 'stage',
      message: `Imported skill vectors: matched ${n - 3} of ${n} skills (3 zero vectors, 3 vectors unused)`,
      vectors: { kind: 'skill', matched: n - 3, entities: n, unused: 3, unmatchedSample: lost, dim: space.dim },
    });
    // The other graphs trained LINE to the imported width (dim/2 per order).
    expect(events.filter((e) => e.status === 'line').map((e) => e.kind)).toEqual(['company', 'title']);
    expect(r.lineBackend).toBe('skill: imported; company: CPU; title: CPU');
    const s = inside(service).space;
    expect(s.dim).toBe(space.dim);
    expect(s.company.length).toBe(world.companies.name.length * space.dim);
    for (let v = 0; v < 3; v++) expect(s.skill.subarray(v * s.dim, (v + 1) * s.dim).every((x) => x === 0)).toBe(true);
    const row = s.skill.subarray(3 * s.dim, 4 * s.dim);
    expect(Math.sqrt(row.reduce((a, x) => a + x * x, 0))).toBeCloseTo(1, 5);
    const want = service.search(forms[1]);
    expect(want).toHaveLength(20);
    // Kept and restored: imported vectors are stored as a first-order LINE state and come back.
    await service.keep();
    const fresh = new TalentService(store);
    expect((await fresh.restore()).lineBackend).toBe(r.lineBackend);
    const back = inside(fresh).space;
    for (const kind of KINDS)
      expect(Array.from(back[kind]).every((x, i) => Math.abs(x - s[kind][i]) < 1e-6)).toBe(true);
    expect(fresh.search(forms[1]).map((h) => h.member)).toEqual(want.map((h) => h.member));
  });

  it('refuses vectors that match nothing, differ in width or are malformed, naming the kind', async () => {
    const service = new TalentService();
    const ids = { ...files.title, names: files.title.names.map((_, i) => String(i)) };
    await expect(service.train({ ...REQUEST, entityVectors: { title: ids } })).rejects.toThrow(
      /entityVectors\.title: none of the world's \d+ title names/,
    );
    const narrow = { names: files.skill.names, dim: 2, vectors: new Float32Array(files.skill.names.length * 2) };
    await expect(service.train({ ...REQUEST, entityVectors: { skill: narrow, title: files.title } })).rejects.toThrow(
      new InvalidArgumentError(`entityVectors.title has ${space.dim} dimensions, the other imported vectors 2`),
    );
    await expect(
      service.train({ ...REQUEST, entityVectors: { skill: { ...files.skill, vectors: new Float32Array(3) } } }),
    ).rejects.toThrow(/entityVectors\.skill: EmbeddingModel: 3 values/);
    await expect(
      service.train({ ...REQUEST, entityVectors: { skills: files.skill } as unknown as EntityVectors }),
    ).rejects.toThrow(/entityVectors\.skills is not a known field/);
  });
});
