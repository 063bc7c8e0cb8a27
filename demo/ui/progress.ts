import type { BaselineProgress } from '../../src/courses.ts';

/** The evaluation's stages in the order they run, with the words the progress line uses. */
export const STAGES: Readonly<Record<BaselineProgress['stage'], string>> = {
  load: 'Reading ratings',
  split: 'Holding out each user’s latest rating',
  popular: 'Ranking with most-popular',
  neighbours: 'Finding each movie’s nearest neighbours',
  itemknn: 'Ranking with item-kNN',
};

const ORDER = Object.keys(STAGES) as BaselineProgress['stage'][];

/** Overall completion in [0, 1]: each stage is an equal share, so the bar only moves forward. */
export function overallFraction(p: BaselineProgress): number {
  const within = p.total > 0 ? Math.min(1, p.done / p.total) : 1;
  return (ORDER.indexOf(p.stage) + within) / ORDER.length;
}

/** "Ranking with item-kNN — 312 / 610" */
export function progressLabel(p: BaselineProgress): string {
  return `${STAGES[p.stage]} — ${p.done.toLocaleString('en')} / ${p.total.toLocaleString('en')}`;
}
