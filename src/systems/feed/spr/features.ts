/**
 * The SPR's featuriser: for (member i, update t at time τ, FPR score) it writes the hashed features of
 * every group — X_i, X_t, X_ij, X_ik, X_ijk, X_io — reading only observable data (profile, skills,
 * graph, follows, careers, the update itself and past logged interactions), never the latent truth.
 */
import { csrHas } from '../../../data/index.ts';
import { ActorType, ObjectType } from '../../../world/feed-enums.ts';
import { actorKey, ageDays, type FeedContext, pairKey } from '../context.ts';
import { commonConnections } from '../fpr/pymk.ts';
import { type FeatureBuffer, FeatureGroup as G } from './groups.ts';
import { hashFeature } from './hash.ts';

function workedAt(ctx: FeedContext, member: number, company: number): boolean {
  const h = ctx.world.members.history;
  for (let p = h.offsets[member]; p < h.offsets[member + 1]; p++) if (h.company[p] === company) return true;
  return false;
}

/** Writes the features of (member, activity) at `time` with first-pass score `fpr` into `out`. */
export function featurize(
  ctx: FeedContext,
  member: number,
  activity: number,
  time: number,
  fpr: number,
  mask: number,
  out: FeatureBuffer,
): void {
  const w = ctx.world,
    m = w.members,
    a = w.feed.activities;
  const f = (group: number, template: number, x: number, y: number, value = 1): void =>
    out.push(hashFeature(template, x, y, mask), value, group, template);
  out.n = 0;
  const inv = a.inventory[activity],
    verb = a.verb[activity],
    fam = a.family[activity],
    actor = a.actor[activity];
  const isCompany = a.actorType[activity] === ActorType.COMPANY;
  const seeker = m.jobSeeking[member],
    sen = m.seniority[member],
    tFam = ctx.titleFamily[member];
  f(G.BIAS, 0, 0, 0);
  // X_i: profile.
  f(G.USER, 1, m.title[member], 0);
  f(G.USER, 2, sen, 0);
  f(G.USER, 3, m.location[member], 0);
  f(G.USER, 4, seeker, 0);
  // X_t: type, actor type, verb, age, FPR score, popularity.
  const age = ageDays(ctx, activity, time);
  const pop = Math.log1p(a.likes[activity] + 2 * a.comments[activity] + 3 * a.shares[activity]);
  f(G.ACTIVITY, 10, inv, 0);
  f(G.ACTIVITY, 11, verb, a.actorType[activity]);
  f(G.ACTIVITY, 12, inv, Math.min(12, Math.floor(Math.log2(1 + age * 24))));
  f(G.ACTIVITY, 13, inv, 0, Math.log1p(age));
  f(G.ACTIVITY, 14, 0, 0, pop);
  f(G.ACTIVITY, 15, inv, 0, fpr);
  f(G.ACTIVITY, 16, fam, 0);
  // X_ij: user × actor.
  const connected = !isCompany && csrHas(w.feed.connections, member, actor);
  const follows = isCompany && csrHas(w.feed.follows, member, actor);
  const key = pairKey(member, actorKey(a.actorType[activity], actor));
  if (connected) f(G.USER_ACTOR, 20, 0, 0);
  if (follows) f(G.USER_ACTOR, 21, 0, 0);
  const clicks = ctx.history.clicked.get(key) ?? 0,
    shown = ctx.history.shown.get(key) ?? 0;
  if (shown > 0) f(G.USER_ACTOR, 22, 0, 0, Math.log1p(shown));
  if (clicks > 0) f(G.USER_ACTOR, 23, 0, 0, Math.log1p(clicks));
  if (!isCompany && actor !== member) f(G.USER_ACTOR, 24, 0, 0, Math.log1p(commonConnections(ctx, member, actor)));
  // X_ik: user × activity type.
  f(G.USER_TYPE, 30, seeker, inv);
  f(G.USER_TYPE, 31, sen, inv);
  f(G.USER_TYPE, 32, tFam, inv);
  // X_ijk: user × actor × activity type.
  if (isCompany && workedAt(ctx, member, actor)) f(G.USER_ACTOR_TYPE, 40, inv, 0);
  if (connected) f(G.USER_ACTOR_TYPE, 41, verb, 0);
  if (follows) f(G.USER_ACTOR_TYPE, 42, inv, 0);
  userObject(ctx, member, activity, f);
}

type Emit = (group: number, template: number, x: number, y: number, value?: number) => void;

/** X_io: how the object fits the member — topic, and for jobs seniority and city, for profiles company. */
function userObject(ctx: FeedContext, member: number, activity: number, f: Emit): void {
  const w = ctx.world,
    m = w.members,
    a = w.feed.activities;
  const inv = a.inventory[activity],
    fam = a.family[activity],
    obj = a.object[activity];
  f(G.USER_OBJECT, 50, inv, 0, ctx.skillShare[member * w.k + fam] * w.k);
  f(G.USER_OBJECT, 51, ctx.titleFamily[member], fam);
  const lo = m.skills.indptr[member],
    hi = m.skills.indptr[member + 1];
  const v = hi > lo ? 1 / Math.sqrt(hi - lo) : 0;
  for (let p = lo; p < hi; p++) f(G.USER_OBJECT, 52, m.skills.indices[p], fam, v);
  if (a.objectType[activity] === ObjectType.JOB) {
    f(G.USER_OBJECT, 53, Math.min(3, Math.abs(m.seniority[member] - w.jobs.seniority[obj])), 0);
    if (w.jobs.location[obj] === m.location[member]) f(G.USER_OBJECT, 54, 0, 0);
  } else if (a.objectType[activity] === ObjectType.PROFILE && obj !== member && m.company[obj] === m.company[member]) {
    f(G.USER_OBJECT, 55, inv, 0);
  }
}
