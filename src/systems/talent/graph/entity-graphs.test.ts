import { describe, expect, it } from 'vitest';
import { generateWorld } from '../../../world/index.ts';
import { csrIndices } from '../../../data/index.ts';
import { entityGraphs } from './entity-graphs.ts';

describe('entityGraphs', () => {
  const world = generateWorld({ members: 2_000, seed: 5 });
  const graphs = entityGraphs(world);

  it('links two companies by the number of members who worked at both', () => {
    const g = graphs.company;
    const e = g.weight.indexOf(Math.max(...g.weight));
    const [a, b] = [g.src[e], g.dst[e]];
    let shared = 0;
    for (let m = 0; m < world.members.count; m++) {
      const h = world.members.history;
      const companies = new Set(h.company.subarray(h.offsets[m], h.offsets[m + 1]));
      if (companies.has(a) && companies.has(b)) shared++;
    }
    expect(g.weight[e]).toBe(shared);
    expect(shared).toBeGreaterThan(0);
  });

  it('links two skills by the members who list both, and labels nodes with names and families', () => {
    const g = graphs.skill;
    expect(g.n).toBe(world.catalog.skillName.length);
    const e = 0;
    let shared = 0;
    for (let m = 0; m < world.members.count; m++) {
      const s = csrIndices(world.members.skills, m);
      if (s.includes(g.src[e]) && s.includes(g.dst[e])) shared++;
    }
    expect(g.weight[0]).toBe(shared);
    expect(g.labels[3]).toBe(world.catalog.skillName[3]);
    expect(g.classes[3]).toBe(world.catalog.skillFamily[3]);
  });

  it('puts more of the title graph weight inside job families than across them', () => {
    const g = graphs.title;
    let inside = 0,
      across = 0;
    for (let e = 0; e < g.src.length; e++)
      g.classes[g.src[e]] === g.classes[g.dst[e]] ? (inside += g.weight[e]) : (across += g.weight[e]);
    expect(inside).toBeGreaterThan(across);
  });
});
