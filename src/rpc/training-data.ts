/**
 * Training data for the service: fetched from the service's own origin (user data never leaves the
 * device) or given inline, parsed by the streaming loader, and fingerprinted so a stored checkpoint is
 * resumed only by the same request.
 */
import { loadInteractions } from '../data/loaders/interactions.ts';
import type { InteractionLog } from '../data/interactions.ts';
import { InvalidArgumentError, LinkrecError } from '../errors.ts';
import { courseDataFromWire, type WireCourseData } from '../models/glmix/wire.ts';
import type { Json } from '../models/recommender.ts';
import { modelInput, type ModelData } from '../models/registry.ts';
import type { TrainingData, TrainRequest } from './protocol.ts';

/** How the service reaches the network: replaceable in Node tests. */
export interface DataDeps {
  fetch: (url: string) => Promise<Response>;
  /** The only origin `ratingsUrl` may point at; undefined = no check (Node without a location). */
  origin?: string;
}

/**
 * Loads a request's data, in the shape its kind trains on (`InvalidArgumentError` for the other shape);
 * `DataFormatError` for a malformed file or course data.
 */
export async function loadTrainingData(
  request: Pick<TrainRequest, 'kind' | 'data'>,
  deps: DataDeps,
  signal?: AbortSignal,
): Promise<ModelData> {
  const { data, kind } = request;
  const courses = 'courses' in data;
  if (courses !== (modelInput(kind) === 'courses')) {
    throw new InvalidArgumentError(
      `train: kind '${kind}' trains on ${courses ? 'an interaction log ({ ratingsUrl } or { csv })' : 'course data ({ courses })'}`,
    );
  }
  if ('courses' in data) return courseDataFromWire(data.courses);
  return loadLog(data, deps, signal);
}

async function loadLog(
  data: Exclude<TrainingData, { courses: WireCourseData }>,
  deps: DataDeps,
  signal?: AbortSignal,
): Promise<InteractionLog> {
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
  const d = request.data;
  const data: Json =
    'csv' in d
      ? { csvHash: fnv1a(d.csv) }
      : 'courses' in d
        ? { coursesHash: hashCourses(d.courses) }
        : { ratingsUrl: d.ratingsUrl };
  // A validation slice changes what is trained on; without one the fingerprint is as before.
  const validation = request.validation ? { validation: sortKeys(request.validation) } : {};
  return JSON.stringify({
    kind: request.kind,
    config: sortKeys(request.config ?? {}),
    checkpointEvery: request.checkpointEvery ?? 0,
    data,
    ...validation,
  });
}

/**
 * Where a model's training data came from, stored in its meta (so listed in `ModelInfo.meta`):
 * `dataSource` `'url'` (then `dataName` is the URL as requested), `'file'` (the file's name, e.g. an
 * upload) or `'courses'` (inline course data).
 */
export function dataProvenance(data: TrainingData): { dataSource: 'url' | 'file' | 'courses'; dataName: string } {
  if ('ratingsUrl' in data) return { dataSource: 'url', dataName: data.ratingsUrl };
  if ('csv' in data) return { dataSource: 'file', dataName: data.file ?? 'inline.csv' };
  return { dataSource: 'courses', dataName: 'course data' };
}

function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys(value[k])]),
  );
}

/** FNV-1a over every typed array and string of the course data (walked in key order). */
function hashCourses(wire: WireCourseData): string {
  let h = 0x811c9dc5;
  let n = 0;
  const walk = (v: unknown): void => {
    if (ArrayBuffer.isView(v)) {
      const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
      for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0;
      n += bytes.length;
    } else if (v !== null && typeof v === 'object')
      for (const k of Object.keys(v).sort()) walk((v as Record<string, unknown>)[k]);
    else h = Math.imul(h ^ fnv1aText(String(v)), 0x01000193) >>> 0;
  };
  walk(wire);
  return `${n}:${h.toString(16)}`;
}

function fnv1aText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** FNV-1a over UTF-16 code units: cheap and good enough to tell two inline files apart. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return `${text.length}:${h.toString(16)}`;
}
