/**
 * A dropped ratings file, checked in the page before anything trains on it: the size limit first (from
 * `file.size`, nothing read), then the file streamed through the loader (never read whole into a string).
 */
import { describeInteractionLoad, loadInteractions, type LoadedInteractions } from '../src/data.ts';
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
