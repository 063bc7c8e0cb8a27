/**
 * The Courses tab's pipeline diagram for the current learner: the boxes of the blended recommender,
 * their figures read from the stored blender the ranking worker serves (`coursePipelineFigures`), for
 * the learner's top blended course.
 */
import type { CoursePipelineFigures } from '../../src/courses.ts';
import { COURSES_EXPLAIN as E } from './courses-explain.ts';
import type { PipelineStage } from './pipeline.ts';

/** What the diagram shows: the figures for (learner, top course), or nothing yet. */
export interface CoursePipelineInput {
  figures: CoursePipelineFigures | null;
  /** Title of the top blended course the figures are for. */
  top: string;
  /** Courses the blender could recommend to the learner (the unwatched ones). */
  candidates: number;
}

/** Signed, three decimals: "+0.412", "−1.030". */
export function signed(v: number): string {
  return `${v < 0 ? '−' : '+'}${Math.abs(v).toFixed(3)}`;
}

/** The six boxes, learner tower first; empty figures ("not run yet") while no blender is stored. */
export function courseStages(input: CoursePipelineInput | null): PipelineStage[] {
  const f = input?.figures ?? null;
  const stage = (id: string, title: string, explain: PipelineStage['explain'], figures: () => string[]) => ({
    id,
    title,
    explain,
    figures: f ? figures() : [],
  });
  return [
    stage('learner', 'Learner tower (NCF)', E.learnerTower, () => [
      `input: ${f!.learner.inputs} of ${f!.learner.watched} watched courses`,
      f!.learner.window > 0 ? `window: latest ${f!.learner.window}` : 'window: all of them',
      `${f!.learner.dim}-d learner vector`,
    ]),
    stage('course', 'Course tower (NCF)', E.courseTower, () => [
      `for “${input!.top}”`,
      `co-watch vector: ${f!.course.neighbours} neighbours (of up to ${f!.course.maxNeighbours}) + itself`,
      `${f!.learner.dim}-d course vector`,
    ]),
    stage('output', 'Output network (NCF)', E.outputNet, () => [
      `layers: ${f!.output.layers.join(' → ')}`,
      `learner ⊙ course · h = ${signed(f!.output.interaction)}`,
      `course bias ${signed(f!.output.courseBias)}`,
      `NCF score ${signed(f!.output.score)}`,
    ]),
    stage('glmix', 'GLMix', E.glmix, () => [
      `global ${signed(f!.glmix.global)}`,
      `this learner's ${signed(f!.glmix.member)}`,
      `this course's ${signed(f!.glmix.course)}`,
      `GLMix score ${signed(f!.glmix.score)}`,
    ]),
    stage('blend', 'Blender', E.blend, () => [
      `weights: NCF ${signed(f!.blend.weights.ncf)}, GLMix ${signed(f!.blend.weights.glmix)}`,
      `bias ${signed(f!.blend.weights.bias)}`,
      `NCF part ${signed(f!.blend.contributions.ncf)}, GLMix part ${signed(f!.blend.contributions.glmix)}`,
      `blended score ${signed(f!.blend.score)}`,
    ]),
    stage('list', 'Top 10', E.list, () => [`#1 “${input!.top}”`, `from ${input!.candidates} unwatched courses`]),
  ];
}
