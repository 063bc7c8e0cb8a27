import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InteractionLogBuilder } from './interaction-builder.ts';
import { leaveOneOutLatest } from './split.ts';

describe('leaveOneOutLatest', () => {
  it('holds out each user’s latest interaction and keeps the rest in order', () => {
    const b = new InteractionLogBuilder();
    b.add('u1', 'a', 1, 30);
    b.add('u1', 'b', 1, 50); // latest of u1
    b.add('u2', 'a', 1, 10); // u2 has one interaction: kept for training
    b.add('u1', 'c', 1, 40);
    b.add('u3', 'c', 1, 5);
    b.add('u3', 'b', 1, 7); // latest of u3
    const log = b.build();
    const { train, testItem, testTime } = leaveOneOutLatest(log);
    const item = (i: number) => (i < 0 ? null : log.itemIds.id(i));
    expect([...testItem].map(item)).toEqual(['b', null, 'b']);
    expect([...testTime]).toEqual([50, NaN, 7]);
    expect([...train.times]).toEqual([30, 10, 40, 5]);
    expect(train.userIds).toBe(log.userIds);
    expect(train.itemIds).toBe(log.itemIds);
  });

  it('breaks ties on time in favour of the later row in file order', () => {
    const b = new InteractionLogBuilder();
    b.add(1, 'first', 1, 100);
    b.add(1, 'second', 1, 100);
    b.add(1, 'older', 1, 99);
    const { testItem, train } = leaveOneOutLatest(b.build());
    expect(train.itemIds.id(testItem[0])).toBe('second');
    expect([...train.items].map((i) => train.itemIds.id(i))).toEqual(['first', 'older']);
  });

  it('matches a naive per-user scan on random logs', () => {
    const event = fc.record({ user: fc.nat(5), item: fc.nat(30), time: fc.nat(4) });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 50 }), (events) => {
        const b = new InteractionLogBuilder();
        for (const e of events) b.add(e.user, e.item, 1, e.time);
        const log = b.build();
        const { train, testItem, testTime } = leaveOneOutLatest(log);
        let held = 0;
        for (let u = 0; u < log.userIds.size; u++) {
          const rows = events.flatMap((e, k) => (e.user === log.userIds.id(u) ? [k] : []));
          if (rows.length < 2) {
            expect(testItem[u]).toBe(-1);
            expect(testTime[u]).toBeNaN();
            continue;
          }
          const latest = rows.reduce((best, k) => (events[k].time >= events[best].time ? k : best));
          expect(log.itemIds.id(testItem[u])).toBe(events[latest].item);
          expect(testTime[u]).toBe(events[latest].time);
          held++;
        }
        expect(train.length).toBe(log.length - held);
      }),
      { numRuns: 200, seed: 5 },
    );
  });
});
