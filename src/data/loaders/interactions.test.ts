import { describe, expect, it } from 'vitest';
import { DataFormatError } from '../../errors.ts';
import {
  describeInteractionLoad,
  loadInteractions,
  type InteractionFormat,
  type InteractionRepeatPolicy,
} from './interactions.ts';

const HEADER = 'userId,movieId,rating,timestamp\n';
const load = (text: string, format?: InteractionFormat, onRepeat?: InteractionRepeatPolicy) =>
  loadInteractions(text, { file: 'ratings.csv', format, onRepeat });

/** Asserts the load rejects with a DataFormatError at `line` whose problem matches `problem`. */
async function expectFormatError(
  text: string,
  line: number,
  problem: RegExp,
  format?: InteractionFormat,
  onRepeat?: InteractionRepeatPolicy,
) {
  const error = await load(text, format, onRepeat).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DataFormatError);
  const formatError = error as DataFormatError;
  expect(formatError.file).toBe('ratings.csv');
  expect(formatError.line).toBe(line);
  expect(formatError.problem).toMatch(problem);
  expect(formatError.message).toContain(`ratings.csv:${line}`);
}

describe('loadInteractions on valid input', () => {
  it('reads MovieLens CSV with a header, in file order, mapping ids densely', async () => {
    const log = await load(`${HEADER}7,31,2.5,1260759144\n7,1029,3,1260759179\n3,31,4,1260759100\n`);
    expect(log.length).toBe(3);
    expect([...log.users]).toEqual([0, 0, 1]);
    expect([...log.items]).toEqual([0, 1, 0]);
    expect([...log.values]).toEqual([2.5, 3, 4]);
    expect([...log.times]).toEqual([1260759144, 1260759179, 1260759100]);
    expect(log.userIds.ids()).toEqual([7, 3]);
    expect(log.itemIds.ids()).toEqual([31, 1029]);
  });

  it('reads headerless tab-separated u.data, auto-detected or forced', async () => {
    const text = '196\t242\t3\t881250949\n186\t302\t3\t891717742';
    for (const format of ['auto', 'tsv'] as const) {
      const log = await load(text, format);
      expect(log.userIds.ids()).toEqual([196, 186]);
      expect([...log.times]).toEqual([881250949, 891717742]);
    }
  });

  it('accepts CRLF line ends, a BOM, a missing final newline and trailing blank lines', async () => {
    const log = await load(`\uFEFF${HEADER.replace('\n', '\r\n')}1,2,3,4\r\n1,3,3,5\r\n\r\n\n`);
    expect(log.length).toBe(2);
    expect([...log.times]).toEqual([4, 5]);
    expect((await load('1,2,3,4')).length).toBe(1);
  });

  it('accepts negative ids, exponents and fractional times', async () => {
    const log = await load('-5,0,1e-3,1.5e9\n');
    expect(log.userIds.ids()).toEqual([-5]);
    expect(log.values[0]).toBeCloseTo(1e-3, 9);
    expect(log.times[0]).toBe(1.5e9);
  });
});

