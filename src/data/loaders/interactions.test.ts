import { describe, expect, it } from 'vitest';
import { DataFormatError } from '../../errors';
import { loadInteractions, type InteractionFormat } from './interactions';

const HEADER = 'userId,movieId,rating,timestamp\n';
const load = (text: string, format?: InteractionFormat) => loadInteractions(text, { file: 'ratings.csv', format });

/** Asserts the load rejects with a DataFormatError at `line` whose problem matches `problem`. */
async function expectFormatError(text: string, line: number, problem: RegExp, format?: InteractionFormat) {
  const error = await load(text, format).then(
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

describe('loadInteractions on bad input', () => {
  it('rejects an empty file and a header-only file', async () => {
    await expectFormatError('', 1, /empty file/);
    await expectFormatError('\n\n', 1, /empty file/);
    await expectFormatError(HEADER, 2, /no data rows after the header/);
  });

  it('rejects a wrong header and wrong or missing columns', async () => {
    await expectFormatError('userId,movieId,timestamp,rating\n1,2,3,4\n', 1, /expected a header like userId,movieId/);
    await expectFormatError('userId,movieId,rating\n1,2,3\n', 1, /expected 4 fields .* found 3/);
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
    await expectFormatError(`${HEADER}1,2,1e39,4\n`, 2, /overflows a 32-bit float/);
  });

  it('rejects a duplicate (user, item) pair, naming both lines', async () => {
    await expectFormatError(`${HEADER}1,2,3,4\n5,6,7,8\n1,2,5,9\n`, 4, /duplicate \(user 1, item 2\), first seen on line 2/);
    // Several repeats: the earliest repeating line is reported.
    await expectFormatError('9,9,1,1\n1,2,1,1\n1,2,1,1\n9,9,1,1\n', 3, /duplicate \(user 1, item 2\)/);
  });

  it('rejects a truncated last line', async () => {
    await expectFormatError(`${HEADER}1,2,3,4\n12,34,4.`, 3, /expected 4 fields .* found 3/);
    await expectFormatError(`${HEADER}1,2,3,4\n12,34,4.5,`, 3, /timestamp "" is not a finite number/);
  });

  it('rejects blank lines inside the data and broken quoting', async () => {
    await expectFormatError(`${HEADER}1,2,3,4\n\n1,3,3,4\n`, 3, /blank line before the end/);
    await expectFormatError(`${HEADER}1,"2,3,4\n5,6,7,8\n`, 2, /malformed quoting/);
    await expectFormatError(`${HEADER}1,"2\n",3,4\n`, 2, /item id "2\\n" is not an integer/);
  });

  it('rejects binary data and overlong lines', async () => {
    await expectFormatError(`${HEADER}1,2,3,4\n\u0000\u0001,2,3,4\n`, 3, /user id/);
    await expectFormatError(`${HEADER}${'9'.repeat(5000)}`, 2, /line longer than 4096 characters/);
  });
});
