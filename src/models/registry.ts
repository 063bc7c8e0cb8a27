/**
 * The model registry: one line per model kind (after tfjs' register_all_kernels and transformers.js'
 * SUPPORTED_TASKS). Creating a model, loading a stored state (upgrading older layouts on the way)
 * and checking a backend's kernels all go through here, so adding a model is adding a line.
 */
import { combineRequirements, type KernelRequirements } from '../backend/index.ts';
import type { InteractionLog } from '../data/index.ts';
import { StateVersionError, UnknownIdError } from '../errors.ts';
import { BlendModel, BLEND_STATE_VERSION, type BlendConfig } from './blend/index.ts';
import { GLMIX_KERNELS, GLMIX_STATE_VERSION, GlmixModel, type CourseData, type GlmixConfig } from './glmix/index.ts';
import { ItemKnnModel, ITEMKNN_STATE_VERSION, type ItemKnnConfig } from './itemknn/index.ts';
import { MF_KERNELS, MfModel, MF_STATE_VERSION, mfV1ToV2, type MfConfig } from './mf/index.ts';
import { NCF_KERNELS, NCF_STATE_VERSION, NcfModel, ncfV1ToV2, type NcfConfig } from './ncf/index.ts';
import { PopularModel, POPULAR_STATE_VERSION, type PopularConfig } from './popular/index.ts';
import type { Json, ModelState, Recommender } from './recommender.ts';
import { checkStateEnvelope } from './shared/state-checks.ts';

/** Turns a state of version n into version n + 1. */
export type StateUpgrade = (state: ModelState) => ModelState;

/** What a model trains on: an interaction log, or (`input: 'courses'`) watches with member and course features. */
export type ModelData = InteractionLog | CourseData;

/** Which of the {@link ModelData} shapes a kind trains on. */
export type ModelInput = 'interactions' | 'courses';

/** What the registry knows about one model kind. */
export interface ModelEntry<Config, Data extends ModelData = InteractionLog> {
  /** Builds an untrained model from its options. */
  create(config: Config): Recommender<Data>;
  /** What `fit` takes (default `'interactions'`: an `InteractionLog`). */
  readonly input?: ModelInput;
  /** The state version this build writes. */
  readonly stateVersion: number;
  /** `upgrades[n]` turns a version-n state into version n + 1. */
  readonly upgrades: Readonly<Record<number, StateUpgrade>>;
  /** Kernels the model runs (empty: it computes on the host). */
  readonly kernels: KernelRequirements;
  /** Whether scores depend on the user (most-popular's do not). */
  readonly personalised: boolean;
  /** Whether fit runs epochs of steps (and so reports checkpoints); otherwise it is one host pass. */
  readonly iterative: boolean;
}

/** Options of each model kind. */
export interface ModelConfigs {
  popular: PopularConfig;
  itemknn: ItemKnnConfig;
  mf: MfConfig;
  gmf: NcfConfig;
  mlp: NcfConfig;
  neumf: NcfConfig;
  ncf: NcfConfig;
  glmix: GlmixConfig;
  blend: BlendConfig;
}

/** The kinds that train on course data rather than an interaction log. */
interface CourseKinds {
  glmix: CourseData;
  blend: CourseData;
}

/** What kind `K` trains on. */
export type ModelDataOf<K extends ModelKind> = K extends keyof CourseKinds ? CourseKinds[K] : InteractionLog;

/** A registered model kind. */
export type ModelKind = keyof ModelConfigs;

const HOST_ONLY = combineRequirements();

const REGISTRY: { readonly [K in ModelKind]: ModelEntry<ModelConfigs[K], ModelDataOf<K>> } = {
  popular: {
    create: (c) => new PopularModel(c),
    stateVersion: POPULAR_STATE_VERSION,
    upgrades: {},
    kernels: HOST_ONLY,
    personalised: false,
    iterative: false,
  },
  itemknn: {
    create: (c) => new ItemKnnModel(c),
    stateVersion: ITEMKNN_STATE_VERSION,
    upgrades: {},
    kernels: HOST_ONLY,
    personalised: true,
    iterative: false,
  },
  mf: {
    create: (c) => new MfModel(c),
    stateVersion: MF_STATE_VERSION,
    upgrades: { 1: mfV1ToV2 },
    kernels: MF_KERNELS,
    personalised: true,
    iterative: true,
  },
  gmf: {
    create: (c) => new NcfModel('gmf', c),
    stateVersion: NCF_STATE_VERSION,
    upgrades: { 1: ncfV1ToV2 },
    kernels: NCF_KERNELS,
    personalised: true,
    iterative: true,
  },
  mlp: {
    create: (c) => new NcfModel('mlp', c),
    stateVersion: NCF_STATE_VERSION,
    upgrades: { 1: ncfV1ToV2 },
    kernels: NCF_KERNELS,
    personalised: true,
    iterative: true,
  },
  neumf: {
    create: (c) => new NcfModel('neumf', c),
    stateVersion: NCF_STATE_VERSION,
    upgrades: { 1: ncfV1ToV2 },
    kernels: NCF_KERNELS,
    personalised: true,
    iterative: true,
  },
  ncf: {
    create: (c) => new NcfModel('seed', c),
    stateVersion: NCF_STATE_VERSION,
    upgrades: { 1: ncfV1ToV2 },
    kernels: NCF_KERNELS,
    personalised: true,
    iterative: true,
  },
  glmix: {
    create: (c) => new GlmixModel(c),
    input: 'courses',
    stateVersion: GLMIX_STATE_VERSION,
    upgrades: {},
    kernels: GLMIX_KERNELS,
    personalised: true,
    iterative: false,
  },
  blend: {
    create: (c) => new BlendModel(c, { upgradePart: upgradeState }),
    input: 'courses',
    stateVersion: BLEND_STATE_VERSION,
    upgrades: {},
    kernels: combineRequirements(NCF_KERNELS, GLMIX_KERNELS),
    personalised: true,
    iterative: false,
  },
};

