import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, UnknownIdError } from '../errors.ts';
import { IdMap } from './idmap.ts';

describe('IdMap', () => {
  it('assigns dense indices in first-seen order and looks up both ways', () => {
    const m = new IdMap(['b', 7, 'b', 'a'], 'user');
    expect(m.size).toBe(3);
    expect(m.ids()).toEqual(['b', 7, 'a']);
    expect([m.index('b'), m.index(7), m.index('a')]).toEqual([0, 1, 2]);
    expect(m.id(1)).toBe(7);
    expect(m.add('a')).toBe(2);
    expect(m.add('c')).toBe(3);
    expect(m.has('c') && !m.has('d')).toBe(true);
    expect(m.indexOrMinusOne('d')).toBe(-1);
  });

  it('keeps numbers and strings apart', () => {
    const m = new IdMap([1]);
    expect(m.has('1')).toBe(false);
    expect(m.has(1)).toBe(true);
  });

  it('throws typed errors for unknown ids and out-of-range indices', () => {
    const m = new IdMap([5], 'item');
    expect(() => m.index(6)).toThrow(UnknownIdError);
    expect(() => m.index(6)).toThrow('unknown item id 6');
    for (const bad of [-1, 1, 0.5, NaN]) expect(() => m.id(bad)).toThrow(InvalidArgumentError);
    expect(() => m.add(Infinity)).toThrow(InvalidArgumentError);
  });

  it('round-trips through JSON', () => {
    const m = new IdMap(['x', 3, 'y'], 'node');
    const back = IdMap.fromJSON(JSON.parse(JSON.stringify(m)));
    expect(back.kind).toBe('node');
    expect(back.ids()).toEqual(['x', 3, 'y']);
    expect(back.index(3)).toBe(1);
  });

  it('rejects malformed JSON forms', () => {
    for (const bad of [
      null,
      {},
      { kind: 'k' },
      { kind: 'k', ids: [1, 1] },
      { kind: 'k', ids: [{}] },
      { kind: 1, ids: [] },
    ]) {
      expect(() => IdMap.fromJSON(bad)).toThrow(InvalidArgumentError);
    }
  });
});
