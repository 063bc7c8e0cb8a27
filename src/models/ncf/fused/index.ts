/** The fused CPU trainer of NCF (one typed-array loop per mini-batch; see `stepper.ts`). */
export { createFusedCpuStepper } from './stepper.ts';
