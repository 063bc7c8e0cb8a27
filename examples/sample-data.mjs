// The examples' data: the first 2,000 ratings of MovieLens ml-latest-small (public/data/movielens-small,
// research use, see its LICENSE.md), written to each web example's public/ratings.csv.
// Run `node examples/sample-data.mjs` once before building an example by hand; the e2e test does it itself.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SAMPLE_ROWS = 2000;

/** The CSV header and the first `rows` ratings, as text. */
export function sampleRatings(rows = SAMPLE_ROWS) {
  const path = fileURLToPath(new URL('../public/data/movielens-small/ratings.csv', import.meta.url));
  return (
    readFileSync(path, 'utf8')
      .split(/\r?\n/, rows + 1)
      .join('\n') + '\n'
  );
}

/** Writes the sample to `<example>/public/ratings.csv` for each web example. */
export function writeSamples(examples = ['vite', 'webpack', 'esbuild', 'element']) {
  const csv = sampleRatings();
  for (const name of examples) {
    const dir = fileURLToPath(new URL(`./${name}/public/`, import.meta.url));
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}ratings.csv`, csv);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writeSamples();
