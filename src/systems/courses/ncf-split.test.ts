import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataFormatError, InvalidArgumentError } from '../../errors.ts';
import { PopularModel } from '../../models/popular/index.ts';
import { loadNcfSplit, parseNcfSplit, type NcfSplitTexts } from './ncf-split.ts';
import { loadNcfSplitFiles } from './ncf-split-files.ts';
import { sampledFigures } from './protocol.ts';

const dir = 'src/systems/courses/fixtures/tiny';
const texts = (): NcfSplitTexts => ({
  train: readFileSync(`${dir}.train.rating`, 'utf8'),
  test: readFileSync(`${dir}.test.rating`, 'utf8'),
  negative: readFileSync(`${dir}.test.negative`, 'utf8'),
});
const bad = (patch: Partial<NcfSplitTexts>) => () => parseNcfSplit({ ...texts(), ...patch }, 'tiny');

describe('NCF reference split format', () => {
  it('parses the three files into the protocol and evaluates through the model interface', async () => {
    const p = parseNcfSplit(texts(), 'tiny');
    expect(p.train.length).toBe(9);
    expect(p.train.itemIds.size).toBe(6);
    expect(Array.from(p.users)).toEqual([0, 1, 2]);
    expect(Array.from(p.targets)).toEqual([3, 2, 0]);
    expect(p.nNeg).toBe(2);
    expect(Array.from(p.negatives)).toEqual([4, 5, 4, 5, 4, 5]);
    expect(Array.from(p.train.times.subarray(0, 3))).toEqual([100, 101, 102]);
    const popular = new PopularModel();
    await popular.fit(p.train);
    // Items 4 and 5 have no training count, so every target outranks both negatives.
    expect(await sampledFigures(popular, p)).toMatchObject({ hr10: 1, ndcg10: 1, mrr: 1 });
  });

  it('names the file and line of malformed input', () => {
    expect(bad({ train: '0\tx\t1\t1\n' })).toThrow(DataFormatError);
    expect(bad({ train: '0\tx\t1\t1\n' })).toThrow(/tiny\.train\.rating:1: item "x" is not an id/);
    expect(bad({ negative: '(0,3)\t4\t5\n(1,2)\t4\n(2,0)\t4\t5\n' })).toThrow(
      /tiny\.test\.negative:2: 1 negatives, expected 2/,
    );
    expect(bad({ negative: '(0,9)\t4\t5\n(1,2)\t4\t5\n(2,0)\t4\t5\n' })).toThrow(/expected "\(0,3\)"/);
    expect(bad({ negative: '(0,3)\t4\t5\n' })).toThrow(/1 lines but tiny\.test\.rating has 3/);
    expect(bad({ negative: '(0,3)\t4\t5\n(1,2)\t4\t5\n(2,0)\t4\t5\n(2,0)\t4\t5\n' })).toThrow(
      /test\.negative:4: more lines than the 3 rows/,
    );
    expect(bad({ train: '' })).toThrow(/tiny\.train\.rating: no ratings/);
    expect(bad({ test: '\n\n' })).toThrow(/tiny\.test\.rating: no ratings/);
  });

  it('parses ids strictly: only plain decimal integers are ids', () => {
    for (const id of ['', ' ', ' 1', '1 ', '0x2', '1e1', '1.0', '+1', '-1', '01', 'NaN', '99999999999']) {
      expect(bad({ train: `${id}\t1\t5\t100\n` }), `user ${JSON.stringify(id)}`).toThrow(
        /tiny\.train\.rating:1: user ".*" is not an id/,
      );
      expect(bad({ test: `0\t${id}\t5\t100\n1\t2\t5\t1\n2\t0\t5\t1\n` }), `item ${JSON.stringify(id)}`).toThrow(
        /tiny\.test\.rating:1: item ".*" is not an id/,
      );
      expect(
        bad({ negative: `(0,3)\t4\t${id}\n(1,2)\t4\t5\n(2,0)\t4\t5\n` }),
        `negative ${JSON.stringify(id)}`,
      ).toThrow(/tiny\.test\.negative:1: negative 2 ".*" is not an id/);
    }
    expect(bad({ negative: '(0,3)\t4\t5\t\n(1,2)\t4\t5\n(2,0)\t4\t5\n' })).toThrow(/negative 3 "" is not an id/);
    expect(bad({ negative: '(0, 3)\t4\t5\n(1,2)\t4\t5\n(2,0)\t4\t5\n' })).toThrow(
      /expected "\(0,3\)" first, got "\(0, 3\)"/,
    );
  });

  it('refuses a bad timestamp or rating instead of reading it as 0', () => {
    for (const t of ['', 'x', '12:00', '1e999', 'Infinity', '0x10', ' 5']) {
      expect(bad({ train: `0\t0\t5\t${t}\n` }), JSON.stringify(t)).toThrow(
        /tiny\.train\.rating:1: timestamp ".*" is not a finite number/,
      );
    }
    expect(bad({ train: '0\t0\tfive\t100\n' })).toThrow(/tiny\.train\.rating:1: rating "five" is not a finite number/);
    expect(bad({ train: '0\t0\t5\t100\textra\n' })).toThrow(/more than 4 fields/);
    // Rating and timestamp may be left out (time 0); CRLF and a missing last newline are fine.
    const p = parseNcfSplit({ ...texts(), train: '0\t0\r\n1\t1\t4\r\n2\t2\t3\t-5.5' }, 'tiny');
    expect(Array.from(p.train.times)).toEqual([0, 0, -5.5]);
  });

  it('refuses raw (non-dense) ids rather than allocating their whole range', () => {
    expect(bad({ train: '0\t193609\t5\t1\n' })).toThrow(/tiny\.train\.rating:1: item id 193609 is far beyond/);
    expect(
      bad({
        test: '2000000000\t3\t5\t1\n1\t2\t5\t1\n2\t0\t5\t1\n',
        negative: '(2000000000,3)\t4\t5\n(1,2)\t4\t5\n(2,0)\t4\t5\n',
      }),
    ).toThrow(/tiny\.test\.rating:1: user id 2000000000 is far beyond/);
  });

  it('streams the same split from chunks cut anywhere, with the same errors', async () => {
    const t = { ...texts(), train: texts().train.replace(/\n/g, '\r\n') };
    const whole = parseNcfSplit(t, 'tiny');
    for (const size of [1, 2, 3, 7]) {
      const p = await loadNcfSplit(
        { train: chunked(t.train, size), test: chunked(t.test, size), negative: chunked(t.negative, size) },
        { name: 'tiny' },
      );
      expect(p).toEqual(whole);
    }
    const broken = { ...t, test: '0\t3\t5\t200\n1\t2\t5\tsoon\n' };
    await expect(
      loadNcfSplit(
        { train: chunked(broken.train, 5), test: chunked(broken.test, 5), negative: broken.negative },
        { name: 'tiny' },
      ),
    ).rejects.toThrow(/tiny\.test\.rating:2: timestamp "soon"/);
  });

  it('drops a leading BOM on every path (text, string chunks, bytes) alike', async () => {
    const t = { ...texts(), train: '\ufeff' + texts().train };
    const streamed = await loadNcfSplit(
      { train: new Blob([t.train]), test: new Blob([t.test]), negative: new Blob([t.negative]) },
      { name: 'tiny' },
    );
    expect(parseNcfSplit(t, 'tiny')).toEqual(streamed);
    expect(
      await loadNcfSplit({ train: chunked(t.train, 1), test: t.test, negative: t.negative }, { name: 'tiny' }),
    ).toEqual(streamed);
    expect(parseNcfSplit(t, 'tiny')).toEqual(parseNcfSplit(texts(), 'tiny'));
  });

  it('loads a split of more than 130k rows from disk without overflowing the argument limit', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'ncf-split-'));
    try {
      const nUsers = 1500;
      const perUser = 100; // 150,000 training rows: Math.max(...rows) threw RangeError at ~120k
      const train: string[] = [];
      for (let u = 0; u < nUsers; u++)
        for (let k = 0; k < perUser; k++) train.push(`${u}\t${(u * 13 + k) % 2000}\t4\t${978300000 + k}`);
      const test: string[] = [];
      const neg: string[] = [];
      for (let u = 0; u < nUsers; u++) {
        test.push(`${u}\t${(u + perUser) % 2000}\t5\t978400000`);
        const ids: number[] = [];
        for (let k = 0; k < 99; k++) ids.push((u + perUser + 1 + k) % 2000);
        neg.push(`(${u},${(u + perUser) % 2000})\t${ids.join('\t')}`);
      }
      writeFileSync(join(tmp, 'big.train.rating'), `${train.join('\n')}\n`);
      writeFileSync(join(tmp, 'big.test.rating'), `${test.join('\n')}\n`);
      writeFileSync(join(tmp, 'big.test.negative'), `${neg.join('\n')}\n`);
      const p = await loadNcfSplitFiles(join(tmp, 'big'));
      expect(p.name).toBe('big');
      expect(p.train.length).toBe(nUsers * perUser);
      expect(p.train.userIds.size).toBe(nUsers);
      expect(p.train.itemIds.size).toBe(2000);
      expect(p.negatives.length).toBe(nUsers * 99);
      expect(p.nNeg).toBe(99);
      // The in-memory path takes the same size too.
      const read = (ext: string) => readFileSync(join(tmp, `big.${ext}`), 'utf8');
      expect(
        parseNcfSplit(
          { train: read('train.rating'), test: read('test.rating'), negative: read('test.negative') },
          'big',
        ).train.length,
      ).toBe(nUsers * perUser);
      await expect(loadNcfSplitFiles(join(tmp, 'missing'))).rejects.toThrow(InvalidArgumentError);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});

async function* chunked(text: string, size: number): AsyncGenerator<string> {
  for (let k = 0; k < text.length; k += size) yield text.slice(k, k + size);
}
