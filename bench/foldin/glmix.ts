/**
 * GLMix fold-in on the simulated learning world (the `glmix` figures of `npm run eval -- foldin`):
 * each member's latest watch is held out (as `eval -- courses`), and 10% of the members (seeded) are
 * the people measured.
 * - batch: one GLMix fitted on every member's training watches; AUC on the measured members'
 *   held-out rows (`heldOutRows`: the latest watch, labelled by the duration threshold, plus 3
 *   sampled unwatched courses).
 * - local: GLMix fitted without the measured members' rows at all; then each one's random effect is
 *   folded in alone (`GlmixModel.foldIn`, global and course effects frozen) from their training
 *   watches and member features (by name), and the same held-out rows are scored with it.
 * Target (issue 10): local within 0.005 of batch.
 */
import { leaveOneOutLatest, Rng, selectRows } from '../../src/data/index.ts';
import { auc } from '../../src/eval/index.ts';
import { GlmixModel, personSide, type CourseData } from '../../src/models/glmix/index.ts';
import type { History } from '../../src/models/recommender.ts';
import { courseDataFromWorld } from '../../src/systems/courses/world-data.ts';
import { heldOutRows } from '../../src/systems/courses/world-eval.ts';
import { generateWorld } from '../../src/world/index.ts';

/** Members of the world (as `eval -- courses`' default) and the share measured. */
const MEMBERS = 3000;
const HELD_OUT_SHARE = 0.1;

/** Batch and local (fold-in) AUC of GLMix on the measured members; the backend must be initialised. */
export async function glmixFoldinFigures(seed: number): Promise<{ batch_auc: number; local_auc: number }> {
  const world = generateWorld({ seed, members: MEMBERS, watchesPerMember: 8 });
  const data = courseDataFromWorld(world);
  const split = leaveOneOutLatest(data.log);
  const train: CourseData = { ...data, log: split.train };
  const test = heldOutRows(data, split.testItem);
  const nUsers = data.log.userIds.size;
  const order = new Rng(seed).fork('foldin-glmix').shuffle(Int32Array.from({ length: nUsers }, (_, u) => u));
  const measured = new Uint8Array(nUsers);
  for (const u of order.subarray(0, Math.round(nUsers * HELD_OUT_SHARE))) measured[u] = 1;
  const rows = Int32Array.from(
    Array.from({ length: test.users.length }, (_, k) => k).filter((k) => measured[test.users[k]]),
  );
  const y = Float32Array.from(rows, (k) => test.y[k]);

  const batch = new GlmixModel();
  await batch.fit(train);
  const batchScores = await batch.score(
    Int32Array.from(rows, (k) => test.users[k]),
    Int32Array.from(rows, (k) => test.items[k]),
  );
  batch.dispose();

  const keep: number[] = [];
  for (let k = 0; k < train.log.length; k++) if (!measured[train.log.users[k]]) keep.push(k);
  const local = new GlmixModel();
  await local.fit({ ...train, log: selectRows(train.log, Int32Array.from(keep)) });
  const byUser = new Map<number, number[]>();
  for (let k = 0; k < train.log.length; k++) {
    const u = train.log.users[k];
    if (measured[u]) byUser.set(u, [...(byUser.get(u) ?? []), k]);
  }
  const side = local.features;
  if (!side) throw new Error('glmix fit left no features');
  const localScores = new Float32Array(rows.length);
  const scored = new Map<number, Float32Array>();
  for (let t = 0; t < rows.length; t++) {
    const u = test.users[rows[t]];
    let all = scored.get(u);
    if (!all) {
      const history = historyOf(train, u, byUser.get(u) ?? []);
      const folded = await local.foldIn(history);
      if (folded.unknownFeatures.length > 0) throw new Error(`unknown features ${folded.unknownFeatures.join(', ')}`);
      all = local.scorePerson(personSide(side, history.features).side, folded);
      scored.set(u, all);
    }
    localScores[t] = all[test.items[rows[t]]];
  }
  local.dispose();
  return { batch_auc: auc(batchScores, y), local_auc: auc(localScores, y) };
}

/** Member `u`'s training watches (rows `ks` of the log) and member features by name. */
function historyOf(data: CourseData, u: number, ks: number[]): History {
  const s = data.members.skills;
  const features: Record<string, number> = { seniority: data.members.seniority[u], industry: data.members.industry[u] };
  for (let p = s.indptr[u]; p < s.indptr[u + 1]; p++) {
    const name = data.skillNames?.[s.indices[p]] ?? String(s.indices[p]);
    features[`skill:${name}`] = 1;
  }
  return {
    items: Int32Array.from(ks, (k) => data.log.items[k]),
    durations: Float32Array.from(ks, (k) => data.log.values[k]),
    features,
  };
}
