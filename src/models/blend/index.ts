export { BlendModel, type BlendConfig, type BlendOptions, type ExplainedRanked } from './model';
export { blendScore, fitBlendWeights, type BlendWeights } from './weights';
export { reasonFor, type Reason } from './reasons';
export { BLEND_KIND, BLEND_STATE_VERSION } from './state';
