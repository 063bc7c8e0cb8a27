/**
 * The talent-search and feed services (the workers behind the demo's Talent and Feed panels), called
 * in-thread with malformed queries after one small training each: `search(form)`, `feed(member,
 * size)`, `members(count)`. Accepted answers: at most k / size items, finite scores, pCTR in (0, 1).
 */
import fc from 'fast-check';
import { FeedService } from '../../../systems/feed/service.ts';
import { TalentService, type TalentHit } from '../../../systems/talent/service.ts';
import type { WireFeed } from '../../../systems/feed/wire.ts';
import { WEIRD_VALUES } from '../mutate.ts';
import { defineTarget, type AnyTarget } from '../types.ts';

let talent: Promise<TalentService> | undefined;
let feed: Promise<FeedService> | undefined;

function trainedTalent(): Promise<TalentService> {
  talent ??= (async () => {
    const s = new TalentService();
    await s.train({ members: 100, maxSamples: 1000, towerEpochs: 1, seed: 1 });
    return s;
  })();
  return talent;
}

function trainedFeed(): Promise<FeedService> {
  feed ??= (async () => {
    const s = new FeedService();
    await s.train({ members: 200, seed: 2, sessions: 400, spr: { bits: 10, epochs: 1 } });
    return s;
  })();
  return feed;
}

const value = fc.constantFrom(...WEIRD_VALUES, '<delete>');

const formArb = fc
  .tuple(
    fc.record({
      title: fc.constantFrom(-1, 0, 3),
      skills: fc.constantFrom('', 'java', 'java, python'),
      location: fc.constantFrom(255, 0, 2),
      minYears: fc.constantFrom(0, 3),
      text: fc.constantFrom('', 'senior engineer', 'lead'),
      pooling: fc.constantFrom('mean', 'max'),
      k: fc.constantFrom(undefined, 1, 5, 20),
    }),
    fc.array(fc.tuple(fc.constantFrom('title', 'skills', 'location', 'minYears', 'text', 'pooling', 'k'), value), {
      maxLength: 3,
    }),
  )
  .map(([form, edits]) => {
    const f: Record<string, unknown> = { ...form };
    for (const [k, v] of edits) v === '<delete>' ? delete f[k] : (f[k] = v);
    return f;
  });

const SEARCH_TARGET = defineTarget<Record<string, unknown>, TalentService, TalentHit[]>({
  name: 'service.talent.search',
  setup: trainedTalent,
  inputs: () => formArb,
  run: (form, s) => s.search(form as never),
  check: (form, hits) => {
    const k = typeof form.k === 'number' ? form.k : 10;
    if (!Array.isArray(hits) || hits.length > k) return `${hits.length} hits for k = ${k}`;
    if (new Set(hits.map((h) => h.member)).size !== hits.length) return 'a member listed twice';
    return hits.every((h) => Number.isFinite(h.score) && Number.isInteger(h.member) && h.member >= 0 && h.member < 100)
      ? undefined
      : 'a hit with a bad score or member';
  },
});

const FEED_TARGET = defineTarget<{ member: unknown; size: unknown }, FeedService, WireFeed>({
  name: 'service.feed.feed',
  setup: trainedFeed,
  inputs: () =>
    fc.record({
      member: fc.oneof(fc.constantFrom(0, 1, 199, 200), value),
      size: fc.oneof(fc.constantFrom(undefined, 1, 10), value),
    }),
  run: (c, s) => s.feed(c.member as number, c.size as number),
  check: (c, f) => {
    const size = typeof c.size === 'number' ? c.size : 20;
    if (f.items.length > size) return `${f.items.length} items for size ${size}`;
    return f.items.every((it) => it.pctr > 0 && it.pctr < 1 && Number.isFinite(it.fprScore))
      ? undefined
      : 'an item with pCTR outside (0, 1) or a non-finite score';
  },
});

