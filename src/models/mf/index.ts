export { MfModel } from './model';
export { MF_KERNELS } from './kernels';
export { MF_DEFAULTS, resolveMfConfig, type MfConfig, type MfSettings } from './config';
export { MF_KIND, MF_STATE_VERSION } from './state';
export { mfV1ToV2, mfV2ToV1 } from './upgrade';
