/**
 * {@link importTorchNcf} straight into an {@link NcfModel} (this module loads tfjs; `importTorchNcf`
 * alone does not).
 */
import { NcfModel } from '../models/ncf/model.ts';
import type { SafetensorsFile } from './safetensors.ts';
import { importTorchNcf, type TorchNcfImport, type TorchNcfOptions } from './torch-ncf.ts';

/**
 * {@link importTorchNcf}, loaded into a new {@link NcfModel} (a tfjs backend must be ready).
 * @example const { model, arch } = await loadTorchNcf(bytes, { file: 'NeuMF.safetensors' });
 */
export async function loadTorchNcf(
  source: Uint8Array | SafetensorsFile,
  options: TorchNcfOptions = {},
): Promise<TorchNcfImport & { model: NcfModel }> {
  const imported = importTorchNcf(source, options);
  const model = new NcfModel(imported.arch);
  await model.fromState(imported.state);
  return { ...imported, model };
}
