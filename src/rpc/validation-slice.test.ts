import { describe, expect, it } from 'vitest';
import { loadInteractions } from '../data/loaders/interactions.ts';
import { checkerboardCsv } from '../testing/rpc-fixtures.ts';
import { carveValidation, VALIDATION_NEGATIVES } from './validation-slice.ts';

const log = await loadInteractions(checkerboardCsv(40, 240), { file: 'wide.csv' });

describe('carveValidation', () => {
  it('holds out one interaction of each sampled user, ranked against 99 distinct items the user never touched', () => {
    const slice = carveValidation(log, 15, 7);
    const width = VALIDATION_NEGATIVES + 1;
    expect(slice.rows).toBe(15);
    expect(slice.items).toHaveLength(15 * width);
    expect(slice.train.length).toBe(log.length - 15); // the checkerboard has no repeats
    expect(slice.train.itemIds).toBe(log.itemIds);
    const trained = new Set<string>();
    for (let k = 0; k < slice.train.length; k++) trained.add(`${slice.train.users[k]}:${slice.train.items[k]}`);
    const everything = new Set<string>();
    for (let k = 0; k < log.length; k++) everything.add(`${log.users[k]}:${log.items[k]}`);
    for (let r = 0; r < slice.rows; r++) {
      const u = slice.users[r * width];
      const row = slice.items.subarray(r * width, (r + 1) * width);
      expect(everything.has(`${u}:${row[0]}`)).toBe(true);
      expect(trained.has(`${u}:${row[0]}`)).toBe(false);
      expect(new Set(row).size).toBe(width);
      for (const neg of row.subarray(1)) expect(everything.has(`${u}:${neg}`)).toBe(false);
    }
  });

  it('is a function of the seed', () => {
    expect(carveValidation(log, 15, 7).items).toEqual(carveValidation(log, 15, 7).items);
    expect(carveValidation(log, 15, 8).items).not.toEqual(carveValidation(log, 15, 7).items);
  });

  it('skips users who could lend nothing (too few interactions or too small a catalogue)', () => {
    const small = carveValidation(log, 500, 1);
    expect(small.rows).toBe(40);
    expect(carveValidation(log, 0, 1).rows).toBe(0);
  });
});
