/**
 * He et al.'s NCF split format (github.com/hexiangnan/neural_collaborative_filtering): `PREFIX.train.rating`
 * and `PREFIX.test.rating` hold `user\titem\trating\ttimestamp` lines, `PREFIX.test.negative` one line per
 * test row: `(user,item)\tneg1\tneg2…`. Users and items are already dense integers from 0.
 */
import { IdMap, makeInteractionLog } from '../data';
import { DataFormatError } from '../errors';
import type { RankingProtocol } from './protocol';

/** The three files' texts. */
export interface NcfSplitTexts {
  train: string;
  test: string;
  negative: string;
}

/** Parses a split into a ranking protocol; any malformed line throws DataFormatError naming file and line. */
export function parseNcfSplit(t: NcfSplitTexts, name = 'split'): RankingProtocol {
  const train = rows(t.train, `${name}.train.rating`);
  const test = rows(t.test, `${name}.test.rating`);
  const negLines = lines(t.negative);
  if (negLines.length !== test.length) {
    throw new DataFormatError(`${name}.test.negative`, 0, `${negLines.length} lines but ${name}.test.rating has ${test.length}`);
  }
  let nNeg = -1;
  const negs: number[] = [];
  negLines.forEach(([line, no], r) => {
    const [head, ...rest] = line.split('\t');
    const m = /^\((\d+),(\d+)\)$/.exec(head.trim());
    if (!m || Number(m[1]) !== test[r].user || Number(m[2]) !== test[r].item) {
      throw new DataFormatError(`${name}.test.negative`, no, `expected "(${test[r].user},${test[r].item})" first, got "${head}"`);
    }
    const ids = rest.filter((x) => x.trim() !== '').map((x) => int(x, `${name}.test.negative`, no));
    if (nNeg < 0) nNeg = ids.length;
    if (ids.length !== nNeg || nNeg === 0) throw new DataFormatError(`${name}.test.negative`, no, `${ids.length} negatives, expected ${nNeg}`);
    negs.push(...ids);
  });
  const all = [...train, ...test];
  const nUsers = Math.max(...all.map((r) => r.user)) + 1;
  const nItems = Math.max(...all.map((r) => r.item), ...negs) + 1;
  const userIds = new IdMap(Array.from({ length: nUsers }, (_, k) => k));
  const itemIds = new IdMap(Array.from({ length: nItems }, (_, k) => k));
  const log = makeInteractionLog({
    users: Int32Array.from(train, (r) => r.user),
    items: Int32Array.from(train, (r) => r.item),
    times: Float64Array.from(train, (r) => r.time),
    userIds,
    itemIds,
  });
  return { name, train: log, users: Int32Array.from(test, (r) => r.user), targets: Int32Array.from(test, (r) => r.item), negatives: Int32Array.from(negs), nNeg };
}

function lines(text: string): [string, number][] {
  return text.split(/\r?\n/).map((l, k) => [l, k + 1] as [string, number]).filter(([l]) => l.trim() !== '');
}

function rows(text: string, file: string): { user: number; item: number; time: number }[] {
  const out = lines(text).map(([line, no]) => {
    const f = line.split('\t');
    if (f.length < 2) throw new DataFormatError(file, no, `expected user<TAB>item<TAB>rating<TAB>timestamp, got "${line}"`);
    return { user: int(f[0], file, no), item: int(f[1], file, no), time: f[3] === undefined ? 0 : Number(f[3]) || 0 };
  });
  if (out.length === 0) throw new DataFormatError(file, 0, 'no ratings');
  return out;
}

function int(s: string, file: string, no: number): number {
  const v = Number(s.trim());
  if (!Number.isInteger(v) || v < 0) throw new DataFormatError(file, no, `"${s}" is not an id (an integer >= 0)`);
  return v;
}
