export { NcfModel, NCF_KINDS } from './model.ts';
export { NCF_KERNELS } from './kernels.ts';
export { NCF_DEFAULTS, resolveNcfConfig, type NcfArch, type NcfConfig, type NcfSettings } from './config.ts';
export { NCF_STATE_VERSION, ncfV1ToV2 } from './state.ts';
export { coWatchRows, learnerRows } from './inputs.ts';
