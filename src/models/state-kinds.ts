/**
 * The state kinds that live beside the registry: models that are not registry `Recommender`s (LINE,
 * two-tower, the feed's SPR) and the system bundles that store them (talent search, feed). Each has
 * its state version and upgrade chain, as registry kinds do, so the model store keeps them with the
 * same codec, versioning and atomic saves, and an older stored state is upgraded on load.
 */
import { DataFormatError, StateVersionError, UnknownIdError } from '../errors.ts';
import { LINE_STATE_VERSION } from './line/model.ts';
import type { Json, ModelState } from './recommender.ts';
import type { StateUpgrade } from './registry.ts';
import { checkStateEnvelope } from './shared/state-checks.ts';
import { TWO_TOWER_KIND, TWO_TOWER_STATE_VERSION } from './two-tower/state.ts';

/** Kind of the talent-search bundle (three LINE states and a two-tower state). */
export const TALENT_KIND = 'talent-search';
/** Kind of the feed bundle (the SPR state, the world it was trained on, its evaluation). */
export const FEED_KIND = 'feed';
/** Kind of the feed's second-pass ranker state (`systems/feed/spr`). */
export const SPR_KIND = 'feed-spr';
/** SPR state version: tensors `weights` and `accum` [2^bits] float32. */
export const SPR_STATE_VERSION = 1;

/** Version and upgrade chain of one state kind. */
export interface StateKind {
  readonly stateVersion: number;
  /** `upgrades[n]` turns a version-n state into version n + 1. */
  readonly upgrades: Readonly<Record<number, StateUpgrade>>;
}

const STATE_KINDS: Readonly<Record<string, StateKind>> = {
  line: { stateVersion: LINE_STATE_VERSION, upgrades: {} },
  [TWO_TOWER_KIND]: { stateVersion: TWO_TOWER_STATE_VERSION, upgrades: {} },
  [SPR_KIND]: { stateVersion: SPR_STATE_VERSION, upgrades: {} },
  [TALENT_KIND]: { stateVersion: 1, upgrades: {} },
  [FEED_KIND]: { stateVersion: 1, upgrades: {} },
};

/** Every state kind of this table. */
export function stateKinds(): string[] {
  return Object.keys(STATE_KINDS);
}

/** The entry of `kind`; UnknownIdError('state kind', kind) for one this table does not hold. */
export function stateKind(kind: string): StateKind {
  if (!Object.hasOwn(STATE_KINDS, kind)) throw new UnknownIdError('state kind', kind);
  return STATE_KINDS[kind];
}

/**
 * `state` brought to its kind's current layout (checked to be of kind `expected`).
 * @throws DataFormatError for another kind; StateVersionError (both versions) for one this build cannot read.
 */
export function upgradeKindState(
  state: ModelState,
  expected: string,
  table: (kind: string) => StateKind = stateKind,
): ModelState {
  checkStateEnvelope(state);
  if (state.kind !== expected)
    throw new DataFormatError(`${expected} state`, 0, `kind is '${String(state.kind)}', expected '${expected}'`);
  const { stateVersion: current, upgrades } = table(expected);
  let s = state;
  if (!Number.isInteger(s.stateVersion) || s.stateVersion < 1 || s.stateVersion > current) {
    throw new StateVersionError(expected, s.stateVersion, current);
  }
  while (s.stateVersion < current) {
    const step = upgrades[s.stateVersion];
    if (!step) throw new StateVersionError(expected, s.stateVersion, current);
    s = step(s);
  }
  return s;
}

/** Named part states of a bundle, by part name. */
export type StateParts = Record<string, ModelState>;

/**
 * One state holding several model states (saved together, so atomically): part `p`'s tensor `t` is
 * tensor `p/t`, its kind, version, config and meta are in `config.parts[p]`.
 */
export function bundleStates(kind: string, parts: StateParts, meta: { [key: string]: Json }): ModelState {
  const tensors: ModelState['tensors'] = {};
  const described: { [part: string]: Json } = {};
  for (const [name, part] of Object.entries(parts)) {
    for (const [t, tensor] of Object.entries(part.tensors)) tensors[`${name}/${t}`] = tensor;
    described[name] = { kind: part.kind, stateVersion: part.stateVersion, config: part.config, meta: part.meta };
  }
  return { kind, stateVersion: stateKind(kind).stateVersion, config: { parts: described }, tensors, meta };
}

const isRecord = (v: unknown): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The parts of a bundle of kind `kind` (upgraded), each upgraded to its kind's current layout and
 * checked to be of the kind `expected` names.
 * @throws DataFormatError naming the part or field; StateVersionError for a version this build cannot read.
 */
export function unbundleStates(
  state: ModelState,
  kind: string,
  expected: Record<string, string>,
): { parts: StateParts; meta: { [key: string]: Json } } {
  const bundle = upgradeKindState(state, kind);
  const where = `${kind} state`;
  const described = bundle.config.parts;
  if (!isRecord(described)) throw new DataFormatError(where, 0, 'config.parts must be an object');
  const parts: StateParts = {};
  for (const [name, partKind] of Object.entries(expected)) {
    const d = described[name];
    if (
      !isRecord(d) ||
      !isRecord(d.config) ||
      !isRecord(d.meta) ||
      typeof d.kind !== 'string' ||
      typeof d.stateVersion !== 'number'
    ) {
      throw new DataFormatError(where, 0, `config.parts.${name} is missing or malformed`);
    }
    const tensors: ModelState['tensors'] = {};
    const prefix = `${name}/`;
    for (const [t, tensor] of Object.entries(bundle.tensors))
      if (t.startsWith(prefix)) tensors[t.slice(prefix.length)] = tensor;
    parts[name] = upgradeKindState(
      { kind: d.kind, stateVersion: d.stateVersion, config: d.config, meta: d.meta, tensors },
      partKind,
    );
  }
  if (!isRecord(bundle.meta)) throw new DataFormatError(where, 0, 'meta must be an object');
  return { parts, meta: bundle.meta };
}
