import { afterAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../errors.ts';
import { portWorkers } from '../../testing/rpc-fixtures.ts';
import { connectTalent } from './client.ts';
import { TalentService, type TalentProgress } from './service.ts';

// The worker's service over a real MessageChannel (comlink's Node adapter is not needed: ports are endpoints).
describe('talent service over comlink', async () => {
  const client = await connectTalent({ workers: { talent: portWorkers(() => new TalentService()).factory } });
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
  });
});
