/**
 * The simulated first-pass stage: per inventory, a cheap generator of plausible candidates for a
 * member (network activity of their connections, jobs and news of followed companies or of their
 * interests, people-you-may-know among friends of friends). The union, mixed in the proportions the
 * caller asks for, is a session's candidate set.
 */
import type { Rng } from '../data/rng.ts';
import { csrHas, groupBy, type SparseRows } from '../data/index.ts';
import { ActorType, Inventory } from './feed-enums.ts';
import type { FeedWorld } from './feed-truth.ts';
import type { CandidateMix } from './options.ts';
import { drawFromRow, GroupSampler } from './sampling.ts';

/** Lookups the candidate generators need (built once per world). */
export interface FeedIndex {
  /** Activity ids per inventory. */
  byInventory: SparseRows<Uint32Array>;
  /** Network activity ids per acting member (row `members` is unused). */
  networkByActor: SparseRows<Uint32Array>;
  /** Job / news activities per company actor (row `companies` is unused). */
  byCompany: SparseRows<Uint32Array>;
  /** Activities of a family within one inventory: group `inventory * K + family`. */
  byInventoryFamily: GroupSampler;
  /** The PYMK activity of each member, or -1. */
  pymkOf: Int32Array;
}

/** Builds the index. */
export function buildFeedIndex(w: FeedWorld, companies: number): FeedIndex {
  const a = w.feed.activities,
    n = w.members.count;
  const key = (f: (i: number) => number): Uint32Array => Uint32Array.from({ length: a.count }, (_, i) => f(i));
  const networkKey = key((i) => (a.inventory[i] === Inventory.NETWORK ? a.actor[i] : n));
  const companyKey = key((i) => (a.actorType[i] === ActorType.COMPANY ? a.actor[i] : companies));
  const pymkOf = new Int32Array(n).fill(-1);
  for (let i = 0; i < a.count; i++) if (a.inventory[i] === Inventory.PYMK) pymkOf[a.actor[i]] = i;
  return {
    byInventory: groupBy(a.inventory, 4),
    networkByActor: groupBy(networkKey, n + 1),
    byCompany: groupBy(companyKey, companies + 1),
    byInventoryFamily: new GroupSampler(
      Array.from(a.inventory, (inv, i) => inv * w.k + a.family[i]),
      4 * w.k,
    ),
    pymkOf,
  };
}

const pickRow = (csr: SparseRows<Uint32Array>, row: number, rng: Rng): number => {
  const lo = csr.indptr[row],
    hi = csr.indptr[row + 1];
  return lo === hi ? -1 : csr.indices[lo + rng.int(hi - lo)];
};

function networkCandidate(w: FeedWorld, ix: FeedIndex, member: number, rng: Rng): number {
  for (let t = 0; t < 4; t++) {
    const friend = pickRow(w.feed.connections, member, rng);
    if (friend < 0) break;
    const act = pickRow(ix.networkByActor, friend, rng);
    if (act >= 0) return act;
  }
  return -1;
}

function companyCandidate(w: FeedWorld, ix: FeedIndex, member: number, inv: number, rng: Rng): number {
  const u = rng.next();
  if (u < 0.4) {
    for (let t = 0; t < 3; t++) {
      const c = pickRow(w.feed.follows, member, rng);
      const act = c < 0 ? -1 : pickRow(ix.byCompany, c, rng);
      if (act >= 0 && w.feed.activities.inventory[act] === inv) return act;
    }
  }
  if (u < 0.8)
    return ix.byInventoryFamily.draw(inv * w.k + drawFromRow(rng, w.members.interests, member * w.k, w.k), rng);
  return -1;
}

function pymkCandidate(w: FeedWorld, ix: FeedIndex, member: number, rng: Rng): number {
  for (let t = 0; t < 4; t++) {
    const friend = pickRow(w.feed.connections, member, rng);
    const fof = friend < 0 ? -1 : pickRow(w.feed.connections, friend, rng);
    if (fof < 0) break;
    if (fof !== member && ix.pymkOf[fof] >= 0 && !csrHas(w.feed.connections, member, fof)) return ix.pymkOf[fof];
  }
  return ix.byInventoryFamily.draw(Inventory.PYMK * w.k + w.members.family[member], rng);
}

/** One candidate from inventory `inv` for `member` (falls back to a random item of the inventory). */
export function drawCandidate(w: FeedWorld, ix: FeedIndex, member: number, inv: number, rng: Rng): number {
  const act =
    inv === Inventory.NETWORK
      ? networkCandidate(w, ix, member, rng)
      : inv === Inventory.PYMK
        ? pymkCandidate(w, ix, member, rng)
        : companyCandidate(w, ix, member, inv, rng);
  return act >= 0 ? act : pickRow(ix.byInventory, inv, rng);
}

/** Cumulative mix over the inventories, skipping empty ones. */
export function mixCumulative(mix: CandidateMix, ix: FeedIndex): Float64Array {
  const shares = [mix.network, mix.jobs, mix.news, mix.pymk].map((s, inv) =>
    ix.byInventory.indptr[inv + 1] > ix.byInventory.indptr[inv] ? s : 0,
  );
  const total = shares.reduce((x, y) => x + y, 0);
  let s = 0;
  return Float64Array.from(shares, (x) => (s += total > 0 ? x / total : 0.25));
}

/**
 * Fills `out` with up to `count` distinct candidates for `member`, each slot's inventory drawn from
 * the mix (`mixCumulative`). A slot whose draw repeats an earlier candidate (or is the member's own
 * activity) retries in the same inventory, at random after three tries, so the mix holds.
 */
export function generateCandidates(
  w: FeedWorld,
  ix: FeedIndex,
  member: number,
  count: number,
  cum: Float64Array,
  rng: Rng,
  out: number[],
): number[] {
  out.length = 0;
  const a = w.feed.activities;
  for (let slot = 0; slot < count; slot++) {
    const u = rng.next();
    let inv = 0;
    while (inv < 3 && u >= cum[inv]) inv++;
    for (let t = 0; t < 6; t++) {
      const act = t < 3 ? drawCandidate(w, ix, member, inv, rng) : pickRow(ix.byInventory, inv, rng);
      if (act < 0 || out.includes(act) || (a.actorType[act] === ActorType.MEMBER && a.actor[act] === member)) continue;
      out.push(act);
      break;
    }
  }
  return out;
}