describe('loadInteractions on repeated pairs and files without timestamps', () => {
  it('keeps the latest row of a repeated (user, item) pair by default and says how many it dropped', async () => {
    // (1, 2) at times 9, 4, 9: the later of the two 9s wins; (5, 6) at 8 then 3: the first wins.
    const log = await load(`${HEADER}1,2,1,9\n5,6,2,8\n1,2,3,4\n5,6,4,3\n1,2,5,9\n7,7,6,1\n`);
    expect(log.repeats).toEqual({ policy: 'latest', dropped: 3 });
    expect(log.timestamps).toBe('column');
    expect(log.length).toBe(3);
    expect([...log.values]).toEqual([2, 5, 6]); // kept rows stay in file order
    expect([...log.times]).toEqual([8, 9, 1]);
    expect([...log.users].map((u) => log.userIds.id(u))).toEqual([5, 1, 7]);
    expect([...log.items].map((i) => log.itemIds.id(i))).toEqual([6, 2, 7]);
    expect(describeInteractionLoad(log)).toBe('3 repeated (user, item) rows dropped, kept the latest of each pair');
  });

  it('reports nothing for a file without repeats', async () => {
    const log = await load(`${HEADER}1,2,3,4\n1,3,3,4\n`);
    expect(log.repeats).toEqual({ policy: 'latest', dropped: 0 });
    expect(describeInteractionLoad(log)).toBe('');
  });

  it('accepts a file without a timestamp column (with or without a header): file order is time', async () => {
    for (const text of [
      'userId,movieId,rating\n1,2,3\n1,3,4\n2,2,5\n',
      '1,2,3\r\n1,3,4\r\n2,2,5',
      '1\t2\t3\n1\t3\t4\n2\t2\t5\n',
    ]) {
      const log = await load(text);
      expect(log.timestamps).toBe('file-order');
      expect([...log.times]).toEqual([0, 1, 2]);
      expect([...log.values]).toEqual([3, 4, 5]);
      expect(log.userIds.ids()).toEqual([1, 2]);
    }
  });

  it('keeps the later line of a repeated pair when there are no timestamps, and says both', async () => {
    const log = await load('user,item,rating\n1,2,3\n1,3,4\n1,2,5\n');
    expect([...log.values]).toEqual([4, 5]);
    expect([...log.times]).toEqual([1, 2]);
    expect(describeInteractionLoad(log)).toBe(
      '1 repeated (user, item) row dropped, kept the latest of each pair; no timestamp column: file order is time',
    );
  });

  it('rejects an unknown policy with a typed error', async () => {
    await expect(load('1,2,3\n', 'csv', 'first' as InteractionRepeatPolicy)).rejects.toThrow(/onRepeat must be/);
  });
});

