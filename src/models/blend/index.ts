export { BlendModel, type BlendConfig, type ExplainedRanked } from './model';
export { blendScore, fitBlendWeights, type BlendWeights } from './weights';
export { reasonFor, type Reason } from './reasons';
