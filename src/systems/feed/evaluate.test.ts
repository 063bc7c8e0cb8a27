import { describe, expect, it } from 'vitest';
import { csrIndices } from '../../data/index.ts';
import { generateWorld } from '../../world/generate.ts';
import { simulatePolicyCtr } from '../../world/policy.ts';
import { trueEngagementProb } from '../../world/feed-truth.ts';
import { assembleFeed } from './pipeline.ts';
import { evaluateFeed } from './evaluate.ts';
import { splitLog, worldWithSessions } from './split.ts';

const w = generateWorld({ members: 6000, seed: 5, feedSessions: 24_000 });

describe('feed offline evaluation', () => {
  it('a held-out view keeps exactly the chosen sessions and their impressions', () => {
    const split = splitLog(w, 0.7, 1);
    const view = worldWithSessions(w, split.testSessions);
    expect(view.feed.log.impressions.count).toBe(split.testImpressions.length);
    const first = (i: number): number => csrIndices(view.feed.log.sessions.candidates, i)[0];
    let manual = 0;
    split.testSessions.forEach(
      (id, i) =>
        (manual += trueEngagementProb(w, w.feed.log.sessions.member[id], first(i), w.feed.log.sessions.time[id])),
    );
    expect(simulatePolicyCtr(view, (c) => c.candidates[0])).toBeCloseTo(manual / split.testSessions.length, 10);
  });

  it('SPR is calibrated and discriminative; replay agrees with the truth; SPR + re-ranker wins', async () => {
    const r = await evaluateFeed(w);
    expect(r.spr.auc).toBeGreaterThan(0.7);
    expect(r.spr.oe).toBeGreaterThan(0.85);
    expect(r.spr.oe).toBeLessThan(1.15);
    for (const v of Object.values(r.replay)) {
      expect(v.kept).toBeGreaterThan(200);
      expect(v.truth).toBeGreaterThanOrEqual(v.ci[0]);
      expect(v.truth).toBeLessThanOrEqual(v.ci[1]);
    }
    const { chronological, fpr_only, spr_rerank } = r.replay;
    expect(spr_rerank.truth).toBeGreaterThan(fpr_only.truth);
    expect(spr_rerank.truth).toBeGreaterThan(chronological.truth);
    expect(fpr_only.truth).toBeGreaterThan(r.uniformTruth);

    // About half of what is shown comes from network activity, as the seed says.
    let network = 0,
      shown = 0;
    for (let m = 0; m < 300; m++) {
      for (const it of assembleFeed(r.pipeline, { member: m * 13, time: w.now }, { rerank: { size: 20 } }))
        shown++, (network += it.source === 'network' ? 1 : 0);
    }
    expect(network / shown).toBeGreaterThan(0.35);
    expect(network / shown).toBeLessThan(0.65);

    const feed = assembleFeed(r.pipeline, { member: 42, time: w.now }, { explain: true, rerank: { size: 20 } });
    expect(feed.length).toBeGreaterThan(5);
    expect(feed.map((f) => f.rank)).toEqual(feed.map((_, i) => i));
    expect(new Set(feed.map((f) => f.source)).size).toBeGreaterThan(1);
    for (const f of feed) expect(f.groups).toHaveLength(7);
  });
});
