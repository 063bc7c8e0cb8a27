/** The feed service's requests, checked at its boundary with the shared checkers (`models/shared/schema.ts`). */
import { int, optional, real, record } from '../../models/shared/schema.ts';
import { seed32 } from '../../rpc/validate.ts';
import { WORLD_BOUNDS } from '../../world/bounds.ts';
import { resolveSprConfig, type SprConfig } from './spr/config.ts';
import type { FeedTrainRequest, FeedWorldSpec } from './wire.ts';

const worldSpec = {
  members: int(...WORLD_BOUNDS.members),
  seed: seed32,
  sessions: optional(int(1, WORLD_BOUNDS.sessions)),
  trainShare: optional(real(0.01, 0.99)),
};

/** The world and split a feed service rebuilds. */
export const checkFeedSpec = (spec: unknown): FeedWorldSpec => record<FeedWorldSpec>(worldSpec)(spec, 'spec');

/** A feed training request (its SPR config against the SPR's schema). */
export const checkFeedTrain = (request: unknown): FeedTrainRequest =>
  record<FeedTrainRequest>({ ...worldSpec, spr: optional((c) => resolveSprConfig(c as SprConfig)) })(
    request,
    'request',
  );
