/**
 * The learning catalogue and its watch log. A watch's length follows a known model: the member
 * engages (watches long) with probability `trueCourseAffinity`, otherwise leaves within the
 * relevance threshold — the "ten-second watches" that are not engagement.
 */
import type { Rng } from '../data/rng.ts';
import type { CatalogSamplers } from './catalog.ts';
import { csrIndices } from '../data/index.ts';
import { Growable } from './growable.ts';
import { writeMixture } from './members.ts';
import { trueCourseAffinity, type CourseWorld } from './course-truth.ts';
import { clamp, GroupSampler, drawFromRow, poisson } from './sampling.ts';
import type { Catalog, Courses, WatchLog } from './types.ts';

const TEMPLATES = [
  ['{s} Essential Training', 'Learning {s}', '{s} for Beginners', 'Introduction to {s}'],
  ['{s}: Practical Projects', '{s} in Practice', 'Hands-On {s}'],
  ['Advanced {s}', 'Mastering {s}', '{s} in Depth'],
];

/** Generates `count` courses over `k` families. */
export function generateCourses(rng: Rng, count: number, k: number, cat: Catalog, s: CatalogSamplers): Courses {
  const c: Courses = {
    count,
    title: [],
    category: new Uint8Array(count),
    difficulty: new Uint8Array(count),
    lengthSeconds: new Uint32Array(count),
    skills: { nRows: count, nCols: s.skills.count, indptr: new Int32Array(count + 1), indices: new Uint16Array(0) },
    topics: new Float32Array(count * k),
    quality: new Float32Array(count),
  };
  const skills = new Growable((n) => new Uint16Array(n), count * 3);
  const row: number[] = [];
  const used = new Set<string>();
  for (let i = 0; i < count; i++) {
    const f = s.families.draw(rng);
    const d = rng.bernoulli(0.4) ? 0 : rng.bernoulli(0.65) ? 1 : 2;
    c.category[i] = f;
    c.difficulty[i] = d;
    c.lengthSeconds[i] = Math.round(clamp(Math.exp(Math.log(5400) + 0.6 * rng.normal()), 900, 6 * 3600));
    c.quality[i] = 0.5 * rng.normal();
    writeMixture(rng, c.topics, i * k, k, f, 0.75);
    row.length = 0;
    const want = 1 + rng.int(4);
    for (let t = 0; t < want * 3 && row.length < want; t++) {
      const sk = s.skills.draw(f, rng);
      if (sk >= 0 && !row.includes(sk)) row.push(sk);
    }
    const template = rng.int(TEMPLATES[d].length); // the draw rng.pick made: the world's stream is unchanged
    const subjects = row.map((sk) => cat.skillName[sk]);
    subjects.push(cat.families[f]);
    c.title.push(distinctTitle(TEMPLATES[d], template, subjects, used));
    row.sort((a, b) => a - b);
    for (const x of row) skills.push(x);
    c.skills.indptr[i + 1] = skills.length;
  }
  c.skills = { ...c.skills, indices: skills.toArray() };
  return c;
}

/**
 * A title no earlier course has (a catalogue listing two different courses under one name confuses
 * every list that shows them). Tries, in order and without drawing from the rng: the drawn template
 * on the lead subject, the level's other templates, then the course's other skills and its family;
 * when all are taken, the first candidate numbered "Part 2", "Part 3"… Adds the title to `used`.
 */
export function distinctTitle(
  templates: readonly string[],
  first: number,
  subjects: readonly string[],
  used: Set<string>,
): string {
  const candidates: string[] = [];
  for (const subject of subjects)
    for (let t = 0; t < templates.length; t++)
      candidates.push(templates[(first + t) % templates.length].replace('{s}', subject));
  let title = candidates.find((c) => !used.has(c));
  for (let part = 2; title === undefined; part++) {
    const numbered = `${candidates[0]}, Part ${part}`;
    if (!used.has(numbered)) title = numbered;
  }
  used.add(title);
  return title;
}

/** Seconds watched: long when engaged (scaled by affinity), else a bounce skewed towards a few seconds. */
export function watchSeconds(rng: Rng, engaged: boolean, affinity: number, length: number, threshold: number): number {
  if (!engaged) return 1 + Math.floor((threshold - 1) * rng.next() ** 3);
  return Math.min(length, Math.max(threshold, Math.round(length * affinity * (0.3 + 0.7 * rng.next()))));
}

/**
 * Generates the watch log (grouped by member, over the last year). Members browse their interest
 * families 70% of the time and the whole catalogue otherwise; popular (high-quality) courses are
 * found more often.
 */
export function generateWatches(rng: Rng, w: CourseWorld, perMember: number, threshold: number, now: number): WatchLog {
  const { members, courses, k } = w;
  const byCategory = new GroupSampler(
    courses.category,
    k,
    Array.from(courses.quality, (q) => Math.exp(q)),
  );
  const cap = Math.ceil(members.count * perMember * 1.1) + 16;
  const cols = {
    member: new Growable((n) => new Uint32Array(n), cap),
    course: new Growable((n) => new Uint32Array(n), cap),
  };
  const seconds = new Growable((n) => new Uint16Array(n), cap); // courses last at most 6 h < 65,536 s
  const time = new Growable((n) => new Uint32Array(n), cap);
  for (let m = 0; m < members.count; m++) {
    const count = poisson(rng, perMember);
    for (let j = 0; j < count; j++) {
      let c = rng.bernoulli(0.7) ? byCategory.draw(drawFromRow(rng, members.interests, m * k, k), rng) : -1;
      if (c < 0) c = rng.int(courses.count);
      const a = trueCourseAffinity(w, m, c);
      cols.member.push(m);
      cols.course.push(c);
      seconds.push(watchSeconds(rng, rng.bernoulli(a), a, courses.lengthSeconds[c], threshold));
      time.push(now - 1 - rng.int(365 * 86400));
    }
  }
  return {
    count: cols.member.length,
    member: cols.member.toArray(),
    course: cols.course.toArray(),
    seconds: seconds.toArray(),
    time: time.toArray(),
    relevantSeconds: threshold,
  };
}

/** Skill ids a course teaches (a view). */
export const courseSkills = (c: Courses, course: number): Uint16Array => csrIndices(c.skills, course);
