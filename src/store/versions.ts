/**
 * Model versions never repeat for an id: ranking workers (in any tab) cache models by (id, version),
 * so a version reused after `delete` would let them answer with the deleted model. Each store keeps
 * the last version it issued per id, past the model's deletion.
 */
import type { ModelInfo } from './types.ts';

/** The version of the next save: one past both the stored model's and the last one ever issued. */
export function nextVersion(previous: ModelInfo | undefined, issued: number | undefined): number {
  return Math.max(previous?.version ?? 0, issued ?? 0) + 1;
}
