/**
 * linkrec models: the one `Recommender` interface, the registry, and the models on interaction logs.
 */
export type {
  Explained,
  FitOptions,
  FitProgress,
  FitResult,
  FoldedUser,
  History,
  ItemReason,
  Json,
  ModelState,
  Ranked,
  RecommendForOptions,
  RecommendOptions,
  Recommender,
  StateTensor,
  TrainerName,
  TrainingCursor,
} from './recommender.ts';
export {
  createModel,
  modelEntry,
  modelFromState,
  modelInput,
  modelKinds,
  upgradeState,
  type ModelConfigs,
  type ModelData,
  type ModelDataOf,
  type ModelInput,
  type ModelEntry,
  type ModelKind,
  type StateUpgrade,
} from './registry.ts';
export { modelIdMaps } from './shared/state.ts';
export { PopularModel, type PopularConfig } from './popular/index.ts';
export { ItemKnnModel, type ItemKnnConfig } from './itemknn/index.ts';
export { MF_DEFAULTS, MfModel, type MfConfig, type MfSettings } from './mf/index.ts';
