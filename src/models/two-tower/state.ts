/**
 * The two-tower model's state: both towers' flat parameter vectors and the cross network, with the
 * shapes that size them. Only what scoring needs is kept (the Adam slots live and die with `fit`).
 */
import type { ModelState } from '../recommender.ts';
import { checkKindAndVersion, floatTensor, readFloat } from '../shared/state.ts';
import { checkInteger } from '../shared/state-checks.ts';
import { TwoTowerModel } from './model.ts';
import type { TowerShape } from './tower.ts';

/** Kind of the two-tower state. */
export const TWO_TOWER_KIND = 'two-tower';
/** State version: tensors `query`, `member` (flat tower parameters) and `cross` [2]; config holds the shapes. */
export const TWO_TOWER_STATE_VERSION = 1;

/** Parameters of a tower of `shape`: E (vocab × hidden), b1, W2 (out × hidden), b2. */
const paramCount = (s: TowerShape): number => s.vocab * s.hidden + s.hidden + s.out * s.hidden + s.out;

/** A snapshot of `model` (copies). */
export function twoTowerToState(model: TwoTowerModel): ModelState {
  const { query, member } = model;
  return {
    kind: TWO_TOWER_KIND,
    stateVersion: TWO_TOWER_STATE_VERSION,
    config: {
      queryVocab: query.shape.vocab,
      memberVocab: member.shape.vocab,
      hidden: query.shape.hidden,
      dim: query.shape.out,
    },
    tensors: {
      query: floatTensor(query.params.slice(), [query.params.length]),
      member: floatTensor(member.params.slice(), [member.params.length]),
      cross: floatTensor(model.cross.slice(), [2]),
    },
    meta: {},
  };
}

/** A positive integer of the state's config, or StateFormatError naming the field. */
function size(state: ModelState, key: string): number {
  return checkInteger(TWO_TOWER_KIND, `config.${key}`, state.config[key], 1, 2 ** 24);
}

/**
 * The model a state describes, scoring exactly as the one it was taken from.
 * @throws StateVersionError for another version; StateFormatError (a DataFormatError) naming the field for a bad shape or value.
 */
export function twoTowerFromState(state: ModelState): TwoTowerModel {
  checkKindAndVersion(state, TWO_TOWER_KIND, TWO_TOWER_STATE_VERSION);
  const hidden = size(state, 'hidden'),
    out = size(state, 'dim');
  const shapes = {
    query: { vocab: size(state, 'queryVocab'), hidden, out },
    member: { vocab: size(state, 'memberVocab'), hidden, out },
  };
  // Read (and size-check) the tensors before allocating the towers: a bad config cannot ask for more than the data holds.
  const q = readFloat(state, 'query', [paramCount(shapes.query)]);
  const m = readFloat(state, 'member', [paramCount(shapes.member)]);
  const cross = readFloat(state, 'cross', [2]);
  const model = new TwoTowerModel(shapes.query.vocab, shapes.member.vocab, { hidden, dim: out });
  // readFloat checked every value is finite.
  model.query.params.set(q);
  model.member.params.set(m);
  model.cross.set(cross);
  return model;
}
