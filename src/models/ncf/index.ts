export { NcfModel, NCF_KINDS } from './model';
export { NCF_KERNELS } from './kernels';
export { NCF_DEFAULTS, resolveNcfConfig, type NcfArch, type NcfConfig, type NcfSettings } from './config';
export { NCF_STATE_VERSION, ncfV1ToV2 } from './state';
export { coWatchRows, learnerRows, type WeightedRows } from './inputs';
