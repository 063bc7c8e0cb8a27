import { describe, expect, it } from 'vitest';
import { csrHas } from '../../data/index.ts';
import { entityGraph } from './graph/entity-graphs.ts';
import { TalentService } from './service.ts';
import { talentWorld } from './stored.ts';

// The search tab's example query, as its placeholder reads.
const EXAMPLE = 'senior data scientist with Python in Berlin';

describe('the reading of a talent search', () => {
  it('finds Python, the title, seniority and city of the example query; lists unknown skill terms', async () => {
    const service = new TalentService();
    await service.train({ members: 1_000, maxSamples: 20_000, towerEpochs: 1 });
    const form = {
      title: -1,
      skills: 'SQL, zzz-not-a-skill',
      location: 255,
      minYears: 3,
      text: EXAMPLE,
      pooling: 'mean' as const,
    };
    const { reading, hits, pipeline } = service.inspect(form);
    // "Python" was missing from the skill vocabulary (the cspell term lists leave languages out): it is a skill now.
    expect(reading).toEqual({
      title: 'Data Scientist',
      titleFrom: 'text',
      seniority: 'senior',
      skills: ['Python', 'SQL'],
      unknownSkills: ['zzz-not-a-skill'],
      location: 'Berlin',
      locationFrom: 'text',
      minYears: 3,
      companies: [],
    });

    // P(accept) is the sigmoid of the final logistic combiner's logit, so it orders like the score.
    expect(hits).toHaveLength(10);
    for (const h of hits) {
      expect(h.pAccept).toBeCloseTo(1 / (1 + Math.exp(-h.score)), 12);
      expect(h.cosine).toBeGreaterThanOrEqual(-1);
      expect(h.cosine).toBeLessThanOrEqual(1);
    }
    expect(hits[0].pAccept).toBeGreaterThanOrEqual(hits[9].pAccept);
    // A reason that names a held skill is true for that member.
    const world = talentWorld({ members: 1_000, seed: 1 });
    const python = world.catalog.skillName.indexOf('Python');
    for (const h of hits)
      expect(h.reasons.some((r) => r.startsWith('has skills') && r.includes('Python'))).toBe(
        csrHas(world.members.skills, h.member, python),
      );

    // The pipeline's figures come from the objects: graph sizes, LINE per graph, this query's pooling.
    expect(pipeline.graphs).toEqual(
      (['company', 'skill', 'title'] as const).map((kind) => {
        const g = entityGraph(world, kind);
        return { kind, vertices: g.n, edges: g.src.length };
      }),
    );
    expect(pipeline.line.map((l) => [l.kind, l.source, l.order, l.samples])).toEqual([
      ['company', 'trained', 'both', 20_000],
      ['skill', 'trained', 'both', 20_000],
      ['title', 'trained', 'both', 20_000],
    ]);
    expect(pipeline.pooling.kinds).toEqual([
      { kind: 'title', named: 1, withVector: 1 },
      { kind: 'skill', named: 2, withVector: 2 },
      { kind: 'company', named: 0, withVector: 0 },
    ]);
    expect(pipeline.tower.membersScored).toBe(1_000);
    expect(pipeline.tower.queryDim).toBe(24);
    expect(pipeline.shown).toBe(10);
  });
});
