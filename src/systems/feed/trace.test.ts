import { describe, expect, it } from 'vitest';
import { FeedService } from './service.ts';
import { buildFeedContext } from './context.ts';
import { featurize } from './spr/features.ts';
import { FeatureBuffer, FEATURE_TEMPLATE_NAMES, templateGroup } from './spr/groups.ts';
import { generateWorld } from '../../world/generate.ts';

describe('feed trace and explanations', () => {
  it('every feature the featuriser emits has a name and sits in its template group', () => {
    const w = generateWorld({ members: 1500, seed: 4, feedSessions: 10 });
    const ctx = buildFeedContext(w),
      buf = new FeatureBuffer();
    const seen = new Set<number>();
    for (let act = 0; act < Math.min(2000, w.feed.activities.count); act += 7) {
      featurize(ctx, act % w.members.count, act, w.now, 0.5, (1 << 16) - 1, buf);
      for (let q = 0; q < buf.n; q++) {
        expect(FEATURE_TEMPLATE_NAMES[buf.tpl[q]], `template ${buf.tpl[q]}`).toBeDefined();
        expect(templateGroup(buf.tpl[q])).toBe(buf.grp[q]);
        seen.add(buf.tpl[q]);
      }
    }
    expect(seen.size).toBeGreaterThan(20);
  });

  it('a served feed carries the counts of its run, and contributions that add up to its pCTR', async () => {
    const s = new FeedService();
    await s.train({ members: 2000, seed: 3, spr: { bits: 14, epochs: 1 } });
    const member = s.members(1)[0].id;
    const feed = s.feed(member, 10);
    const t = feed.trace;
    expect(t.candidates).toBe(t.fprs.reduce((n, f) => n + f.supplied, 0));
    expect(feed.candidates).toBe(t.candidates);
    expect(t.fprs.map((f) => f.name)).toEqual(['network', 'jobs', 'news', 'pymk']);
    expect(t.spr.scored).toBe(t.candidates);
    expect(t.spr.weights).toBe(1 << 14);
    expect(t.shown).toBe(t.candidates - t.rerank.dropped);
    expect(t.rerank.moved).toBeLessThanOrEqual(t.shown);
    for (const x of [t.ms, t.spr.ms, t.rerank.ms, ...t.fprs.map((f) => f.ms)]) expect(x).toBeGreaterThanOrEqual(0);
    expect(t.ms).toBeGreaterThanOrEqual(t.spr.ms + t.rerank.ms);
    for (const it of feed.items) {
      const logit = it.groups.reduce((z, g) => z + g.contribution, 0);
      expect(1 / (1 + Math.exp(-logit))).toBeCloseTo(it.pctr, 5);
      expect(it.groups.map((g) => g.group)).toEqual(['bias', 'X_i', 'X_t', 'X_ij', 'X_ik', 'X_ijk', 'X_io']);
      for (const g of it.groups)
        expect(g.features.reduce((z, f) => z + f.contribution, 0)).toBeCloseTo(g.contribution, 5);
      expect(it.groups[2].features.some((f) => f.name === 'fprScore')).toBe(true);
    }
  });
});
