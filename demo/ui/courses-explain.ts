/**
 * The Courses tab's own explanations, in our own words: each stage of the course recommender and the
 * numbers the tab shows (scores, weights, similarities), with the paper or post each idea comes from.
 */
import type { Explanation } from './glossary.ts';

const NCF = { title: 'He et al., Neural Collaborative Filtering, WWW 2017', url: 'https://arxiv.org/abs/1708.05031' };
const GLMIX = {
  title: 'Zhang et al., GLMix: Generalized Linear Mixed Models For Large-Scale Response Prediction, KDD 2016',
  url: 'https://arxiv.org/abs/1606.02186',
};
const LINKEDIN_LEARNING = {
  title:
    'Chaudhari, Joshi, Polatkan, A closer look at the AI behind course recommendations on LinkedIn Learning, Part 2 (LinkedIn Engineering, 2020)',
  url: 'https://engineering.linkedin.com/blog/2020/course-recommendations-ai-part-two',
};

/** Explanations by key. */
export const COURSES_EXPLAIN = {
  learnerTower: {
    title: 'Learner tower',
    body: 'A learner is described only by the courses they watched long enough to count (or their latest few, when a window is set): each of those courses has a learned vector, and the learner vector is their sum, scaled down by the square root of how many there are. A new learner needs no training of their own: their history is the input.',
    source: LINKEDIN_LEARNING,
  },
  courseTower: {
    title: 'Course tower',
    body: "A course is described by the courses most often watched by the same people: its co-watch similarity vector holds its nearest neighbours by cosine similarity of their audiences, plus itself. The course vector is the similarity-weighted sum of those courses' learned vectors, so a course with few watchers borrows strength from similar ones.",
    source: LINKEDIN_LEARNING,
  },
  outputNet: {
    title: 'Output network',
    body: 'Multiplies the learner and course vectors entry by entry, weighs each entry with a learned weight and adds a per-course bias: the result is the NCF score (a logit: higher means more likely to be watched). Neural collaborative filtering replaces the plain dot product of matrix factorisation with such a learned combination.',
    source: NCF,
  },
  glmix: {
    title: 'GLMix: global, per-learner and per-course effects',
    body: "A logistic regression in three parts added together. The global part reads crosses of learner and course features (seniority × difficulty, skill overlap…) and is shared by everyone. The per-learner part is this learner's own weights over course features (the categories and levels they like); the per-course part is this course's own weights over learner features (who tends to finish it). The parts are fitted in turn, each on what the others leave unexplained.",
    source: GLMIX,
  },
  blend: {
    title: 'The blender',
    body: "Both scores are standardised (mean 0, spread 1 over a validation split) and combined by a small logistic regression whose weights were learned on each learner's held-out latest watch: a larger weight means that part predicted the next watch better. The blended list is ordered by this combined score.",
    source: LINKEDIN_LEARNING,
  },
  list: {
    title: 'The list',
    body: 'The ten highest blended scores among the courses this learner has not yet watched, each with a reason drawn from the part that contributed more to its score.',
    source: LINKEDIN_LEARNING,
  },
  score: {
    title: 'Score',
    body: "The model's logit for this learner and item: the log-odds that they would watch it. Only the order matters within one list; scores of different models are on different scales and are not comparable.",
    source: NCF,
  },
  blendWeights: {
    title: 'Blend weights',
    body: "How much a one-standard-deviation rise in each part's score moves the blended logit, learned on a validation split (each learner's latest watch held out). A larger weight means that part predicted the held-out watch better.",
    source: LINKEDIN_LEARNING,
  },
  similarity: {
    title: 'Co-watch similarity',
    body: "Of the people who have either item, how much the two audiences overlap: the number who have both, divided by the square root of the product of each item's audience size (cosine similarity of the two audiences). 1 means exactly the same people, 0 no one in common. Each item keeps its nearest neighbours by this measure as its course-tower input.",
    source: LINKEDIN_LEARNING,
  },
} satisfies Record<string, Explanation>;
