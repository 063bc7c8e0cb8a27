export { MfModel } from './model.ts';
export { MF_KERNELS } from './kernels.ts';
export { MF_DEFAULTS, resolveMfConfig, type MfConfig, type MfSettings } from './config.ts';
export { MF_KIND, MF_STATE_VERSION } from './state.ts';
export { mfV1ToV2, mfV2ToV1 } from './upgrade.ts';
