import { expose } from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UnknownIdError } from '../../errors.ts';
import { connectFeed } from './client.ts';
import { FeedService } from './service.ts';

const ports: MessagePort[] = [];
afterEach(() => ports.splice(0).forEach((p) => p.close()));

function endpoint(): MessagePort {
  const { port1, port2 } = new MessageChannel();
  expose(new FeedService(), port1);
  ports.push(port1, port2);
  return port2;
}

describe('feed service through MessageChannels (as in the training and ranking workers)', () => {
  it('trains in one service, serves explained feeds from another loaded with the SPR state', async () => {
    const client = await connectFeed({ workers: { training: endpoint, ranking: endpoint } });
    const statuses: string[] = [];
    const spec = { members: 3000, seed: 2, sessions: 6000, spr: { bits: 16, epochs: 2 } };
    const { report, state } = await client.train(spec, (p) => statuses.push(p.status)).done;
    // Progress travels on its own channel, so the last events may land just after the result.
    await vi.waitFor(() => expect(statuses).toEqual(['start', 'epoch', 'epoch', 'done']));
    expect(state.kind).toBe('feed-spr');
    expect(report.spr.auc).toBeGreaterThan(0.6);
    expect(report.calibration.length).toBe(10);

    const [member] = await client.members(1);
    const feed = await client.rank({ member: member.id, size: 10 });
    expect(feed.items.length).toBeGreaterThan(0);
    expect(feed.items.length).toBeLessThanOrEqual(10);
    for (const it of feed.items) {
      expect(it.pctr).toBeGreaterThan(0);
      expect(it.pctr).toBeLessThan(1);
      expect(['network', 'jobs', 'news', 'pymk']).toContain(it.source);
      expect(it.topGroups.length).toBeGreaterThan(0);
      expect(it.text.length).toBeGreaterThan(0);
    }
    // The ranking side rebuilt the same pipeline: its local copy scores exactly as the trained one.
    const local = new FeedService();
    await local.train(spec);
    expect(local.feed(member.id, 10).items.map((i) => [i.activity, i.pctr])).toEqual(
      feed.items.map((i) => [i.activity, i.pctr]),
    );
    await expect(client.explain({ member: -1 })).rejects.toBeInstanceOf(UnknownIdError);
  });
});
