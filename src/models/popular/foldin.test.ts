import { expect, it } from 'vitest';
import { IdMap, makeInteractionLog } from '../../data/index.ts';
import { UnknownIdError } from '../../errors.ts';
import { PopularModel } from './model.ts';

it('recommendFor ranks by popularity, leaving out the history with excludeSeen; nothing to fold', async () => {
  // Item 2 watched 3 times, item 0 twice, item 1 once, item 3 never.
  const log = makeInteractionLog({
    users: Int32Array.of(0, 0, 1, 1, 2, 2),
    items: Int32Array.of(2, 0, 2, 0, 2, 1),
    userIds: new IdMap(['a', 'b', 'c'], 'user'),
    itemIds: new IdMap(['w', 'x', 'y', 'z'], 'item'),
  });
  const model = new PopularModel();
  await model.fit(log);
  const all = await model.recommendFor({ items: Int32Array.of(2) });
  expect(Array.from(all.items)).toEqual([2, 0, 1, 3]);
  const unseen = await model.recommendFor(
    { items: Int32Array.of(2, 2) },
    { excludeSeen: true, exclude: Int32Array.of(1) },
  );
  expect(Array.from(unseen.items)).toEqual([0, 3]);
  expect(await model.foldIn({ items: Int32Array.of(0) })).toMatchObject({ kind: 'popular', method: 'none' });
  await expect(model.foldIn({ items: Int32Array.of(4) })).rejects.toThrow(UnknownIdError);
});
