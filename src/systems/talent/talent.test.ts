import { describe, expect, it } from 'vitest';
import { generateWorld } from '../../world/index.ts';
import { ANY_LOCATION } from '../../world/recruiter-truth.ts';
import { csrIndices } from '../../data/index.ts';
import { evaluateTalent, gradedNdcg } from './evaluate.ts';
import { structuredFeatures } from './features.ts';
import { parseQueryText, worldQuery } from './query.ts';
import { explainMatch } from './reasons.ts';
import { poolRows } from './space.ts';

describe('talent search', () => {
  const world = generateWorld({ members: 3_000, seed: 1, recruiterQueries: 600 });

  it('each stage adds NDCG@10 lift: structured < + LINE < + two-tower (small world)', async () => {
    const r = await evaluateTalent(world, { seed: 1, line: { samples: 100_000 }, twoTower: { epochs: 4 } });
    expect(r.ndcg10.line).toBeGreaterThan(r.ndcg10.structured + 0.02);
    expect(r.ndcg10.twoTower).toBeGreaterThan(r.ndcg10.line);
    expect(r.queries.test).toBe(120);
  });

  it('pools by mean or max', () => {
    const emb = Float32Array.from([1, 0, 0, 3, 2, -1]);
    expect(Array.from(poolRows(emb, 2, [0, 1], 'mean'))).toEqual([0.5, 1.5]);
    expect(Array.from(poolRows(emb, 2, [0, 2], 'max'))).toEqual([2, 0]);
    expect(Array.from(poolRows(emb, 2, [], 'max'))).toEqual([0, 0]);
  });

  it('computes graded NDCG, ties against the ranking', () => {
    expect(gradedNdcg([3, 2, 1], [1, 0.5, 0], 10)).toBeCloseTo(1, 10);
    expect(gradedNdcg([1, 2, 3], [1, 0, 0], 10)).toBeCloseTo(0.5, 10);
    expect(gradedNdcg([1, 1], [0, 1], 1)).toBe(0);
  });

  it('reads structured fields and entities from free text', () => {
    const cat = world.catalog;
    const p = parseQueryText(
      `senior ${cat.titleName[5]} with ${cat.skillName[7]} and ${cat.skillName[2]} in ${cat.locationName[3]}`,
      cat,
    );
    expect(p.title).toBe(5);
    expect(p.skills).toEqual([2, 7]);
    expect(p.location).toBe(3);
    expect(parseQueryText('anyone', cat).location).toBe(ANY_LOCATION);
  });

  it('scores exact structured matches and says why a member matches', () => {
    const m = 17;
    const q = {
      ...worldQuery(world, 0),
      title: world.members.title[m],
      skills: Array.from(csrIndices(world.members.skills, m)).slice(0, 2),
      location: world.members.location[m],
      minYears: 0,
    };
    expect(structuredFeatures(world.members, q, m)).toEqual([1, 1, 1, 1]);
    const reasons = explainMatch(world, null, q, m);
    expect(reasons[0]).toBe(`title matches: ${world.catalog.titleName[q.title]}`);
    expect(reasons[1]).toContain(`has skills ${world.catalog.skillName[q.skills[0]]}`);
  });
});

describe('pca2', () => {
  it('recovers the dominant direction of points spread along a line', async () => {
    const { pca2 } = await import('./pca.ts');
    // Points along (1, 1, 0) with a little spread along (0, 0, 1).
    const emb = Float32Array.from(Array.from({ length: 20 }, (_, i) => [i, i, (i % 2) * 0.1]).flat());
    const xy = pca2(emb, 3);
    const first = Array.from({ length: 20 }, (_, i) => xy[2 * i]);
    // Projections on the first component are evenly spaced by √2 (up to sign).
    expect(Math.abs(first[1] - first[0])).toBeCloseTo(Math.SQRT2, 3);
    expect(Math.abs(xy[1])).toBeLessThan(0.1);
  });
});
