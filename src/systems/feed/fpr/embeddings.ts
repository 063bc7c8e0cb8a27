/**
 * Member and job vectors for the job FPR. The job FPR takes any `JobEmbeddings` — the talent-search
 * two-tower's member / job towers plug in here; `skillEmbeddings` is the default built from
 * observable skills alone (each side's L2-normalised skill-family histogram).
 */
import type { FeedContext } from '../context.ts';

/** Row-major unit vectors of members and jobs in one space (cosine = dot product). */
export interface JobEmbeddings {
  dim: number;
  members: Float32Array;
  jobs: Float32Array;
}

function normaliseRows(x: Float32Array, dim: number): Float32Array {
  for (let r = 0; r < x.length / dim; r++) {
    let s = 0;
    for (let d = 0; d < dim; d++) s += x[r * dim + d] ** 2;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let d = 0; d < dim; d++) x[r * dim + d] *= inv;
  }
  return x;
}

/** Skill-family embeddings of members and jobs (dimension K). */
export function skillEmbeddings(ctx: FeedContext): JobEmbeddings {
  const w = ctx.world,
    k = w.k,
    jobs = w.jobs,
    fam = w.catalog.skillFamily;
  const jv = new Float32Array(jobs.count * k);
  for (let j = 0; j < jobs.count; j++) {
    for (let p = jobs.skills.indptr[j]; p < jobs.skills.indptr[j + 1]; p++)
      jv[j * k + fam[jobs.skills.indices[p]]] += 1;
    jv[j * k + jobs.family[j]] += 1;
  }
  return { dim: k, members: normaliseRows(ctx.skillShare.slice(), k), jobs: normaliseRows(jv, k) };
}
