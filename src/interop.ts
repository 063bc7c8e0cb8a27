/**
 * `linkrec/interop`: reading and writing model files made elsewhere — safetensors (linkrec's own
 * shipped-model format, see `modelStateToSafetensors`), the error they raise (`FormatError`), and the
 * importers of other tools' formats.
 *
 * @module linkrec/interop
 */
export { MODEL_FILE_FORMAT, modelStateFromSafetensors, modelStateToSafetensors } from './interop/model-file.ts';
export { readSafetensors, writeSafetensors } from './interop/safetensors.ts';
export { FormatError } from './errors.ts';
export type { ShippedModelOptions, ShippedModelProgress } from './ship/load-shipped.ts';
export type {
  SafetensorsDtype,
  SafetensorsFile,
  SafetensorsInput,
  SafetensorsTensor,
} from './interop/safetensors.ts';
export {
  readWord2vec,
  readWord2vecBinary,
  readWord2vecText,
  writeWord2vecBinary,
  writeWord2vecText,
  type Word2vecBinaryWriteOptions,
  type Word2vecReadOptions,
} from './interop/word2vec.ts';
export { readPbgTsv, writePbgTsv } from './interop/pbg.ts';
export { namedRows, stateItemVectors } from './interop/embedding-export.ts';
export {
  alignToNames,
  EmbeddingModel,
  matchToGraph,
  type AlignedVectors,
  type GraphMatch,
  type MatchToGraphOptions,
  type NamedVectors,
  type SimilarOptions,
} from './models/embedding/index.ts';
export {
  importTorchNcf,
  TORCH_NCF_STATE_VERSION,
  type TorchNcfArch,
  type TorchNcfImport,
  type TorchNcfKey,
  type TorchNcfOptions,
} from './interop/torch-ncf.ts';
export {
  BAYESIAN_LINEAR_MODEL_AVRO,
  NAME_TERM_VALUE_AVRO,
  readPhotonModels,
  writePhotonModels,
  type BayesianLinearModel,
  type NameTermValue,
} from './interop/photon-avro.ts';
export {
  glmixFeatureNames,
  glmixFromPhoton,
  glmixToPhoton,
  PHOTON_INTERCEPT,
  type PhotonGlmixModels,
  type PhotonImportReport,
  type RandomEffectReport,
} from './interop/photon-glmix.ts';
