/**
 * Training data for the service: fetched from the service's own origin (user data never leaves the
 * device) or given inline, parsed by the streaming loader, and fingerprinted so a stored checkpoint is
 * resumed only by the same request.
 */
import { loadInteractions } from '../data/loaders/interactions';
import type { InteractionLog } from '../data/interactions';
import { InvalidArgumentError, LinkrecError } from '../errors';
import type { Json } from '../models/recommender';
import type { TrainingData, TrainRequest } from './protocol';

/** How the service reaches the network: replaceable in Node tests. */
export interface DataDeps {
  fetch: (url: string) => Promise<Response>;
  /** The only origin `ratingsUrl` may point at; undefined = no check (Node without a location). */
  origin?: string;
}

/** Loads a request's interactions; `DataFormatError` for a malformed file. */
export async function loadTrainingData(data: TrainingData, deps: DataDeps, signal?: AbortSignal): Promise<InteractionLog> {
  if ('csv' in data) return loadInteractions(data.csv, { file: data.file ?? 'inline.csv', signal });
  const url = sameOriginUrl(data.ratingsUrl, deps.origin);
  const response = await deps.fetch(url.href);
  if (!response.ok) throw new LinkrecError(`GET ${url.pathname}: HTTP ${response.status}`);
  return loadInteractions(await response.blob(), { file: url.pathname, signal });
}

function sameOriginUrl(raw: string, origin: string | undefined): URL {
  const url = new URL(raw, origin ?? 'http://localhost');
  if (origin !== undefined && url.origin !== origin) {
    throw new InvalidArgumentError(`ratingsUrl must be same-origin (${origin}), got ${url.origin}`);
  }
  return url;
}

/**
 * What identifies a training run, stored in each checkpoint: a checkpoint is resumed only when kind,
 * config, checkpoint interval and data source are all the same (inline text by its hash).
 */
export function trainingFingerprint(request: TrainRequest): Json {
  const data: Json = 'csv' in request.data ? { csvHash: fnv1a(request.data.csv) } : { ratingsUrl: request.data.ratingsUrl };
  return JSON.stringify({
    kind: request.kind,
    config: sortKeys(request.config ?? {}),
    checkpointEvery: request.checkpointEvery ?? 0,
    data,
  });
}

function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
}

/** FNV-1a over UTF-16 code units: cheap and good enough to tell two inline files apart. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return `${text.length}:${h.toString(16)}`;
}
