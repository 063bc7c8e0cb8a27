/**
 * Model versions never repeat for an id: ranking workers (in any tab) cache models by (id, version),
 * so a version reused after `delete` would let them answer with the deleted model. Each store keeps
 * the last version it issued per id, past the model's deletion; an id's finished model and its
 * checkpoint draw from that one sequence.
 */
import type { ModelInfo } from './types.ts';

/** The version of the next save: one past the stored finished model's, the checkpoint's and the last one ever issued. */
export function nextVersion(
  previous: ModelInfo | undefined,
  issued: number | undefined,
  checkpoint?: ModelInfo,
): number {
  return Math.max(previous?.version ?? 0, checkpoint?.version ?? 0, issued ?? 0) + 1;
}

/** The order of `list()`: by id, an id's finished model before its checkpoint. */
export function listingOrder(a: ModelInfo, b: ModelInfo): number {
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return (a.checkpoint ? 1 : 0) - (b.checkpoint ? 1 : 0);
}
