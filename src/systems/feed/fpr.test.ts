import { describe, expect, it } from 'vitest';
import { csrHas } from '../../data/index.ts';
import { Inventory } from '../../world/feed-enums.ts';
import { generateWorld } from '../../world/generate.ts';
import { buildFeedContext } from './context.ts';
import { buildFprs, FPR_FACTORIES, jobsFpr, skillEmbeddings, talentEmbeddings, TopK } from './fpr/index.ts';

const w = generateWorld({ members: 3000, seed: 3, feedSessions: 10 });
const ctx = buildFeedContext(w);
const fprs = buildFprs(ctx);
const members = [0, 17, 256, 1999];

describe('first-pass rankers', () => {
  it('registers one independent ranker per inventory', () => {
    expect(Object.keys(FPR_FACTORIES)).toEqual(['network', 'jobs', 'news', 'pymk']);
    fprs.forEach((f, inv) => expect(f.inventory).toBe(inv));
  });

  it('return their own inventory, best first, with scores in [0, 1] that score() reproduces', () => {
    for (const f of fprs) {
      for (const member of members) {
        const req = { member, time: w.now };
        const top = f.topK(req, 20);
        expect(new Set(top.items).size).toBe(top.items.length);
        top.items.forEach((act, i) => {
          expect(w.feed.activities.inventory[act]).toBe(f.inventory);
          expect(top.scores[i]).toBeGreaterThanOrEqual(0);
          expect(top.scores[i]).toBeLessThanOrEqual(1);
          if (i > 0) expect(top.scores[i]).toBeLessThanOrEqual(top.scores[i - 1]);
          expect(f.score(req, act)).toBeCloseTo(top.scores[i], 5);
        });
      }
    }
  });

  it('network activity comes from connections (first or second degree); PYMK suggests non-connections with common friends', () => {
    const a = w.feed.activities,
      conn = w.feed.connections;
    const secondDegree = (m: number, x: number): boolean => {
      for (let p = conn.indptr[m]; p < conn.indptr[m + 1]; p++) if (csrHas(conn, conn.indices[p], x)) return true;
      return false;
    };
    let seen = 0,
      first = 0,
      network = 0;
    for (const member of members) {
      for (const act of fprs[Inventory.NETWORK].topK({ member, time: w.now }, 30).items) {
        network++;
        if (csrHas(conn, member, a.actor[act])) first++;
        else expect(secondDegree(member, a.actor[act])).toBe(true);
      }
      const pymk = fprs[Inventory.PYMK].topK({ member, time: w.now }, 30);
      pymk.items.forEach((act, i) => {
        seen++;
        expect(a.actor[act]).not.toBe(member);
        expect(csrHas(w.feed.connections, member, a.actor[act])).toBe(false);
        expect(pymk.scores[i]).toBeGreaterThan(0);
      });
    }
    expect(seen).toBeGreaterThan(0);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(network);
  });

  it('job FPR prefers jobs in the member’s skill families', () => {
    const k = w.k;
    let inFamily = 0,
      total = 0;
    for (let member = 0; member < 200; member++) {
      const row = ctx.skillShare.subarray(member * k, member * k + k);
      const top = fprs[Inventory.JOBS].topK({ member, time: w.now }, 5);
      for (const act of top.items) total++, (inFamily += row[w.feed.activities.family[act]] > 0 ? 1 : 0);
    }
    expect(inFamily / total).toBeGreaterThan(0.8);
  });

  it('takes the talent-search entity space: family-indicator vectors rank like skill embeddings', () => {
    const k = w.k,
      cat = w.catalog;
    const oneHot = (fams: ArrayLike<number>): Float32Array => {
      const v = new Float32Array(fams.length * k);
      for (let i = 0; i < fams.length; i++) v[i * k + fams[i]] = 1;
      return v;
    };
    // Titles carry no signal here, so pooling reduces to the skill-family histogram.
    const space = { dim: k, skill: oneHot(cat.skillFamily), title: new Float32Array(cat.titleName.length * k) };
    const emb = talentEmbeddings(ctx, space),
      ref = skillEmbeddings(ctx);
    const viaTalent = jobsFpr(ctx, emb),
      viaSkills = jobsFpr(ctx, ref);
    for (const member of members) {
      const req = { member, time: w.now };
      const a = viaTalent.topK(req, 10),
        b = viaSkills.topK(req, 10);
      expect(a.items.length).toBe(10);
      // Member vectors agree exactly; job vectors differ only by the job's own family bump.
      for (let d = 0; d < k; d++) expect(emb.members[member * k + d]).toBeCloseTo(ref.members[member * k + d], 5);
      expect(a.scores[0]).toBeGreaterThan(0);
      expect(Math.abs(a.scores[0] - b.scores[0])).toBeLessThan(0.3);
    }
  });

  it('TopK keeps the k largest', () => {
    const t = new TopK(3);
    [5, 1, 9, 3, 7, 2].forEach((s, i) => t.push(i, s));
    const r = t.result();
    expect(Array.from(r.items)).toEqual([2, 4, 0]);
    expect(Array.from(r.scores)).toEqual([9, 7, 5]);
  });
});
