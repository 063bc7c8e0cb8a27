/**
 * Job-FPR embeddings from the talent-search entity space (LINE vectors of skills and titles): a
 * member is the mean of their skills' and title's vectors, a job the mean of its skills' and title's,
 * both L2-normalised — the same pooling talent search uses, so both systems share one space.
 * The space is taken structurally (`dim`, `skill`, `title`), so any talent-search space fits.
 */
import type { FeedContext } from '../context.ts';
import type { JobEmbeddings } from './embeddings.ts';

/** Row-major entity vectors, `count × dim` per kind. */
export interface EntityVectors {
  dim: number;
  skill: Float32Array;
  title: Float32Array;
}

function pool(
  space: EntityVectors,
  skills: ArrayLike<number>,
  lo: number,
  hi: number,
  title: number,
  out: Float32Array,
  at: number,
): void {
  const d = space.dim;
  for (let p = lo; p < hi; p++) for (let j = 0; j < d; j++) out[at + j] += space.skill[skills[p] * d + j];
  for (let j = 0; j < d; j++) out[at + j] += space.title[title * d + j];
  let s = 0;
  for (let j = 0; j < d; j++) s += out[at + j] ** 2;
  const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
  for (let j = 0; j < d; j++) out[at + j] *= inv;
}

/** Member and job vectors pooled from the talent-search entity space. */
export function talentEmbeddings(ctx: FeedContext, space: EntityVectors): JobEmbeddings {
  const { members: m, jobs } = ctx.world,
    d = space.dim;
  const mv = new Float32Array(m.count * d),
    jv = new Float32Array(jobs.count * d);
  for (let i = 0; i < m.count; i++)
    pool(space, m.skills.indices, m.skills.indptr[i], m.skills.indptr[i + 1], m.title[i], mv, i * d);
  for (let j = 0; j < jobs.count; j++)
    pool(space, jobs.skills.indices, jobs.skills.indptr[j], jobs.skills.indptr[j + 1], jobs.title[j], jv, j * d);
  return { dim: d, members: mv, jobs: jv };
}
