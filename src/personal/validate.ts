/** Checks of what a page passes a profile (the services check requests again on their side). */
import type { ExternalId } from '../data/idmap.ts';
import { int, invalid, optional, plainObject, real, record, text, type Check } from '../models/shared/schema.ts';
import type { Interaction } from './types.ts';

/** An external id: a finite number or a string of at most 1024 characters (as the services take). */
export const itemId: Check<ExternalId> = (v, path) => {
  if ((typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.length <= 1024)) return v;
  throw invalid(path, 'an id (a finite number or a string of at most 1024 characters)', v);
};

/** Where a profile lives: a model ref, a person, and optionally the database. */
export const profileWhere = record<{ modelId: string; version: number; person?: string; dbName?: string }>({
  modelId: text(1, 256),
  version: int(0, Number.MAX_SAFE_INTEGER),
  person: optional(text(1, 1024)),
  dbName: optional(text(1, 256)),
});

const finite = real(-Number.MAX_VALUE, Number.MAX_VALUE);

/** One interaction to add. */
export const interaction = record<Interaction>({ item: itemId, time: optional(finite), duration: optional(finite) });

/** Features by name: finite numbers. */
export const features: Check<Record<string, number>> = (v, path) => {
  const o = plainObject(v, path);
  for (const key of Object.keys(o)) {
    text(1, 1024)(key, `${path} key`);
    finite(o[key], `${path}.${key}`);
  }
  return { ...(o as Record<string, number>) };
};
