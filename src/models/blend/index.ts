export {
  BlendModel,
  type BlendConfig,
  type BlendFoldedUser,
  type BlendOptions,
  type ExplainedRanked,
} from './model.ts';
export { blendScore, fitBlendWeights, type BlendWeights } from './weights.ts';
export { reasonFor, type Reason } from './reasons.ts';
export { BLEND_KIND, BLEND_STATE_VERSION } from './state.ts';
