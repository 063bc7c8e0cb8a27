import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DataFormatError } from '../errors';
import { PopularModel } from '../models/popular';
import { parseNcfSplit, type NcfSplitTexts } from './ncf-split';
import { sampledFigures } from './protocol';

const dir = 'src/courses/fixtures/tiny';
const texts = (): NcfSplitTexts => ({
  train: readFileSync(`${dir}.train.rating`, 'utf8'),
  test: readFileSync(`${dir}.test.rating`, 'utf8'),
  negative: readFileSync(`${dir}.test.negative`, 'utf8'),
});

describe('NCF reference split format', () => {
  it('parses the three files into the protocol and evaluates through the model interface', async () => {
    const p = parseNcfSplit(texts(), 'tiny');
    expect(p.train.length).toBe(9);
    expect(p.train.itemIds.size).toBe(6);
    expect(Array.from(p.users)).toEqual([0, 1, 2]);
    expect(Array.from(p.targets)).toEqual([3, 2, 0]);
    expect(p.nNeg).toBe(2);
    expect(Array.from(p.negatives)).toEqual([4, 5, 4, 5, 4, 5]);
    const popular = new PopularModel();
    await popular.fit(p.train);
    // Items 4 and 5 have no training count, so every target outranks both negatives.
    expect(await sampledFigures(popular, p)).toMatchObject({ hr10: 1, ndcg10: 1, mrr: 1 });
  });

  it('names the file and line of malformed input', () => {
    const bad = (patch: Partial<NcfSplitTexts>) => () => parseNcfSplit({ ...texts(), ...patch }, 'tiny');
    expect(bad({ train: '0\tx\t1\t1\n' })).toThrow(DataFormatError);
    expect(bad({ train: '0\tx\t1\t1\n' })).toThrow(/tiny\.train\.rating:1/);
    expect(bad({ negative: '(0,3)\t4\t5\n(1,2)\t4\n(2,0)\t4\t5\n' })).toThrow(/tiny\.test\.negative:2: 1 negatives, expected 2/);
    expect(bad({ negative: '(0,9)\t4\t5\n(1,2)\t4\t5\n(2,0)\t4\t5\n' })).toThrow(/expected "\(0,3\)"/);
    expect(bad({ negative: '(0,3)\t4\t5\n' })).toThrow(/1 lines but tiny\.test\.rating has 3/);
    expect(bad({ train: '' })).toThrow(/no ratings/);
  });
});
