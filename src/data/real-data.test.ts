import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { csrHas } from './sparse-rows.ts';
import { graphAdjacency, graphDegrees } from './graph.ts';
import { toCsr, userCounts } from './interactions.ts';
import { parseGraph } from './loaders/graph.ts';
import { loadGraphFile, loadInteractionsFile } from './node.ts';
import { Rng } from './rng.ts';
import { sampleNegatives } from './samplers/negatives.ts';
import { leaveOneOutLatest } from './split.ts';

/** A path under the repository's public/data/ (the copies the demo serves). */
const dataPath = (relative: string) => fileURLToPath(new URL(`../../public/data/${relative}`, import.meta.url));

describe('MovieLens ml-latest-small (public/data/movielens-small)', () => {
  it('loads 100,004 ratings of 671 users and 9,066 movies, then splits and samples', async () => {
    let lastProgress = 0;
    const log = await loadInteractionsFile(dataPath('movielens-small/ratings.csv'), {
      onProgress: (b) => (lastProgress = b),
    });
    expect(log.length).toBe(100_004);
    expect(log.userIds.size).toBe(671);
    expect(log.itemIds.size).toBe(9_066);
    expect(lastProgress).toBe(2_289_254);
    expect([log.userIds.id(log.users[0]), log.itemIds.id(log.items[0]), log.values[0], log.times[0]]).toEqual([
      1, 31, 2.5, 1260759144,
    ]);
    expect(Math.min(...userCounts(log))).toBeGreaterThanOrEqual(20);

    const { train, testItem } = leaveOneOutLatest(log);
    expect(train.length).toBe(100_004 - 671);
    expect(testItem.every((i) => i >= 0)).toBe(true);
    const seen = toCsr(log, 'user');
    const rng = new Rng(99);
    for (let u = 0; u < 671; u += 67) {
      const negatives = sampleNegatives(seen, u, 99, log.itemIds.size, rng);
      expect(new Set(negatives).size).toBe(99);
      for (const item of negatives) expect(csrHas(seen, u, item)).toBe(false);
    }
  });

  it('ships movies.csv and the licence notes', () => {
    expect(readFileSync(dataPath('movielens-small/movies.csv'), 'utf8').split(/\r?\n/)[0]).toBe(
      'movieId,title,year,genres',
    );
    expect(readFileSync(dataPath('movielens-small/LICENSE.md'), 'utf8')).toMatch(/Harper and Joseph A. Konstan/);
    expect(readFileSync(dataPath('graphs/LICENSE.md'), 'utf8')).toMatch(/LGPL-3\+/);
    expect(existsSync(dataPath('README.md'))).toBe(true);
  });
});

describe('graphs (public/data/graphs)', () => {
  const expected: [file: string, n: number, m: number, classes: number, directed: boolean, weighted: boolean][] = [
    ['karate', 34, 78, 2, false, false],
    ['football', 115, 613, 12, false, false],
    ['polbooks', 105, 441, 3, false, false],
    ['adjnoun', 112, 425, 2, false, false],
    ['serengeti-foodweb', 161, 592, 14, true, false],
    ['dolphins', 62, 159, 0, false, false],
    ['lesmis', 77, 254, 0, false, true],
    ['netscience', 1589, 2742, 0, false, true],
  ];
  for (const [name, n, m, classes, directed, weighted] of expected) {
    it(`${name}.json has ${n} nodes, ${m} edges and ${classes} classes`, async () => {
      const graph = await loadGraphFile(dataPath(`graphs/${name}.json`));
      expect(graph).toMatchObject({ name, n, directed });
      expect(graph.src.length).toBe(m);
      expect(graph.classNames.length).toBe(classes);
      expect(graph.classes.every((c) => (classes ? c >= 0 : c === -1))).toBe(true);
      expect(graph.weight.some((w) => w !== 1)).toBe(weighted);
      const loops = graph.src.filter((s, e) => s === graph.dst[e]).length;
      expect(loops).toBe(name === 'serengeti-foodweb' ? 1 : 0);
      const adjacency = graphAdjacency(graph);
      expect(adjacency.indices.length).toBe(directed ? m : 2 * m - loops);
      const degrees = graphDegrees(graph);
      expect(degrees.reduce((a, b) => a + b, 0)).toBeCloseTo(
        adjacency.values.reduce((a, b) => a + b, 0),
        3,
      );
    });
  }

  it('reads karate’s factions as Zachary reported them', () => {
    const karate = parseGraph(readFileSync(dataPath('graphs/karate.json'), 'utf8'), { file: 'karate.json' });
    expect(karate.classNames).toEqual(['Mr. Hi', 'Officer']);
    expect(karate.classNames[karate.classes[karate.nodeIds.index(0)]]).toBe('Mr. Hi');
    expect(karate.classNames[karate.classes[karate.nodeIds.index(33)]]).toBe('Officer');
  });
});
