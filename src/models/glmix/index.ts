export { GlmixModel, GLMIX_STATE_VERSION, type GlmixCoefficients } from './model';
export { GLMIX_DEFAULTS, resolveGlmixConfig, type GlmixConfig, type GlmixSettings } from './config';
export { skillMatch } from './features';
export { cholSolve, newtonBlock, type BlockData, type Targets } from './newton';
export type { CourseData, CourseFeatures, CourseSide, MemberFeatures } from './data';
export { relevantWatches } from './relevant';
export { GLMIX_KERNELS } from './kernels';
export { courseDataFromWire, courseDataToWire, type WireCourseData, type WireWatchLog } from './wire';