/** Every registered kind, in registry order. */
export function modelKinds(): ModelKind[] {
  return Object.keys(REGISTRY) as ModelKind[];
}

/** The registry entry of `kind`; an unregistered kind throws UnknownIdError('model kind', kind). */
export function modelEntry<K extends ModelKind>(kind: K): ModelEntry<ModelConfigs[K], ModelDataOf<K>>;
export function modelEntry(kind: string): ModelEntry<{ [key: string]: Json }, ModelData>;
export function modelEntry(kind: string): ModelEntry<never, ModelData> {
  if (!Object.hasOwn(REGISTRY, kind)) throw new UnknownIdError('model kind', kind);
  return REGISTRY[kind as ModelKind] as ModelEntry<never, ModelData>;
}

/** What `kind` trains on; `'interactions'` for a kind the registry does not know (its create fails later). */
export function modelInput(kind: string): ModelInput {
  return Object.hasOwn(REGISTRY, kind) ? (REGISTRY[kind as ModelKind].input ?? 'interactions') : 'interactions';
}

/**
 * An untrained model of `kind`.
 * @throws UnknownIdError for an unregistered kind; InvalidArgumentError for an invalid option.
 * @example
 * ```ts
 * import { createModel } from 'linkrec/courses';
 * import { loadInteractions } from 'linkrec/data';
 * import { initBackend } from 'linkrec/models';
 * await initBackend(); // tfjs in this thread: WebGPU, WebGL, wasm or CPU, whichever runs
 * const log = await loadInteractions(await (await fetch('/ratings.csv')).blob(), { file: 'ratings.csv' });
 * const mf = createModel('mf', { dim: 32, epochs: 8 });
 * await mf.fit(log);
 * const { items } = await mf.recommend(0, { k: 10, excludeSeen: true });
 * ```
 */
export function createModel<K extends ModelKind>(kind: K, config?: ModelConfigs[K]): Recommender<ModelDataOf<K>>;
export function createModel(kind: string, config?: { [key: string]: Json }): Recommender<ModelData>;
export function createModel(kind: string, config: object = {}): Recommender<ModelData> {
  return modelEntry(kind).create(config as never);
}

/**
 * Brings a stored state to its kind's current layout by running the upgrade chain.
 * @throws StateVersionError (naming both versions) for a newer, invalid or unreachable version;
 * StateFormatError for a state that is not an object of string kind, object config/meta and tensors.
 */
export function upgradeState(state: ModelState): ModelState {
  checkStateEnvelope(state);
  const entry = modelEntry(state.kind);
  const current = entry.stateVersion;
  let s = state;
  if (!Number.isInteger(s.stateVersion) || s.stateVersion < 1 || s.stateVersion > current) {
    throw new StateVersionError(state.kind, s.stateVersion, current);
  }
  while (s.stateVersion < current) {
    const step = entry.upgrades[s.stateVersion];
    if (!step) throw new StateVersionError(state.kind, s.stateVersion, current);
    s = step(s);
  }
  return s;
}

/**
 * A model rebuilt from a state (from `toState`, a checkpoint, or the store), upgraded first when it
 * was written by an older version. A checkpoint's model resumes training on `fit`.
 * @throws UnknownIdError for an unregistered kind; StateVersionError for a version this build cannot read.
 * @example
 * ```ts
 * import { IdbModelStore } from 'linkrec';
 * import { modelFromState } from 'linkrec/courses';
 * import { initBackend } from 'linkrec/models';
 * await initBackend();
 * const { state } = await (await IdbModelStore.open()).load('movies');
 * const model = await modelFromState(state);
 * const { items, scores } = await model.recommend(42, { k: 10 });
 * model.dispose();
 * ```
 */
export async function modelFromState(state: ModelState): Promise<Recommender<ModelData>> {
  const upgraded = upgradeState(state);
  const model = createModel(upgraded.kind, upgraded.config);
  try {
    await model.fromState(upgraded);
  } catch (err) {
    model.dispose();
    throw err;
  }
  return model;
}
