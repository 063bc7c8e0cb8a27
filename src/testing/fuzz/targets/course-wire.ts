/**
 * `courseDataFromWire`, the decoder of a `{ courses }` training request: a valid wire form of small
 * course data (skills, seniority levels, categories) with one column value, length, offset or field
 * made wrong. Accepted data must train GLMix briefly (the watchdog catches a fit that spins) and rank
 * with finite scores.
 */
import fc from 'fast-check';
import { initBackend } from '../../../backend/index.ts';
import type { CourseData } from '../../../models/glmix/index.ts';
import { courseDataFromWire, courseDataToWire, type WireCourseData } from '../../../models/glmix/wire.ts';
import { createModel } from '../../../models/registry.ts';
import { checkerboardFixture } from '../../recommender-fixtures.ts';
import { WEIRD_VALUES } from '../mutate.ts';
import { defineTarget } from '../types.ts';

const SKILLS = 4;

function rows(
  n: number,
  per: (r: number) => number[],
): { nRows: number; nCols: number; indptr: Int32Array; indices: Int32Array } {
  const indptr = new Int32Array(n + 1);
  const indices: number[] = [];
  for (let r = 0; r < n; r++) {
    for (const s of per(r)) indices.push(s);
    indptr[r + 1] = indices.length;
  }
  return { nRows: n, nCols: SKILLS, indptr, indices: Int32Array.from(indices) };
}

/** Checkerboard watches with two seniority levels, two categories and four skills. */
function courseData(): CourseData {
  const { log } = checkerboardFixture(8, 8);
  const nU = log.userIds.size;
  const nI = log.itemIds.size;
  return {
    log,
    relevantSeconds: 1,
    members: {
      seniority: Uint8Array.from({ length: nU }, (_, u) => u % 2),
      industry: new Uint16Array(nU),
      skills: rows(nU, (u) => [u % SKILLS, ((u % SKILLS) + 1) % SKILLS].sort()),
    },
    courses: {
      difficulty: Uint8Array.from({ length: nI }, (_, i) => i % 3),
      category: Uint8Array.from({ length: nI }, (_, i) => i % 2),
      skills: rows(nI, (i) => [i % SKILLS]),
    },
    nSeniority: 2,
    nCategories: 2,
    skillFamily: Uint8Array.from({ length: SKILLS }, (_, s) => s % 2),
  };
}

interface WireMutation {
  pick: number;
  at: number;
  value: unknown;
}

type Path = (string | number)[];

/** Every field and typed array of the wire form. */
function paths(v: unknown, prefix: Path, out: Path[]): void {
  out.push(prefix);
  if (v && typeof v === 'object' && !ArrayBuffer.isView(v) && !Array.isArray(v))
    for (const k of Object.keys(v)) paths((v as Record<string, unknown>)[k], [...prefix, k], out);
}

function mutateWire(wire: WireCourseData, m: WireMutation): { wire: WireCourseData; edit: string } {
  const copy = structuredClone(wire) as unknown as Record<string, unknown>;
  const all: Path[] = [];
  paths(copy, [], all);
  const path = all[1 + Math.floor(m.pick * (all.length - 1))];
  let parent = copy as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const key = path[path.length - 1];
  const target = parent[key];
  if (ArrayBuffer.isView(target) && m.at < 0.75) {
    const d = target as unknown as Float64Array;
    if (d.length === 0) return { wire: copy as unknown as WireCourseData, edit: `${path.join('.')} empty, unchanged` };
    const k = Math.floor((m.at / 0.75) * d.length);
    if (m.at < 0.35) d[k] = typeof m.value === 'number' ? m.value : 7;
    else if (m.at < 0.55) parent[key] = d.slice(0, d.length - 1);
    else d[Math.max(1, k)] = d[Math.max(1, k) - 1] - 1;
    return {
      wire: copy as unknown as WireCourseData,
      edit: `${path.join('.')} edited at ${k} (${m.at.toFixed(2)}), value ${String(m.value)}`,
    };
  }
  parent[key] = m.value;
  return { wire: copy as unknown as WireCourseData, edit: `${path.join('.')} = ${String(m.value)}` };
}

let wireCtx: Promise<WireCourseData> | undefined;

export const COURSE_WIRE_TARGET = defineTarget<WireMutation, WireCourseData, { problem?: string }>({
  name: 'decoder.course-wire',
  setup: () => {
    wireCtx ??= initBackend('cpu').then(() => courseDataToWire(courseData()));
    return wireCtx;
  },
  inputs: () =>
    fc.record({
      pick: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      at: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      value: fc.oneof(fc.constantFrom(NaN, Infinity, -1, 2, 3, 7, 255, 1e6, 65535), fc.constantFrom(...WEIRD_VALUES)),
    }),
  run: async (m, wire) => {
    const { wire: bad, edit } = mutateWire(wire, m);
    const data = courseDataFromWire(bad, 'fuzz courses');
    const model = createModel('glmix', { rounds: 1, newtonSteps: 1, negatives: 1 });
    try {
      await model.fit(data);
      const r = await model.recommend(0, { k: 4 });
      const ok = r.items.length === r.scores.length && Array.from(r.scores).every(Number.isFinite);
      return ok ? {} : { problem: `non-finite scores after ${edit}` };
    } finally {
      model.dispose();
    }
  },
  check: (_m, r) => r.problem,
});
