import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors.ts';
import { generateWorld } from './generate.ts';
import { worldBytes, worldCounts, describeMember, describeActivity } from './describe.ts';

/** Every typed array of a world, by dotted path. */
function arrays(value: unknown, path = '', out = new Map<string, ArrayBufferView>()): Map<string, ArrayBufferView> {
  if (ArrayBuffer.isView(value)) out.set(path, value);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) arrays(v, `${path}.${k}`, out);
  return out;
}

const sameBytes = (a: ArrayBufferView, b: ArrayBufferView): boolean =>
  a.byteLength === b.byteLength &&
  Buffer.compare(
    Buffer.from(a.buffer, a.byteOffset, a.byteLength),
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  ) === 0;

describe('generateWorld', () => {
  const a = generateWorld({ members: 1_000, seed: 5 });

  it('generates everything at 1k members', () => {
    const c = worldCounts(a);
    for (const [k, v] of Object.entries(c)) expect(v, k).toBeGreaterThan(0);
    expect(describeMember(a, 0)).toMatch(/^member 0: .+ at .+, .+, \d+ years/);
    expect(describeActivity(a, a.feed.activities.count - 1)).toMatch(/^\[pymk\] member \d+ suggested profile/);
    expect(worldBytes(a)).toBeGreaterThan(100_000);
  });

  it('is deterministic per seed: identical arrays, names and texts', () => {
    const b = generateWorld({ members: 1_000, seed: 5 });
    const xa = arrays(a),
      xb = arrays(b);
    expect([...xa.keys()]).toEqual([...xb.keys()]);
    for (const [k, v] of xa) expect(sameBytes(v, xb.get(k)!), k).toBe(true);
    expect(b.companies.name).toEqual(a.companies.name);
    expect(b.recruiter.queries.text).toEqual(a.recruiter.queries.text);
    expect(b.courses.title).toEqual(a.courses.title);
  });

  it('differs across seeds', () => {
    const b = generateWorld({ members: 1_000, seed: 6 });
    const xa = arrays(a),
      xb = arrays(b);
    for (const k of [
      '.members.interests',
      '.members.skills.indices',
      '.watches.seconds',
      '.feed.connections.indices',
      '.feed.log.impressions.outcome',
    ]) {
      expect(sameBytes(xa.get(k)!, xb.get(k)!), k).toBe(false);
    }
    expect(b.companies.name).not.toEqual(a.companies.name);
  });

  it('scales sizes with members and honours explicit sizes', () => {
    const big = worldCounts(generateWorld({ members: 4_000, seed: 5 }));
    const small = worldCounts(a);
    for (const k of [
      'companies',
      'positions',
      'watches',
      'jobs',
      'connections',
      'activities',
      'sessions',
      'impressions',
    ]) {
      expect(big[k] / small[k], k).toBeGreaterThan(2.5);
      expect(big[k] / small[k], k).toBeLessThan(5.5);
    }
    const w = generateWorld({
      members: 500,
      companies: 33,
      courses: 44,
      jobs: 55,
      recruiterQueries: 6,
      inmailsPerQuery: 7,
      articles: 60,
      posts: 70,
      feedSessions: 80,
      candidatesPerSession: 9,
      shownPerSession: 2,
      watchesPerMember: 0,
      pymkRate: 0,
    });
    expect([
      w.companies.count,
      w.courses.count,
      w.jobs.count,
      w.recruiter.queries.count,
      w.recruiter.log.count,
    ]).toEqual([33, 44, 55, 6, 42]);
    expect([
      w.feed.articles.count,
      w.feed.posts.count,
      w.feed.log.sessions.count,
      w.feed.log.impressions.count,
    ]).toEqual([60, 70, 80, 160]);
    expect(w.watches.count).toBe(0);
    expect(w.feed.log.sessions.candidates.indices.length).toBe(80 * 9);
  });

  it('rejects bad options', () => {
    expect(() => generateWorld({ members: 0 })).toThrow(InvalidArgumentError);
    expect(() => generateWorld({ members: 1.5 })).toThrow(InvalidArgumentError);
    expect(() => generateWorld({ members: 100, shownPerSession: 30 })).toThrow(InvalidArgumentError);
    expect(() => generateWorld({ members: 100, jobSeekerRate: 2 })).toThrow(InvalidArgumentError);
    expect(() => generateWorld({ members: 100, candidateMix: { network: 0, jobs: 0, news: 0, pymk: 0 } })).toThrow(
      InvalidArgumentError,
    );
  });

  it('generates a tiny world without failing', () => {
    const w = generateWorld({ members: 1, seed: 3 });
    expect(w.members.count).toBe(1);
    expect(w.feed.connections.indices.length).toBe(0);
  });
});
