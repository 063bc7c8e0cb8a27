import { describe, expect, it } from 'vitest';
import { csrHas, csrIndices, type IndexArray, type SparseRows } from '../data/index.ts';
import { Inventory, ObjectType, ActorType } from './feed-enums.ts';
import { generateWorld } from './generate.ts';
import { ANY_LOCATION } from './recruiter-truth.ts';

const w = generateWorld({ members: 3_000, seed: 11 });
const cat = w.catalog;

function allBelow(xs: ArrayLike<number>, bound: number): boolean {
  for (let i = 0; i < xs.length; i++) if (!(xs[i] >= 0 && xs[i] < bound)) return false;
  return true;
}

/** The shape is rows × bound; indptr starts at 0, never decreases and ends at indices.length; optionally rows are strictly increasing. */
function wellFormed(csr: SparseRows<IndexArray>, rows: number, bound: number, sortedUnique: boolean): void {
  expect([csr.nRows, csr.nCols]).toEqual([rows, bound]);
  const { indptr: offsets, indices: values } = csr;
  expect(offsets.length).toBe(rows + 1);
  expect(offsets[0]).toBe(0);
  expect(offsets[rows]).toBe(values.length);
  for (let r = 0; r < rows; r++) {
    expect(offsets[r + 1] >= offsets[r]).toBe(true);
    if (sortedUnique)
      for (let k = offsets[r] + 1; k < offsets[r + 1]; k++)
        if (!(values[k] > values[k - 1])) throw new Error(`row ${r} unsorted`);
  }
  expect(allBelow(values, bound)).toBe(true);
}

