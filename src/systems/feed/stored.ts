/**
 * What the feed keeps in the model store: one bundle of the SPR's state, the world spec it was trained
 * on (the world, its log split and the first-pass rankers are rebuilt from it) and its offline
 * evaluation, so a restored feed shows the same report without retraining.
 */
import { DataFormatError } from '../../errors.ts';
import type { Json, ModelState } from '../../models/recommender.ts';
import { bundleStates, FEED_KIND, unbundleStates } from '../../models/state-kinds.ts';
import { SPR_KIND } from './spr/model.ts';
import type { FeedReport, FeedWorldSpec } from './wire.ts';

/** Store id of the feed bundle. */
export const FEED_MODEL_ID = 'feed';

/** The bundle to store. */
export function feedState(spec: FeedWorldSpec, spr: ModelState, report: FeedReport): ModelState {
  const world: { [key: string]: Json } = { members: spec.members, seed: spec.seed };
  if (spec.sessions !== undefined) world.sessions = spec.sessions;
  if (spec.trainShare !== undefined) world.trainShare = spec.trainShare;
  return bundleStates(FEED_KIND, { spr }, { world, report: report as unknown as Json });
}

const bad = (field: string, v: unknown, want: string): DataFormatError =>
  new DataFormatError('feed state', 0, `${field} must be ${want}, got ${JSON.stringify(v)}`);

function specOf(world: Json | undefined): FeedWorldSpec {
  if (typeof world !== 'object' || world === null || Array.isArray(world)) throw bad('meta.world', world, 'an object');
  const { members, seed, sessions, trainShare } = world;
  if (typeof members !== 'number' || !Number.isInteger(members) || members < 1 || members > 1_000_000)
    throw bad('meta.world.members', members, 'an integer in [1, 1e6]');
  if (typeof seed !== 'number' || !Number.isInteger(seed)) throw bad('meta.world.seed', seed, 'an integer');
  const spec: FeedWorldSpec = { members, seed };
  if (sessions !== undefined) {
    if (typeof sessions !== 'number' || !Number.isInteger(sessions) || sessions < 1 || sessions > 10_000_000)
      throw bad('meta.world.sessions', sessions, 'an integer in [1, 1e7]');
    spec.sessions = sessions;
  }
  if (trainShare !== undefined) {
    if (typeof trainShare !== 'number' || !(trainShare > 0 && trainShare < 1))
      throw bad('meta.world.trainShare', trainShare, 'in (0, 1)');
    spec.trainShare = trainShare;
  }
  return spec;
}

/**
 * The spec, SPR state and report of a stored bundle.
 * @throws DataFormatError naming the field; StateVersionError for a version this build cannot read.
 */
export function readFeedState(state: ModelState): { spec: FeedWorldSpec; spr: ModelState; report: FeedReport } {
  const { parts, meta } = unbundleStates(state, FEED_KIND, { spr: SPR_KIND });
  const report = meta.report;
  if (typeof report !== 'object' || report === null || Array.isArray(report))
    throw bad('meta.report', report, 'an object');
  return { spec: specOf(meta.world), spr: parts.spr, report: report as unknown as FeedReport };
}