const MEMBERS_TARGET = defineTarget<unknown, FeedService, { id: number }[]>({
  name: 'service.feed.members',
  setup: trainedFeed,
  inputs: () => fc.oneof(fc.constantFrom(1, 5, 200, 10_000), value),
  run: (count, s) => s.members(count as number),
  check: (count, list) =>
    list.length <= (count as number) && list.every((m) => Number.isInteger(m.id) && m.id >= 0 && m.id < 200)
      ? undefined
      : `${list.length} members for count ${String(count)}`,
});

// ---- training requests -----------------------------------------------------------------------------
// A valid request trains a whole world (seconds), so these targets send requests with one to three
// fields made surely invalid: every case must be refused, typed, before any work starts. An accepted
// one is `wrong` (and would show as slow, or a hang past 5 s).

const BAD_COUNT = [NaN, Infinity, -Infinity, -1, 0, 1.5, '1', 'x', true, {}, [], 1e300, 2 ** 53];
const BAD_SEED = [NaN, Infinity, 1.5, 'x', {}, [1], 2 ** 53];

interface BadRequest {
  request: unknown;
  edits: string[];
}

function invalidRequests(
  base: Record<string, unknown>,
  bad: Record<string, readonly unknown[]>,
): fc.Arbitrary<BadRequest> {
  const fields = Object.keys(bad);
  const edit = fc
    .nat({ max: fields.length - 1 })
    .chain((f) => fc.nat({ max: bad[fields[f]].length - 1 }).map((v) => [fields[f], bad[fields[f]][v]] as const));
  const edited = fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) => {
    const r: Record<string, unknown> = { ...base };
    for (const [k, v] of edits) r[k] = v;
    return { request: r as unknown, edits: edits.map(([k, v]) => `${k}=${String(v)}`) };
  });
  const whole = fc
    .constantFrom(null, undefined, 'x', 5, [], {})
    .map((request) => ({ request: request as unknown, edits: ['whole request'] }));
  return fc.oneof({ arbitrary: edited, weight: 9 }, { arbitrary: whole, weight: 1 });
}

const TALENT_TRAIN_TARGET = defineTarget<BadRequest, TalentService, unknown>({
  name: 'service.talent.train',
  setup: async () => new TalentService(),
  inputs: () =>
    invalidRequests(
      { members: 100, maxSamples: 1000, towerEpochs: 1, seed: 1 },
      {
        members: [...BAD_COUNT, 99, 200_001, null],
        maxSamples: [...BAD_COUNT, 1e9],
        towerEpochs: [...BAD_COUNT, 1001],
        seed: BAD_SEED,
        lineBackend: ['gpu', 5, '', 'constructor'],
      },
    ),
  run: (c, s) => s.train(c.request as never),
  check: (c) => `accepted an invalid request (${c.edits.join(', ')})`,
});

const FEED_TRAIN_TARGET = defineTarget<BadRequest, FeedService, unknown>({
  name: 'service.feed.train',
  setup: async () => new FeedService(),
  inputs: () =>
    invalidRequests(
      { members: 100, seed: 2, sessions: 200, spr: { bits: 10, epochs: 1 } },
      {
        members: [...BAD_COUNT, 99, 200_001, null],
        seed: [...BAD_SEED, null, 2 ** 32],
        sessions: [...BAD_COUNT, 2_000_001],
        trainShare: [NaN, 0, 1, -0.5, 'x', Infinity],
        spr: [
          'x',
          5,
          [],
          { bits: 30 },
          { bits: 7 },
          { bits: 10.5 },
          { epochs: -1 },
          { epochs: 1e9 },
          { l2: NaN },
          { learningRate: Infinity },
          { nope: 1 },
        ],
      },
    ),
  run: (c, s) => s.train(c.request as never),
  check: (c) => `accepted an invalid request (${c.edits.join(', ')})`,
});

export const SYSTEM_TARGETS: AnyTarget[] = [
  SEARCH_TARGET,
  FEED_TARGET,
  MEMBERS_TARGET,
  TALENT_TRAIN_TARGET,
  FEED_TRAIN_TARGET,
];
