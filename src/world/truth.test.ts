import { describe, expect, it } from 'vitest';
import { Rng } from '../data/rng.ts';
import { csrIndices } from '../data/index.ts';
import { trueCourseAffinity, isRelevantWatch } from './course-truth.ts';
import { Inventory, Outcome } from './feed-enums.ts';
import { trueEngagementProb, trueEngagementTerms } from './feed-truth.ts';
import { generateWorld } from './generate.ts';
import { oraclePolicy, simulatePolicyCtr, uniformPolicyCtr } from './policy.ts';
import { inmailAcceptProb, isRelevant, relevanceScore } from './recruiter-truth.ts';

const w = generateWorld({ members: 5_000, seed: 21, feedSessions: 12_000 });
const rng = new Rng(99);

function pearson(xs: number[], ys: number[]): number {
  const n = xs.length,
    mx = xs.reduce((a, b) => a + b, 0) / n,
    my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0,
    sxx = 0,
    syy = 0;
  for (let i = 0; i < n; i++)
    [sxy, sxx, syy] = [sxy + (xs[i] - mx) * (ys[i] - my), sxx + (xs[i] - mx) ** 2, syy + (ys[i] - my) ** 2];
  return sxy / Math.sqrt(sxx * syy);
}

describe('ground truth', () => {
  it('returns probabilities in [0, 1] everywhere', () => {
    for (let t = 0; t < 3_000; t++) {
      const m = rng.int(w.members.count);
      const probs = [
        trueCourseAffinity(w, m, rng.int(w.courses.count)),
        inmailAcceptProb(w, rng.int(w.recruiter.queries.count), m),
        relevanceScore(w, rng.int(w.recruiter.queries.count), m),
        trueEngagementProb(w, m, rng.int(w.feed.activities.count)),
      ];
      for (const p of probs) expect(p >= 0 && p <= 1).toBe(true);
    }
  });

  it('shows the family structure in company co-employment', () => {
    const h = w.members.history,
      fam = w.companies.family;
    let same = 0,
      pairs = 0;
    const share = new Float64Array(w.k);
    for (const c of h.company) share[fam[c]] += 1 / h.company.length;
    for (let m = 0; m < w.members.count; m++) {
      const cs = [...new Set(h.company.subarray(h.offsets[m], h.offsets[m + 1]))];
      for (let i = 0; i < cs.length; i++)
        for (let j = i + 1; j < cs.length; j++) [pairs, same] = [pairs + 1, same + (fam[cs[i]] === fam[cs[j]] ? 1 : 0)];
    }
    const baseline = share.reduce((a, p) => a + p * p, 0);
    expect(same / pairs).toBeGreaterThan(4 * baseline); // ~6.5× at this size
  });

  it('shows the family structure in skill co-occurrence', () => {
    let same = 0,
      pairs = 0;
    for (let m = 0; m < w.members.count; m++) {
      const s = csrIndices(w.members.skills, m);
      for (let i = 0; i + 1 < s.length; i++)
        [pairs, same] = [pairs + 1, same + (w.catalog.skillFamily[s[i]] === w.catalog.skillFamily[s[i + 1]] ? 1 : 0)];
    }
    expect(same / pairs).toBeGreaterThan(0.4); // random pairs would share a family ~1/15 of the time
  });

  it('makes watch time follow trueCourseAffinity, with short watches not counted as engagement', () => {
    const wl = w.watches,
      aff: number[] = [],
      secs: number[] = [];
    for (let i = 0; i < wl.count; i++)
      [aff[i], secs[i]] = [trueCourseAffinity(w, wl.member[i], wl.course[i]), wl.seconds[i]];
    expect(pearson(aff, secs)).toBeGreaterThan(0.3);
    const rel = (lo: number, hi: number): number => {
      const idx = aff.flatMap((a, i) => (a >= lo && a < hi ? [i] : []));
      return idx.filter((i) => isRelevantWatch(w, secs[i])).length / idx.length;
    };
    expect(rel(0.7, 1)).toBeGreaterThan(3 * rel(0, 0.3));
    const short = secs.filter((s) => s <= 10).length;
    expect(short / secs.length).toBeGreaterThan(0.05); // "ten-second" watches exist
  });

  it('makes job seekers and good fits accept InMails more', () => {
    const log = w.recruiter.log;
    const rate = (pred: (i: number) => boolean): number => {
      let n = 0,
        acc = 0;
      for (let i = 0; i < log.count; i++) if (pred(i)) [n, acc] = [n + 1, acc + log.accepted[i]];
      return acc / n;
    };
    const seeker = (i: number): boolean => w.members.jobSeeking[log.member[i]] === 1;
    expect(rate(seeker)).toBeGreaterThan(1.5 * rate((i) => !seeker(i)));
    expect(rate((i) => log.relevant[i] === 1)).toBeGreaterThan(1.5 * rate((i) => log.relevant[i] === 0));
    const relevant = Array.from(log.relevant).reduce((a, b) => a + b, 0) / log.count;
    expect(relevant).toBeGreaterThan(0.05);
    expect(relevant).toBeLessThan(0.6);
    expect(isRelevant(w, log.query[0], log.member[0])).toBe(log.relevant[0] === 1);
  });

  it('makes job seekers engage more with job posts, in the logged clicks', () => {
    const imp = w.feed.log.impressions,
      a = w.feed.activities;
    const ctr = (seeker: number): number => {
      let n = 0,
        clicks = 0;
      for (let i = 0; i < imp.count; i++) {
        const m = w.feed.log.sessions.member[imp.session[i]];
        if (a.inventory[imp.activity[i]] !== Inventory.JOBS || w.members.jobSeeking[m] !== seeker) continue;
        [n, clicks] = [n + 1, clicks + (imp.outcome[i] & Outcome.CLICK)];
      }
      return clicks / n;
    };
    expect(ctr(1)).toBeGreaterThan(2 * ctr(0));
  });

  it('uses every feature group of the seed in the engagement logit', () => {
    const seen = { user: 0, activity: 0, userActor: 0, userType: 0, userActorType: 0, userObject: 0 };
    const s = w.feed.log.sessions;
    for (let i = 0; i < s.count; i++) {
      for (const act of csrIndices(s.candidates, i)) {
        const t = trueEngagementTerms(w, s.member[i], act, s.time[i]);
        for (const k of Object.keys(seen) as (keyof typeof seen)[]) if (t[k] !== 0) seen[k]++;
      }
    }
    for (const [k, n] of Object.entries(seen)) expect(n, k).toBeGreaterThan(100);
  });

  it('draws about half of the candidates from network activity under the seed mix', () => {
    const v = w.feed.log.sessions.candidates.indices,
      inv = w.feed.activities.inventory;
    const counts = [0, 0, 0, 0];
    for (const x of v) counts[inv[x]]++;
    expect(counts[Inventory.NETWORK] / v.length).toBeGreaterThan(0.45);
    expect(counts[Inventory.NETWORK] / v.length).toBeLessThan(0.55);
    for (const c of counts) expect(c).toBeGreaterThan(0);
  });

  it('simulates the true CTR of a policy, and the random log replays to the uniform policy', () => {
    const uniform = uniformPolicyCtr(w);
    const oracle = simulatePolicyCtr(w, oraclePolicy(w));
    expect(oracle).toBeGreaterThan(1.8 * uniform);
    const imp = w.feed.log.impressions;
    let n = 0,
      clicks = 0;
    for (let i = 0; i < imp.count; i++) if (imp.position[i] === 0) [n, clicks] = [n + 1, clicks + (imp.outcome[i] & 1)];
    const se = Math.sqrt((uniform * (1 - uniform)) / n);
    expect(Math.abs(clicks / n - uniform)).toBeLessThan(4 * se);
    expect(() => simulatePolicyCtr(w, () => -1)).toThrow(/not a candidate/);
  });
});
