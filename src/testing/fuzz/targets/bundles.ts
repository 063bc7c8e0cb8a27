/**
 * The feed's stored bundle (`readFeedState`: the world spec, the SPR state and the report in one
 * model-store record): a bundle saved by a trained FeedService with one field made wrong. Accepted:
 * a spec the service's own check accepts, and an SPR state that loads and predicts in [0, 1].
 */
import fc from 'fast-check';
import { FeedService } from '../../../systems/feed/service.ts';
import { SprModel } from '../../../systems/feed/spr/model.ts';
import { FEED_MODEL_ID, readFeedState } from '../../../systems/feed/stored.ts';
import type { ModelState } from '../../../models/recommender.ts';
import { checkFeedSpec } from '../../../systems/feed/validate.ts';
import { MemoryModelStore } from '../../../store/memory-store.ts';
import { defineTarget } from '../types.ts';
import { mutateState, stateMutation, type StateMutation } from './state-mutations.ts';

async function storedFeed(): Promise<ModelState> {
  const store = new MemoryModelStore();
  const service = new FeedService(store);
  await service.train({ members: 100, seed: 2, sessions: 200, spr: { bits: 10, epochs: 1 } });
  await service.keep();
  return (await store.load(FEED_MODEL_ID)).state;
}

export const FEED_BUNDLE_TARGET = defineTarget<{ mutation: StateMutation }, ModelState, { problem?: string }>({
  name: 'decoder.feed-bundle',
  setup: storedFeed,
  inputs: () => fc.record({ mutation: stateMutation }),
  run: async ({ mutation }, valid) => {
    const { state, edit } = mutateState(valid, mutation);
    const { spec, spr } = readFeedState(state);
    try {
      checkFeedSpec(spec);
    } catch (err) {
      return { problem: `the bundle was accepted with a spec the feed service refuses (${String(err)}) after ${edit}` };
    }
    const model = new SprModel(spr.config as never);
    await model.fromState(spr);
    const p = model.predictRow([0, 1], [1, 1], 0, 2);
    return Number.isFinite(p) && p >= 0 && p <= 1 ? {} : { problem: `SPR predicted ${p} after ${edit}` };
  },
  check: (_c, r) => r.problem,
});