describe('referential integrity', () => {
  it('keeps every catalog and company id in range', () => {
    expect(allBelow(w.companies.industry, cat.industryCode.length)).toBe(true);
    expect(allBelow(w.companies.family, w.k)).toBe(true);
    expect(allBelow(w.companies.location, cat.locationName.length)).toBe(true);
    expect(new Set(w.companies.name).size).toBe(w.companies.count);
    expect(allBelow(w.members.title, cat.titleName.length)).toBe(true);
    expect(allBelow(w.members.company, w.companies.count)).toBe(true);
    expect(allBelow(w.members.seniority, 5)).toBe(true);
    wellFormed(w.members.skills, w.members.count, cat.skillName.length, true);
    wellFormed(w.courses.skills, w.courses.count, cat.skillName.length, true);
    wellFormed(w.jobs.skills, w.jobs.count, cat.skillName.length, true);
    wellFormed(w.recruiter.queries.skills, w.recruiter.queries.count, cat.skillName.length, true);
  });

  it('keeps interests and topics as probability vectors with the primary family on top', () => {
    for (const [mix, rows, primary] of [
      [w.members.interests, w.members.count, w.members.family],
      [w.courses.topics, w.courses.count, w.courses.category],
    ] as const) {
      for (let r = 0; r < rows; r++) {
        const row = Array.from(mix.subarray(r * w.k, (r + 1) * w.k));
        expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
        expect(Math.max(...row)).toBe(row[primary[r]]);
      }
    }
  });

  it('orders career histories and ends them now at the current company', () => {
    const h = w.members.history;
    const companies = {
      nRows: w.members.count,
      nCols: w.companies.count,
      indptr: Int32Array.from(h.offsets),
      indices: h.company,
    };
    wellFormed(companies, w.members.count, w.companies.count, false);
    expect(allBelow(h.title, cat.titleName.length)).toBe(true);
    for (let m = 0; m < w.members.count; m++) {
      const lo = h.offsets[m],
        hi = h.offsets[m + 1];
      expect(hi).toBeGreaterThan(lo);
      for (let p = lo; p < hi; p++) {
        expect(h.start[p]).toBeLessThan(h.end[p]);
        if (p > lo) expect(h.start[p]).toBe(h.end[p - 1]);
      }
      expect(h.end[hi - 1]).toBe(w.nowMonth);
      expect(w.nowMonth - h.start[lo]).toBeGreaterThanOrEqual(w.members.yearsExperience[m] * 12);
      expect(w.members.company[m]).toBe(h.company[hi - 1]);
      expect(w.members.title[m]).toBe(h.title[hi - 1]);
    }
  });

  it('keeps logs in range and before now', () => {
    const wl = w.watches;
    expect(allBelow(wl.member, w.members.count) && allBelow(wl.course, w.courses.count)).toBe(true);
    for (let i = 0; i < wl.count; i++) {
      expect(wl.seconds[i] >= 1 && wl.seconds[i] <= w.courses.lengthSeconds[wl.course[i]]).toBe(true);
      expect(wl.time[i] < w.now && wl.time[i] > w.now - 366 * 86400).toBe(true);
    }
    const q = w.recruiter.queries;
    expect(allBelow(q.job, w.jobs.count)).toBe(true);
    for (let i = 0; i < q.count; i++) {
      expect(q.location[i] === ANY_LOCATION || q.location[i] < cat.locationName.length).toBe(true);
      for (const s of csrIndices(q.skills, i)) expect(csrHas(w.jobs.skills, q.job[i], s)).toBe(true);
    }
    const log = w.recruiter.log;
    expect(allBelow(log.query, q.count) && allBelow(log.member, w.members.count)).toBe(true);
    expect(allBelow(log.relevant, 2) && allBelow(log.accepted, 2)).toBe(true);
  });

  it('keeps the social graph symmetric and follows sorted', () => {
    const c = w.feed.connections;
    wellFormed(c, w.members.count, w.members.count, true);
    for (let m = 0; m < w.members.count; m++) {
      for (const f of csrIndices(c, m)) {
        expect(f).not.toBe(m);
        if (!csrHas(c, f, m)) throw new Error(`edge ${m}→${f} is one-way`);
      }
    }
    wellFormed(w.feed.follows, w.members.count, w.companies.count, true);
    for (let m = 0; m < w.members.count; m++) expect(csrHas(w.feed.follows, m, w.members.company[m])).toBe(true);
  });

  it('keeps activity triplets consistent with their tables', () => {
    const a = w.feed.activities;
    const tables = [w.feed.articles.count, w.feed.posts.count, w.jobs.count, w.members.count];
    for (let i = 0; i < a.count; i++) {
      const actorBound = a.actorType[i] === ActorType.COMPANY ? w.companies.count : w.members.count;
      expect(
        a.actor[i] < actorBound && a.object[i] < tables[a.objectType[i]] && a.inventory[i] < 4 && a.family[i] < w.k,
      ).toBe(true);
      expect(a.createdAt[i]).toBeLessThan(w.now);
      if (a.inventory[i] === Inventory.JOBS)
        expect(a.objectType[i] === ObjectType.JOB && w.jobs.company[a.object[i]] === a.actor[i]).toBe(true);
      if (a.inventory[i] === Inventory.NEWS) expect(w.feed.articles.publisher[a.object[i]]).toBe(a.actor[i]);
    }
  });

  it('logs sessions whose shown items are distinct candidates', () => {
    const { sessions, impressions } = w.feed.log;
    wellFormed(sessions.candidates, sessions.count, w.feed.activities.count, false);
    for (let s = 0; s < sessions.count; s++) {
      const row = Array.from(csrIndices(sessions.candidates, s));
      expect(new Set(row).size).toBe(row.length);
      expect(sessions.time[s] < w.now && sessions.time[s] >= w.now - 86400).toBe(true);
    }
    const k = w.options.shownPerSession;
    expect(impressions.count).toBe(sessions.count * k);
    for (let i = 0; i < impressions.count; i++) {
      const s = impressions.session[i];
      expect(s).toBe(Math.floor(i / k));
      expect(impressions.position[i]).toBe(i % k);
      expect(csrIndices(sessions.candidates, s).includes(impressions.activity[i])).toBe(true);
      if (impressions.outcome[i] > 1) expect(impressions.outcome[i] & 1).toBe(1); // likes etc. follow a click
    }
  });
});
