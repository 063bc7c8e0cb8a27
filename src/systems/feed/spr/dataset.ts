/**
 * The SPR's training / evaluation data: logged impressions turned into a CSR of hashed features with
 * a 1/0 label (1 = clicked, liked, commented or shared, as the simulator records them).
 */
import type { World } from '../../../world/types.ts';
import { actorKey, type FeedContext, pairKey } from '../context.ts';
import type { FirstPassRanker } from '../fpr/types.ts';
import { featurize } from './features.ts';
import { FeatureBuffer } from './groups.ts';

/** Hashed feature rows: row r is `idx/val/grp[offsets[r] .. offsets[r + 1])`. */
export interface SprDataset {
  count: number;
  offsets: Uint32Array;
  idx: Int32Array;
  val: Float32Array;
  grp: Uint8Array;
  /** 1 for an interaction, 0 otherwise. */
  labels: Uint8Array;
  /** Inventory of each row's update (for per-inventory O/E). */
  inventory: Uint8Array;
}

/**
 * Featurises the logged impressions `rows` (indices into `world.feed.log.impressions`). With
 * `inHistory` (the rows are the ones `ctx.history` was built from), each row's own impression is
 * taken out of the member × actor history while it is featurised, so its label never leaks in.
 */
export function datasetFromLog(
  ctx: FeedContext,
  fprs: FirstPassRanker[],
  world: Pick<World, 'feed'>,
  rows: ArrayLike<number>,
  bits: number,
  inHistory = false,
): SprDataset {
  const { session, activity, outcome } = world.feed.log.impressions;
  const s = world.feed.log.sessions,
    inv = ctx.world.feed.activities.inventory;
  const mask = (1 << bits) - 1,
    buf = new FeatureBuffer();
  const offsets = new Uint32Array(rows.length + 1);
  let idx = new Int32Array(rows.length * 48),
    val = new Float32Array(idx.length),
    grp = new Uint8Array(idx.length);
  const labels = new Uint8Array(rows.length),
    inventory = new Uint8Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r],
      act = activity[i],
      member = s.member[session[i]],
      time = s.time[session[i]];
    const req = { member, time };
    const undo = inHistory ? leaveOut(ctx, member, act, outcome[i] !== 0) : null;
    featurize(ctx, member, act, time, fprs[inv[act]].score(req, act), mask, buf);
    undo?.();
    const at = offsets[r];
    if (at + buf.n > idx.length)
      [idx, val, grp] = [grow(idx, at + buf.n), grow(val, at + buf.n), grow(grp, at + buf.n)];
    idx.set(buf.idx.subarray(0, buf.n), at);
    val.set(buf.val.subarray(0, buf.n), at);
    grp.set(buf.grp.subarray(0, buf.n), at);
    offsets[r + 1] = at + buf.n;
    labels[r] = outcome[i] !== 0 ? 1 : 0;
    inventory[r] = inv[act];
  }
  const n = offsets[rows.length];
  return {
    count: rows.length,
    offsets,
    idx: idx.slice(0, n),
    val: val.slice(0, n),
    grp: grp.slice(0, n),
    labels,
    inventory,
  };
}

/** Removes one impression from the history; returns the function that puts it back. */
function leaveOut(ctx: FeedContext, member: number, act: number, clicked: boolean): () => void {
  const a = ctx.world.feed.activities,
    key = pairKey(member, actorKey(a.actorType[act], a.actor[act]));
  const { shown, clicked: clicks } = ctx.history;
  const add = (m: Map<number, number>, d: number): void => void m.set(key, (m.get(key) ?? 0) + d);
  add(shown, -1);
  if (clicked) add(clicks, -1);
  return () => (add(shown, 1), clicked && add(clicks, 1));
}

function grow<T extends Int32Array | Float32Array | Uint8Array>(a: T, need: number): T {
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}
