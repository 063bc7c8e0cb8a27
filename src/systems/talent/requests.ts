/**
 * The requests a talent service takes, apart from the service so `rpc/validate.ts` can check them
 * without importing the service (which imports the checks).
 */
import type { LineBackendPreference } from '../../models/line/backend.ts';
import type { Pooling } from './space.ts';
import type { EntityVectors } from './entity-vectors.ts';

/** What a talent training takes (`TalentClient.train`, `TalentService.train`). */
export interface TalentTrainRequest {
  members: number;
  seed?: number;
  /** LINE edge samples per order per graph, at most (default 300,000). */
  maxSamples?: number;
  towerEpochs?: number;
  /** Where LINE trains (default: WebGPU where the worker has it, else the CPU loop). */
  lineBackend?: LineBackendPreference;
  /**
   * Vectors trained elsewhere, one set per graph (e.g. `readWord2vec` of LINE's C++ output for the
   * skill graph): each is matched to that graph's entities by name, rows L2-normalised, entities the
   * file lacks get a zero vector, and LINE does not train that graph. All given kinds share one `dim`.
   */
  entityVectors?: EntityVectors;
}

/** A recruiter's search: structured fields (−1 / 255 = unset) and free text. */
export interface TalentSearchForm {
  title: number;
  skills: string;
  location: number;
  minYears: number;
  text: string;
  pooling: Pooling;
  k?: number;
}
