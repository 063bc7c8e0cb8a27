import { describe, expect, it } from 'vitest';
import { distinctTitle } from './courses.ts';
import { generateWorld } from './generate.ts';

describe('course titles', () => {
  // The Courses tab's world (seed 4, 600 members), the defaults' sizes, and a 10k world with 200 courses:
  // before the fix each of these listed 2 to 14 courses under a title another course already had.
  it.each([
    { seed: 4, members: 600, watchesPerMember: 6 },
    { seed: 1, members: 1_000 },
    { seed: 7, members: 10_000, watchesPerMember: 1, feedSessions: 10 },
    { seed: 11, members: 2_000, courses: 1_500, watchesPerMember: 1 },
  ])('are all distinct in the world %o', (options) => {
    const { title, count } = generateWorld(options).courses;
    expect(title).toHaveLength(count);
    const seen = new Map<string, number>();
    const repeats = title.flatMap((t, i) =>
      seen.has(t) ? [`${t} (courses ${seen.get(t)} and ${i})`] : (seen.set(t, i), []),
    );
    expect(repeats).toEqual([]);
  });

  it('tries other templates, then other subjects, then numbers the drawn title', () => {
    const templates = ['Learning {s}', '{s} in Depth'];
    const used = new Set<string>();
    expect(distinctTitle(templates, 1, ['SQL', 'Data'], used)).toBe('SQL in Depth');
    expect(distinctTitle(templates, 1, ['SQL', 'Data'], used)).toBe('Learning SQL');
    expect(distinctTitle(templates, 0, ['SQL', 'Data'], used)).toBe('Learning Data');
    expect(distinctTitle(templates, 0, ['SQL'], used)).toBe('Learning SQL, Part 2');
    expect(distinctTitle(templates, 0, ['SQL'], used)).toBe('Learning SQL, Part 3');
    expect(used.size).toBe(5);
  });
});
