import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../errors.ts';
import { checkerboardFixture } from '../../testing/recommender-fixtures.ts';
import { Catalogue } from './catalogue.ts';

describe('Catalogue', () => {
  const { log, trainItems } = checkerboardFixture();

  it('leaves out a user’s training items on excludeSeen, together with explicit exclusions', () => {
    const c = Catalogue.fromLog(log);
    const unseen = c.candidates(2, { excludeSeen: true });
    for (const i of trainItems[2]) expect(unseen).not.toContain(i);
    expect(unseen.length).toBe(c.nItems - trainItems[2].length);
    const fewer = c.candidates(2, { excludeSeen: true, exclude: Int32Array.of(unseen[0]) });
    expect(Array.from(fewer)).toEqual(Array.from(unseen.subarray(1)));
  });

  it('round-trips the history through state tensors, and says so when a state has none', () => {
    const c = Catalogue.fromLog(log);
    const state = { kind: 'x', stateVersion: 1, config: {}, tensors: c.historyTensors(), meta: c.toMeta() };
    expect(Catalogue.fromState(state).candidates(3, { excludeSeen: true })).toEqual(
      c.candidates(3, { excludeSeen: true }),
    );
    const bare = Catalogue.fromState({ ...state, tensors: {} });
    expect(bare.candidates(3, {}).length).toBe(c.nItems);
    expect(() => bare.candidates(3, { excludeSeen: true })).toThrow(InvalidArgumentError);
    expect(() => bare.candidates(3, { excludeSeen: true })).toThrow(/without its training history/);
  });
});
