import { describe, expect, it } from 'vitest';
import { coWatchReason, distinctTitles, matchCourses } from './profile-logic.ts';

const titles = ['Python Basics', 'Advanced Python', 'SQL for Analysts', 'python data wrangling', 'Excel'];

describe('the profile panel’s course search', () => {
  it('matches every word in any case, leaves out taken courses, lists the first few and counts all', () => {
    expect(matchCourses(titles, 'PYTHON', new Set())).toEqual({
      shown: [
        { id: 0, title: 'Python Basics' },
        { id: 1, title: 'Advanced Python' },
        { id: 3, title: 'python data wrangling' },
      ],
      total: 3,
    });
    expect(matchCourses(titles, 'python  data', new Set()).shown.map((c) => c.id)).toEqual([3]);
    expect(matchCourses(titles, 'python', new Set([1]), 1)).toEqual({
      shown: [{ id: 0, title: 'Python Basics' }],
      total: 2,
    });
    expect(matchCourses(titles, '   ', new Set())).toEqual({ shown: [], total: 0 });
    expect(matchCourses(titles, 'cobol', new Set()).total).toBe(0);
  });

  it('tells courses that share a title apart by their id', () => {
    expect(distinctTitles(['A', 'B', 'A'])).toEqual(['A (course 0)', 'B', 'A (course 2)']);
  });
});

describe('the reason in plain words', () => {
  // Co-watch rows (cosine weights): course 0 is watched with 1 (0.9) and 2 (0.4); each row holds itself (1).
  const coWatch = {
    nRows: 3,
    nCols: 3,
    indptr: Int32Array.of(0, 3, 5, 7),
    indices: Int32Array.of(1, 2, 0, 0, 1, 2, 0),
    values: Float32Array.of(0.9, 0.4, 1, 0.9, 1, 0.4, 1),
  };
  const name = (c: number) => titles[c];

  it('names the watched course most often watched with the recommended one', () => {
    expect(coWatchReason(0, new Set([1, 2]), coWatch, name)).toBe(
      'Because you watched “Advanced Python”, which learners often watch with this one.',
    );
    expect(coWatchReason(0, new Set([2]), coWatch, name)).toMatch(/“SQL for Analysts”/);
  });

  it('says the model ranked it from the whole history when no watched course is a co-watch neighbour', () => {
    expect(coWatchReason(2, new Set([1]), coWatch, name)).toMatch(/^Ranked by the model from your whole history/);
    // The recommended course itself never explains itself.
    expect(coWatchReason(0, new Set([0]), coWatch, name)).toMatch(/^Ranked by the model/);
  });
});
