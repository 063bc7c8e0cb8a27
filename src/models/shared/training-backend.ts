import { assertModelKernels, currentBackend, type BackendName, type KernelRequirements } from '../../backend/index.ts';
import { BackendUnavailableError } from '../../errors.ts';

/** The backend a tfjs model trains on, after checking it has every kernel it needs (forward, backward, gradients). */
export function trainingBackend(kernels: KernelRequirements): BackendName {
  const backend = currentBackend();
  if (!backend) throw new BackendUnavailableError('none', [], 'no tfjs backend is running; call initBackend() first');
  assertModelKernels(backend, kernels);
  return backend;
}
