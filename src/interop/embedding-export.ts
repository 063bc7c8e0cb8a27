/**
 * Our embeddings as {@link NamedVectors}, ready for `writeWord2vecText` / `writeWord2vecBinary`: the
 * item vectors of a model state (MF, GMF / NeuMF, MLP) named by the catalogue's item ids, and any
 * row-major matrix named by an id list (LINE's `embeddings()` named by the graph's node ids).
 */
import { InvalidArgumentError } from '../errors.ts';
import type { NamedVectors } from '../models/embedding/model.ts';
import type { ModelState } from '../models/recommender.ts';

/** The item-vector tensor of each model kind that has one. */
const ITEM_TENSORS: Readonly<Record<string, string>> = {
  mf: 'itemEmb',
  gmf: 'gmfItem',
  neumf: 'gmfItem',
  mlp: 'mlpItem',
};

/**
 * `vectors` (`ids.length × dim`) named by `ids` (`String(id)`).
 * @example namedRows(graph.nodeIds.toJSON().ids, line.outputDim, line.embeddings())
 */
export function namedRows(ids: ArrayLike<string | number>, dim: number, vectors: Float32Array): NamedVectors {
  if (vectors.length !== ids.length * dim)
    throw new InvalidArgumentError(`namedRows: ${vectors.length} values for ${ids.length} ids × ${dim}`);
  return { names: Array.from(ids, String), dim, vectors };
}

/**
 * A model state's item vectors (`tensor` overrides the kind's default: MF `itemEmb`, GMF and NeuMF
 * `gmfItem`, MLP `mlpItem`), named by `meta.itemIds` (dense indices when the state has no id map).
 */
export function stateItemVectors(state: ModelState, tensor?: string): NamedVectors {
  const name = tensor ?? ITEM_TENSORS[state.kind];
  if (!name) throw new InvalidArgumentError(`stateItemVectors: kind ${state.kind} has no item vectors; name a tensor`);
  const t = state.tensors[name];
  if (!t || t.dtype !== 'float32' || t.shape.length !== 2)
    throw new InvalidArgumentError(`stateItemVectors: ${state.kind} state has no 2-d float tensor ${name}`);
  const [n, dim] = t.shape;
  const itemIds = state.meta.itemIds as { ids?: unknown } | null | undefined;
  const ids = Array.isArray(itemIds?.ids) && itemIds.ids.length === n ? (itemIds.ids as (string | number)[]) : null;
  return namedRows(ids ?? Array.from({ length: n }, (_, i) => i), dim, Float32Array.from(t.data));
}
