/** The talent service's requests, checked at its boundary with the shared checkers (`models/shared/schema.ts`). */
import type { LineBackendPreference } from '../../models/line/backend.ts';
import type { NamedVectors } from '../../models/embedding/model.ts';
import { int, invalid, list, oneOf, optional, real, record, text, type Check } from '../../models/shared/schema.ts';
import { seed } from '../../rpc/validate.ts';
import { WORLD_BOUNDS } from '../../world/bounds.ts';
import { ANY_LOCATION } from '../../world/recruiter-truth.ts';
import type { EntityVectors } from './entity-vectors.ts';
import type { TalentSearchForm, TalentTrainRequest } from './requests.ts';
import type { Pooling } from './space.ts';

/** Named vectors (their count and lengths are checked where they are matched). */
const namedVectors: Check<NamedVectors> = record<NamedVectors>({
  names: list(text(1, 10_000), 1, 10_000_000),
  dim: int(1, 1024),
  vectors: (v, path) => {
    if (!(v instanceof Float32Array)) throw invalid(path, 'a Float32Array', v);
    return v;
  },
});

/** A talent training request. */
export const checkTalentTrain = (request: unknown): TalentTrainRequest =>
  record<TalentTrainRequest>({
    members: int(...WORLD_BOUNDS.members),
    seed,
    maxSamples: optional(int(1, 1e8)),
    towerEpochs: optional(int(1, 1000)),
    lineBackend: optional(oneOf<LineBackendPreference>(['auto', 'webgpu', 'cpu'])),
    entityVectors: optional(
      record<EntityVectors>({
        company: optional(namedVectors),
        skill: optional(namedVectors),
        title: optional(namedVectors),
      }),
    ),
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
