import { afterAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../errors.ts';
import { portWorkers } from '../../testing/rpc-fixtures.ts';
import { csrIndices } from '../../data/index.ts';
import type { World } from '../../world/types.ts';
import { connectTalent } from './client.ts';
import { TalentService, type TalentProgress } from './service.ts';

// The worker's service over a real MessageChannel (comlink's Node adapter is not needed: ports are endpoints).
describe('talent service over comlink', async () => {
  const workers = portWorkers(() => new TalentService());
  const client = await connectTalent({ workers: { talent: workers.factory } });
  afterAll(() => client.dispose());

  it('refuses to search before training', async () => {
    const error = await client
      .rank({ title: 0, skills: '', location: 255, minYears: 0, text: '', pooling: 'mean' })
      .catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/train first/);
    expect(new InvalidArgumentError('x').name).toBe('InvalidArgumentError');
  });

  it('trains with live maps and tower epochs, then ranks with reasons', async () => {
    const events: TalentProgress[] = [];
    const r = await client.train({ members: 1_500, maxSamples: 40_000, towerEpochs: 2 }, (p) => events.push(p)).done;
    expect(r.members).toBe(1_500);
    // Node has no WebGPU: every graph's LINE ran on the CPU loop, and the service says so.
    expect(r.lineBackend).toBe('CPU');
    expect(events.filter((e) => e.status === 'line')).toEqual(
      ['company', 'skill', 'title'].map((kind) => ({ status: 'line', kind, backend: 'cpu' })),
    );
    expect(
      events.some(
        (e) => e.status === 'stage' && e.message.startsWith('LINE on the company graph, CPU: chunk 1 of 4, loss '),
      ),
    ).toBe(true);
    const maps = events.filter((e) => e.status === 'map');
    expect(maps.length).toBe(4); // 40k samples in 20k chunks, for each of the two orders
    const first = maps[0] as Extract<TalentProgress, { status: 'map' }>;
    expect(first.xy.length).toBe(2 * first.groups.length); // one point per company
    expect(events.filter((e) => e.status === 'tower').length).toBe(2);
    const { titles } = await client.vocab();
    const hits = await client.explain({
      title: 3,
      skills: '',
      location: 255,
      minYears: 0,
      text: '',
      pooling: 'max',
      k: 5,
    });
    expect(hits).toHaveLength(5);
    expect(hits[0].reasons[0]).toBe(`title matches: ${titles[3]}`);
    expect(hits[0].description).toMatch(/^member \d+: /);

    // A member typed in by names (issue 10): pooled from their entities, ranked by the same stages.
    const form = { title: 3, skills: '', location: 255, minYears: 0, text: '', pooling: 'max' as const, k: 5 };
    const fits = await client.rankMember(form, {
      titles: [titles[3]],
      companies: ['Nonexistent Widgets Ltd'],
      skills: ['basket weaving'],
      location: 'Atlantis',
      yearsExperience: 6,
    });
    expect(fits.unknown).toEqual({
      titles: [],
      companies: ['Nonexistent Widgets Ltd'],
      skills: ['basket weaving'],
      location: ['Atlantis'],
    });
    expect(fits.reasons[0]).toBe(`title matches: ${titles[3]}`);
    expect(fits.of).toBe(1_500);
    const other = await client.rankMember(form, { titles: [titles[titles.length - 1]], yearsExperience: 6 });
    expect(other.reasons.some((r) => r.startsWith('title matches'))).toBe(false);
    expect(fits.rank).toBeLessThan(other.rank);
    expect(fits.score).toBeGreaterThan(other.score);

    // A world member's own entities, typed in by name, score as the trained member does.
    const service = workers.services[0].service as TalentService;
    const world = (service as unknown as { world: World }).world;
    const m = hits[1].member;
    const h = world.members.history;
    const career = Array.from({ length: h.offsets[m + 1] - h.offsets[m] }, (_, k) => h.offsets[m] + k);
    const copy = await client.rankMember(form, {
      titles: career.map((p) => world.catalog.titleName[h.title[p]]),
      companies: career.map((p) => world.companies.name[h.company[p]]),
      skills: Array.from(csrIndices(world.members.skills, m), (s) => world.catalog.skillName[s]),
      location: world.catalog.locationName[world.members.location[m]],
      yearsExperience: world.members.yearsExperience[m],
      seniority: world.members.seniority[m],
      jobSeeking: world.members.jobSeeking[m] === 1,
    });
    expect(copy.score).toBeCloseTo(hits[1].score, 6);
    expect(copy.reasons).toEqual(hits[1].reasons);
    expect(copy.rank).toBeGreaterThanOrEqual(2);
    expect(copy.rank).toBeLessThanOrEqual(3);
    await expect(client.rankMember(form, { seniority: 9 })).rejects.toThrow(/seniority/);
  });
});
