/**
 * A history on the wire (external ids) → the model's `History` (dense indices), and the fold-ins that
 * travel with requests. Ids the model does not know are left out of the history and reported, never
 * silently dropped: a caller (the personal profile) decides whether that is an error.
 */
import type { ExternalId, IdMap } from '../data/idmap.ts';
import { InvalidArgumentError } from '../errors.ts';
import type { FoldedUser, History } from '../models/recommender.ts';
import type { WireHistory } from './protocol.ts';

/** The dense history of the ids `items` knows, and the unknown ids (each once, in first-seen order). */
export function denseHistory(items: IdMap, wire: WireHistory): { history: History; unknown: ExternalId[] } {
  const keep: number[] = [];
  const indices: number[] = [];
  const unknown = new Set<ExternalId>();
  wire.items.forEach((id, at) => {
    const index = items.indexOrMinusOne(id);
    if (index < 0) unknown.add(id);
    else {
      keep.push(at);
      indices.push(index);
    }
  });
  const history: History = { items: Int32Array.from(indices) };
  const { times, durations, features } = wire;
  if (times) history.times = Float64Array.from(keep, (at) => times[at]);
  if (durations) history.durations = Float32Array.from(keep, (at) => durations[at]);
  if (features) history.features = { ...features };
  return { history, unknown: [...unknown] };
}

/** `folded` when a model of `kind` solved it; `InvalidArgumentError` naming both kinds otherwise. */
export function foldedOfKind(folded: FoldedUser, kind: string, field: string): FoldedUser {
  if (folded.kind !== kind)
    throw Object.assign(
      new InvalidArgumentError(`${field} was folded in by a '${folded.kind}' model, not by this '${kind}' model`),
      { field },
    );
  return folded;
}

/**
 * A fold-in in buffers of its own (a model may hand out a view of memory it keeps), with every field a
 * kind adds (a blend's `parts`) kept.
 */
export function ownFolded<F extends FoldedUser>(folded: F): F {
  return structuredClone(folded);
}
