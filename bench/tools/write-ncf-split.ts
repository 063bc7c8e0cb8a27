/**
 * Writes a synthetic split in He et al.'s format (`PREFIX.train.rating`, `PREFIX.test.rating`,
 * `PREFIX.test.negative`) at a given size, by default ml-1m's: 6,040 users, 3,706 items, 994,169
 * training rows, one test row and 99 negatives per user. Only the shape is real (ids, timestamps and
 * ratings are drawn from a seeded generator), so it measures loading, not accuracy.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { Rng } from '../../src/data/index.ts';

export interface SplitSize {
  users: number;
  items: number;
  trainRows: number;
  negatives: number;
}

export const ML_1M: SplitSize = { users: 6040, items: 3706, trainRows: 994_169, negatives: 99 };

/** Writes the three files; each user's items are distinct (a stride through the catalogue). */
export function writeNcfSplit(prefix: string, size: SplitSize = ML_1M, seed = 1): void {
  const { users, items, trainRows, negatives } = size;
  const base = Math.floor(trainRows / users);
  if (base + 1 + 1 + negatives > items)
    throw new Error(`${items} items cannot give ${base + 1} rows + 1 test + ${negatives} negatives per user`);
  const stride = coprimeStride(items);
  const rng = new Rng(seed);
  const files = {
    train: openSync(`${prefix}.train.rating`, 'w'),
    test: openSync(`${prefix}.test.rating`, 'w'),
    negative: openSync(`${prefix}.test.negative`, 'w'),
  };
  try {
    for (let u = 0; u < users; u++) {
      const n = base + (u < trainRows - base * users ? 1 : 0);
      const start = Math.floor(rng.next() * items);
      const item = (k: number) => (start + k * stride) % items;
      let time = 956_703_932 + Math.floor(rng.next() * 1e7);
      const train: string[] = [];
      for (let k = 0; k < n; k++, time += 1 + Math.floor(rng.next() * 600))
        train.push(`${u}\t${item(k)}\t${1 + Math.floor(rng.next() * 5)}\t${time}\n`);
      writeSync(files.train, train.join(''));
      writeSync(files.test, `${u}\t${item(n)}\t5\t${time}\n`);
      const negs: number[] = [];
      for (let k = 0; k < negatives; k++) negs.push(item(n + 1 + k));
      writeSync(files.negative, `(${u},${item(n)})\t${negs.join('\t')}\n`);
    }
  } finally {
    for (const fd of Object.values(files)) closeSync(fd);
  }
}

/** A stride near n/φ that shares no factor with `n`, so k·stride mod n visits every item once. */
function coprimeStride(n: number): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  let s = Math.max(1, Math.floor(n * 0.618));
  while (gcd(s, n) !== 1) s++;
  return s;
}
