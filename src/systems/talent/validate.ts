/** The talent service's requests, checked at its boundary with the shared checkers (`models/shared/schema.ts`). */
import type { LineBackendPreference } from '../../models/line/backend.ts';
import { int, oneOf, optional, real, record, text } from '../../models/shared/schema.ts';
import { seed } from '../../rpc/validate.ts';
import { WORLD_BOUNDS } from '../../world/bounds.ts';
import { ANY_LOCATION } from '../../world/recruiter-truth.ts';
import type { TalentSearchForm, TalentTrainRequest } from './requests.ts';
import type { Pooling } from './space.ts';

/** A talent training request. */
export const checkTalentTrain = (request: unknown): TalentTrainRequest =>
  record<TalentTrainRequest>({
    members: int(...WORLD_BOUNDS.members),
    seed,
    maxSamples: optional(int(1, 1e8)),
    towerEpochs: optional(int(1, 1000)),
    lineBackend: optional(oneOf<LineBackendPreference>(['auto', 'webgpu', 'cpu'])),
  })(request, 'request');

/** A recruiter search against a world of `titles` titles and `locations` cities (255 = any city). */
export function checkTalentSearch(form: unknown, vocab: { titles: number; locations: number }): TalentSearchForm {
  return record<TalentSearchForm>({
    title: int(-1, vocab.titles - 1),
    skills: text(0, 1000),
    location: (v, path) =>
      v === ANY_LOCATION ? ANY_LOCATION : int(0, vocab.locations - 1)(v, `${path} (or ${ANY_LOCATION} = any)`),
    minYears: real(0, 100),
    text: text(0, 1000),
    pooling: oneOf<Pooling>(['mean', 'max']),
    k: optional(int(1, 1000)),
  })(form, 'form');
}
