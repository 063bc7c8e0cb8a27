import Papa from 'papaparse';
import { DataFormatError } from '../../errors.ts';
import { readText, type DataSource, type ReadOptions } from './source.ts';

/** Options of {@link loadItemTitles}. */
export interface LoadItemTitlesOptions extends ReadOptions {
  /** Header of the id column (default `movieId`). */
  idColumn?: string;
  /** Header of the title column (default `title`). */
  titleColumn?: string;
  /** Field separator, e.g. `'\t'` (default: guessed from the text; give it when rows may be ragged). */
  delimiter?: string;
}

/**
 * Reads an item catalogue with a header row (MovieLens `movies.csv`: `movieId,title,year,genres`,
 * quoted titles allowed) into a map from item id to its title, so lists can show names, not numbers.
 * Ids that look like integers become numbers, matching the ids `loadInteractions` produces.
 * @example
 * ```ts
 * import { loadItemTitles } from 'linkrec/data';
 * const titles = await loadItemTitles(await (await fetch('/data/movielens-small/movies.csv')).blob(), { file: 'movies.csv' });
 * titles.get(1); // "Toy Story"
 * ```
 */
export async function loadItemTitles(
  source: DataSource,
  options: LoadItemTitlesOptions,
): Promise<Map<number | string, string>> {
  const { file, idColumn = 'movieId', titleColumn = 'title', delimiter = '' } = options;
  const text = await readText(source, options);
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true, delimiter });
  const fields = parsed.meta.fields ?? [];
  for (const column of [idColumn, titleColumn]) {
    if (!fields.includes(column))
      throw new DataFormatError(file, 1, `missing column '${column}' (header: ${fields.join(',') || 'none'})`);
  }
  const bad = parsed.errors[0];
  if (bad) throw new DataFormatError(file, (bad.row ?? 0) + 2, bad.message);
  const titles = new Map<number | string, string>();
  parsed.data.forEach((row, i) => {
    const raw = row[idColumn]?.trim();
    if (!raw) throw new DataFormatError(file, i + 2, `empty ${idColumn}`);
    titles.set(/^-?\d{1,15}$/.test(raw) ? Number(raw) : raw, row[titleColumn] ?? '');
  });
  return titles;
}
