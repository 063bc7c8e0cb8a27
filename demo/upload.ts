/**
 * A dropped ratings file, checked in the page before anything trains on it: the size limit first (from
 * `file.size`, nothing read), then the file streamed through the loader (never read whole into a string).
 * A titles file may come with it, so lists show names instead of ids.
 */
import { describeInteractionLoad, loadInteractions, loadItemTitles, type LoadedInteractions } from '../src/data.ts';
import { DataFormatError } from '../src/index.ts';

/** Largest file the demo accepts: ml-1m's 24 MB ratings with room to spare, well inside a tab's memory. */
export const UPLOAD_MAX_BYTES = 64 * 2 ** 20;

/** Rejects a file over `maxBytes` before reading a byte, then parses it as a stream. */
export async function readUpload(file: File, maxBytes = UPLOAD_MAX_BYTES): Promise<LoadedInteractions> {
  if (file.size > maxBytes) {
    throw new DataFormatError(
      file.name,
      0,
      `file of ${file.size} bytes exceeds the upload limit of ${limitText(maxBytes)}`,
    );
  }
  return loadInteractions(file, { file: file.name, maxBytes });
}

/** "ratings.csv: 3 ratings, 2 users, 2 items (1 repeated (user, item) row dropped, …)." */
export function uploadSummary(name: string, log: LoadedInteractions): string {
  const note = describeInteractionLoad(log);
  return `${name}: ${log.length} ratings, ${log.userIds.size} users, ${log.itemIds.size} items${note ? ` (${note})` : ''}.`;
}

function limitText(bytes: number): string {
  return bytes >= 2 ** 20 ? `${bytes} bytes (${+(bytes / 2 ** 20).toFixed(1)} MiB)` : `${bytes} bytes`;
}

/** Header names recognised for a titles file's id and title columns (case-insensitive). */
const ID_HEADERS = ['movieid', 'itemid', 'courseid', 'id', 'item', 'movie', 'item_id', 'movie_id', 'course_id'];
const TITLE_HEADERS = ['title', 'name'];

/**
 * Reads a titles file that may come with the ratings: MovieLens `movies.csv` (`movieId,title,…`), any
 * CSV/TSV whose header names an id column (movieId, itemId, id…) and a title column (title, name), or
 * two columns `id,title` without a header. A BOM and CRLF line ends are accepted; errors name the
 * file and line (through the library's `loadItemTitles`).
 */
export async function readTitles(file: File, maxBytes = UPLOAD_MAX_BYTES): Promise<Map<number | string, string>> {
  if (file.size > maxBytes)
    throw new DataFormatError(file.name, 0, `file of ${file.size} bytes exceeds the limit of ${limitText(maxBytes)}`);
  // The first line alone decides the layout (64 KiB holds any header; the rest is streamed).
  const head = (await file.slice(0, 65_536).text()).replace(/^\uFEFF/, '');
  const firstLine = head.split('\n', 1)[0].replace(/\r$/, '');
  if (!firstLine.trim()) throw new DataFormatError(file.name, 1, 'empty first line: expected a header or `id,title`');
  const delimiter = firstLine.includes('\t') ? '\t' : ',';
  const fields = firstLine.split(delimiter).map((f) => f.trim().replace(/^"(.*)"$/, '$1'));
  const idColumn = fields.find((f) => ID_HEADERS.includes(f.toLowerCase()));
  const titleColumn = fields.find((f) => TITLE_HEADERS.includes(f.toLowerCase()));
  if (idColumn && titleColumn) return loadItemTitles(file, { file: file.name, idColumn, titleColumn, delimiter });
  if (fields.length !== 2)
    throw new DataFormatError(
      file.name,
      1,
      `expected a header naming an id column (movieId, itemId or id) and a title column (title or name), or two columns id${delimiter === '\t' ? '<tab>' : ','}title; got "${firstLine.slice(0, 80)}"`,
    );
  // Two columns without a header: read with a header line of our own, and give lines as in the file.
  const lead = new Uint8Array(await file.slice(0, 3).arrayBuffer());
  const bom = lead[0] === 0xef && lead[1] === 0xbb && lead[2] === 0xbf ? 3 : 0;
  const newline = head.includes('\r\n') ? '\r\n' : '\n'; // the parser takes its line end from the first line
  const withHeader = new Blob([`id${delimiter}title${newline}`, file.slice(bom)]);
  try {
    return await loadItemTitles(withHeader, { file: file.name, idColumn: 'id', titleColumn: 'title', delimiter });
  } catch (error) {
    if (error instanceof DataFormatError) throw new DataFormatError(error.file, error.line - 1, error.problem);
    throw error;
  }
}

/** "movies.csv: titles for 38 of the 40 items (2 shown by id)." */
export function titlesSummary(name: string, titles: Map<number | string, string>, log: LoadedInteractions): string {
  let found = 0;
  for (let i = 0; i < log.itemIds.size; i++) if (titles.has(log.itemIds.id(i))) found++;
  const missing = log.itemIds.size - found;
  return `${name}: titles for ${found} of the ${log.itemIds.size} items${missing ? ` (${missing} shown by id)` : ''}.`;
}
