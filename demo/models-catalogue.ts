/**
 * Which stored models the Models tab may rank MovieLens titles with, and how to name where a model's
 * data came from. Pure functions over `ModelInfo` (what `list()` returns): no DOM, no workers.
 */
import { modelKinds } from '../src/courses.ts';
import type { ModelInfo } from '../src/index.ts';

/** Where a model's training data came from, in words: "MovieLens ratings.csv", "uploaded file x.csv"… */
export function datasetLabel(info: ModelInfo, ratingsUrl: string): string {
  const { source, name } = provenance(info);
  if (source === 'url' && name !== null) return samePath(name, ratingsUrl) ? 'MovieLens (ratings.csv)' : name;
  if (source === 'file' && name !== null) return `uploaded file ${name}`;
  if (source === 'courses') return 'course data';
  return 'unknown (not trained by this demo)';
}

/**
 * True when `info` is a finished model of an interaction-log kind trained on the demo's own MovieLens
 * file: only its item ids are MovieLens movie ids. Imported models, uploads and the other tabs'
 * models (another catalogue) never qualify.
 */
export function ranksMovieLens(info: ModelInfo, ratingsUrl: string): boolean {
  const { source, name } = provenance(info);
  return (
    !info.checkpoint &&
    (modelKinds() as string[]).includes(info.kind) &&
    source === 'url' &&
    name !== null &&
    samePath(name, ratingsUrl)
  );
}

/** The models the picker offers, newest first. */
export function movieLensModels(list: ModelInfo[], ratingsUrl: string): ModelInfo[] {
  return list.filter((m) => ranksMovieLens(m, ratingsUrl)).sort((a, b) => b.updatedAt - a.updatedAt);
}

/** One line naming a model for the picker: id, kind, version, dataset, when. */
export function modelLabel(info: ModelInfo, ratingsUrl: string): string {
  const when = new Date(info.updatedAt).toLocaleString();
  return `${info.id} v${info.version} · ${info.kind} · ${datasetLabel(info, ratingsUrl)} · trained ${when}`;
}

/**
 * The data source in the model's meta (`dataSource` / `dataName`, written by the training service);
 * models stored before those keys existed carry it inside their training fingerprint (`trainedBy`).
 */
function provenance(info: ModelInfo): { source: string | null; name: string | null } {
  const meta = info.meta ?? {};
  if (typeof meta.dataSource === 'string')
    return { source: meta.dataSource, name: typeof meta.dataName === 'string' ? meta.dataName : null };
  if (typeof meta.trainedBy === 'string') {
    try {
      const data = (JSON.parse(meta.trainedBy) as { data?: { ratingsUrl?: unknown } }).data;
      if (typeof data?.ratingsUrl === 'string') return { source: 'url', name: data.ratingsUrl };
    } catch {
      // Not a fingerprint this demo wrote: provenance unknown.
    }
  }
  return { source: null, name: null };
}

function samePath(a: string, b: string): boolean {
  const base = globalThis.location?.href ?? 'http://localhost/';
  try {
    const x = new URL(a, base);
    const y = new URL(b, base);
    return x.origin === y.origin && x.pathname === y.pathname;
  } catch {
    return false;
  }
}
