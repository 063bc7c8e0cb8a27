// Plain Node ESM: train a small matrix factorisation in this thread and print recommendations.
//   node app.mjs            (after `npm install linkrec`)
import { readFile } from 'node:fs/promises';
import { connectCourses, MemoryModelStore } from 'linkrec';

// 2,000 real ratings (MovieLens ml-latest-small, in the linkrec repository's public/data/).
const text = await readFile(new URL('../../public/data/movielens-small/ratings.csv', import.meta.url), 'utf8');
const csv = text.split(/\r?\n/, 2001).join('\n');

const courses = await connectCourses({ inThread: true, store: new MemoryModelStore() });
const training = courses.train({ modelId: 'movies', kind: 'mf', config: { dim: 16, epochs: 1 }, data: { csv } }, (p) =>
  console.log(`progress: ${JSON.stringify(p)}`),
);
const { info } = await training.done;
const { items, scores } = await courses.rank({
  modelId: 'movies',
  version: info.version,
  user: 1,
  k: 5,
  excludeSeen: true,
});
console.log(`backend: ${(await courses.backend()).training?.backend ?? 'unknown'}`);
items.forEach((item, i) => console.log(`recommendation ${i + 1}: movie ${item} (score ${scores[i].toFixed(3)})`));
courses.dispose();