describe('loadInteractions on bad input', () => {
  it('rejects an empty file and a header-only file', async () => {
    await expectFormatError('', 1, /empty file/);
    await expectFormatError('\n\n', 1, /empty file/);
    await expectFormatError(HEADER, 2, /no data rows after the header/);
  });

  it('rejects a wrong header and wrong or missing columns', async () => {
    await expectFormatError('userId,movieId,timestamp,rating\n1,2,3,4\n', 1, /expected a header like userId,movieId/);
    await expectFormatError('userId,movieId,rating\n1,2,3,4\n', 2, /expected 3 fields \(user, item, rating\), found 4/);
    await expectFormatError('1,2,3\n1,3,3,4\n', 2, /expected 3 fields .* found 4/);
    await expectFormatError('userId,movieId\n1,2\n', 1, /expected 4 fields .* found 2/);
    await expectFormatError('user id,movie id,rating,timestamp\n1,2,3,4\n', 1, /expected a header/);
    await expectFormatError(`${HEADER}1,2,3\n`, 2, /expected 4 fields .* found 3/);
    await expectFormatError(`${HEADER}1,2,3,4\n1,3,3,4,9\n`, 3, /expected 4 fields .* found 5/);
    await expectFormatError('1,2,3,4\n', 1, /found 1/, 'tsv');
    await expectFormatError('1\t2\t3\t4\n', 1, /found 1/, 'csv');
  });

  it('rejects non-numeric and non-integer ids', async () => {
    await expectFormatError(`${HEADER}1,2,3,4\nx7,2,3,4\n`, 3, /user id "x7" is not an integer/);
    await expectFormatError(`${HEADER}1,2.5,3,4\n`, 2, /item id "2.5" is not an integer/);
    await expectFormatError(`${HEADER}1, 2,3,4\n`, 2, /item id " 2" is not an integer/);
    await expectFormatError(`${HEADER}1,12345678901234567,3,4\n`, 2, /item id/);
  });

  it('rejects NaN, Infinity and junk in rating or timestamp', async () => {
    await expectFormatError(`${HEADER}1,2,NaN,4\n`, 2, /rating "NaN" is not a finite number/);
    await expectFormatError(`${HEADER}1,2,Infinity,4\n`, 2, /rating "Infinity"/);
    await expectFormatError(`${HEADER}1,2,3,1e999\n`, 2, /timestamp "1e999" is not a finite number/);
    await expectFormatError(`${HEADER}1,2,3,-Infinity\n`, 2, /timestamp/);
    await expectFormatError(`${HEADER}1,2,,4\n`, 2, /rating "" is not a finite number/);
    await expectFormatError(`${HEADER}1,2,0x10,4\n`, 2, /rating "0x10"/);
    await expectFormatError(`${HEADER}1,2,1e39,4\n`, 2, /rating 1e39 overflows float32/);
    await expectFormatError(`${HEADER}1,2,-1e39,4\n`, 2, /rating -1e39 overflows float32/);
  });

  it('rejects ratings that float32 would silently store as 0', async () => {
    await expectFormatError(
      `${HEADER}1,2,3,4\n1,3,1e-46,4\n`,
      3,
      /rating 1e-46 underflows float32 \(it would be stored as 0\)/,
    );
    await expectFormatError(`${HEADER}1,2,1e-50,4\n`, 2, /rating 1e-50 underflows float32/);
    await expectFormatError('1,2,-1e-50\n', 1, /rating -1e-50 underflows float32/);
    // The smallest float32 subnormal (~1.4e-45) and an exact 0 are stored as themselves.
    const log = await load(`${HEADER}1,2,1.5e-45,4\n1,3,0,4\n1,4,-0.0,4\n`);
    expect([...log.values]).toEqual([Math.fround(1.5e-45), 0, -0]);
  });

  it("rejects a duplicate (user, item) pair under onRepeat: 'error', naming both lines", async () => {
    await expectFormatError(
      `${HEADER}1,2,3,4\n5,6,7,8\n1,2,5,9\n`,
      4,
      /duplicate \(user 1, item 2\), first seen on line 2/,
      'auto',
      'error',
    );
    // Several repeats: the earliest repeating line is reported.
    await expectFormatError('9,9,1,1\n1,2,1,1\n1,2,1,1\n9,9,1,1\n', 3, /duplicate \(user 1, item 2\)/, 'auto', 'error');
    await expectFormatError('1,2,3\n1,2,4\n', 2, /duplicate \(user 1, item 2\), first seen on line 1/, 'csv', 'error');
  });

  it('rejects a truncated last line', async () => {
    await expectFormatError(`${HEADER}1,2,3,4\n12,34,4.`, 3, /expected 4 fields .* found 3/);
    await expectFormatError(`${HEADER}1,2,3,4\n12,34,4.5,`, 3, /timestamp "" is not a finite number/);
  });

  it('rejects blank lines inside the data and broken quoting', async () => {
    await expectFormatError(`${HEADER}1,2,3,4\n\n1,3,3,4\n`, 3, /blank line before the end/);
    await expectFormatError(`${HEADER}1,"2,3,4\n5,6,7,8\n`, 2, /malformed quoting/);
    await expectFormatError(`${HEADER}1,"2\n",3,4\n`, 2, /malformed quoting \(a quoted field spans lines\)/);
    await expectFormatError(`${HEADER}1,2,3,4\n1,"2,3,4\n`, 3, /malformed quoting \(a quoted field spans lines\)/);
    await expectFormatError(`${HEADER}1,2,3,"4"x\n`, 2, /malformed quoting \(Trailing quote/);
  });

  it('rejects binary data and overlong lines', async () => {
    await expectFormatError(`${HEADER}1,2,3,4\n\u0000\u0001,2,3,4\n`, 3, /user id/);
    await expectFormatError(`${HEADER}${'9'.repeat(5000)}`, 2, /line longer than 4096 characters/);
  });
});
