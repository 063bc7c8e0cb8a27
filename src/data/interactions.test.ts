import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors.ts';
import { csrHas, csrRow } from './sparse-rows.ts';
import { IdMap } from './idmap.ts';
import { InteractionLogBuilder } from './interaction-builder.ts';
import { itemCounts, makeInteractionLog, selectRows, toCsr, userCounts } from './interactions.ts';
import { Rng } from './rng.ts';

/** users a, b, c; items x, y, z. */
function sample() {
  const b = new InteractionLogBuilder();
  b.add('a', 'y', 5, 10);
  b.add('b', 'x', 3, 11);
  b.add('a', 'x', 4, 12);
  b.add('c', 'z', 1, 13);
  b.add('a', 'z', 2, 14);
  return b.build();
}

describe('InteractionLogBuilder', () => {
  it('maps ids densely and keeps insertion order across capacity growth', () => {
    const b = new InteractionLogBuilder({ itemIds: new IdMap(['pre'], 'item') });
    for (let k = 0; k < 5000; k++) b.add(`u${k % 7}`, k, k / 2, k * 10);
    const log = b.build();
    expect(log.length).toBe(5000);
    expect(log.userIds.size).toBe(7);
    expect(log.itemIds.id(log.items[4999])).toBe(4999);
    expect(log.items[0]).toBe(1); // index 0 is the pre-registered item
    expect(log.values[4999]).toBe(2499.5);
    expect(log.times[1234]).toBe(12340);
    b.add('u0', 'late');
    expect(log.length).toBe(5000); // built logs are snapshots
  });
});

describe('makeInteractionLog', () => {
  it('defaults values to 1 and times to 0', () => {
    const log = makeInteractionLog({
      users: Int32Array.of(0, 1),
      items: Int32Array.of(1, 0),
      userIds: new IdMap([1, 2]),
      itemIds: new IdMap([3, 4]),
    });
    expect([...log.values]).toEqual([1, 1]);
    expect([...log.times]).toEqual([0, 0]);
    expect(log.length).toBe(2);
  });

  it('rejects mismatched lengths, indices outside the maps and non-finite values', () => {
    const ids = { userIds: new IdMap([1]), itemIds: new IdMap([2]) };
    const bad = [
      { users: Int32Array.of(0), items: Int32Array.of(0, 0) },
      { users: Int32Array.of(1), items: Int32Array.of(0) },
      { users: Int32Array.of(0), items: Int32Array.of(-1) },
      { users: Int32Array.of(0), items: Int32Array.of(0), values: Float32Array.of(NaN) },
      { users: Int32Array.of(0), items: Int32Array.of(0), times: Float64Array.of(Infinity) },
    ];
    for (const columns of bad) expect(() => makeInteractionLog({ ...columns, ...ids })).toThrow(InvalidArgumentError);
  });
});

describe('toCsr and counts', () => {
  it('builds user-by-item and item-by-user CSR with sorted rows', () => {
    const log = sample();
    const byUser = toCsr(log, 'user');
    expect([byUser.nRows, byUser.nCols]).toEqual([3, 3]);
    const a = csrRow(byUser, log.userIds.index('a'));
    expect([...a.indices].map((i) => log.itemIds.id(i))).toEqual(
      ['y', 'x', 'z'].sort((p, q) => log.itemIds.index(p) - log.itemIds.index(q)),
    );
    expect(csrHas(byUser, log.userIds.index('b'), log.itemIds.index('x'))).toBe(true);
    expect(csrHas(byUser, log.userIds.index('b'), log.itemIds.index('y'))).toBe(false);
    const byItem = toCsr(log, 'item');
    const x = csrRow(byItem, log.itemIds.index('x'));
    expect([...x.indices].map((u) => log.userIds.id(u))).toEqual(['a', 'b']);
    expect([...x.values]).toEqual([4, 3]);
  });

  it('counts interactions per item and per user', () => {
    const log = sample();
    expect([...itemCounts(log)]).toEqual([2, 2, 1].map((_, i) => [...log.items].filter((j) => j === i).length));
    expect(userCounts(log)[log.userIds.index('a')]).toBe(3);
    expect(itemCounts(log)[log.itemIds.index('z')]).toBe(2);
  });

  it('selects rows in the given order, sharing the id maps', () => {
    const log = sample();
    const picked = selectRows(log, Int32Array.of(4, 0));
    expect([...picked.times]).toEqual([14, 10]);
    expect(picked.userIds).toBe(log.userIds);
    expect(() => selectRows(log, Int32Array.of(5))).toThrow(InvalidArgumentError);
  });

  it('converts 100k rows to CSR both ways', () => {
    const rng = new Rng(4);
    const b = new InteractionLogBuilder();
    for (let k = 0; k < 100_000; k++) b.add(rng.int(2000), rng.int(8000), 1, k);
    const log = b.build();
    const started = performance.now();
    const byUser = toCsr(log, 'user');
    const byItem = toCsr(log, 'item');
    console.info(`toCsr x2 on 100k rows: ${(performance.now() - started).toFixed(1)} ms`);
    expect(byUser.indptr[byUser.nRows]).toBe(100_000);
    expect(byItem.indptr[byItem.nRows]).toBe(100_000);
    for (let k = 0; k < 1000; k++) expect(csrHas(byUser, log.users[k], log.items[k])).toBe(true);
  });
});
