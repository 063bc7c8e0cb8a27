/**
 * A member's feed ranked from their own interaction history, kept on their device (issue 10), instead
 * of the interactions the simulated world logged for them. The SPR's member × actor features (X_ij:
 * updates shown from an actor, clicks on them) and the network FPR's affinity read
 * `FeedContext.history`; here that history is built from the interactions passed in, keyed to the
 * member, and replaces the logged one for this one assembly. Everything else the feed reads (profile,
 * graph, follows, the updates themselves) is the world's.
 */
import { InvalidArgumentError } from '../../errors.ts';
import { actorKey, pairKey, type InteractionHistory } from './context.ts';
import { traceFeed, type AssembleOptions, type FeedItem, type FeedPipeline, type FeedTrace } from './pipeline.ts';
import type { FeedRequest } from './fpr/types.ts';

/** One update the member was shown, and whether they engaged with it (a like, comment, share or click). */
export interface FeedInteraction {
  /** Activity (update) id of the world's feed. */
  activity: number;
  clicked: boolean;
}

/** At most this many interactions per request (a device's history, not a log). */
export const MAX_LOCAL_INTERACTIONS = 100_000;

/**
 * `member`'s interaction history from `interactions`, as `historyFromLog` builds it from logged
 * impressions; activity ids the world does not have are returned in `unknown` (and not counted).
 */
export function historyFromInteractions(
  activities: { count: number; actor: Uint32Array; actorType: Uint8Array },
  member: number,
  interactions: readonly FeedInteraction[],
): { history: InteractionHistory; unknown: number[] } {
  if (!Array.isArray(interactions)) throw new InvalidArgumentError('feed: history must be a list of interactions');
  if (interactions.length > MAX_LOCAL_INTERACTIONS)
    throw new InvalidArgumentError(
      `feed: history has ${interactions.length} interactions, at most ${MAX_LOCAL_INTERACTIONS}`,
    );
  const history: InteractionHistory = { shown: new Map(), clicked: new Map() };
  const unknown: number[] = [];
  interactions.forEach((it, k) => {
    const act = it?.activity;
    if (typeof act !== 'number' || !Number.isInteger(act))
      throw new InvalidArgumentError(`feed: history[${k}].activity must be an integer, got ${String(act)}`);
    if (typeof it.clicked !== 'boolean')
      throw new InvalidArgumentError(`feed: history[${k}].clicked must be true or false`);
    if (act < 0 || act >= activities.count) {
      unknown.push(act);
      return;
    }
    const key = pairKey(member, actorKey(activities.actorType[act], activities.actor[act]));
    history.shown.set(key, (history.shown.get(key) ?? 0) + 1);
    if (it.clicked) history.clicked.set(key, (history.clicked.get(key) ?? 0) + 1);
  });
  return { history, unknown };
}

/**
 * {@link assembleFeed} for `req.member` with `history` in place of the logged one. The swap is
 * synchronous (assembly never awaits), so no other request ever sees it.
 */
export function assembleFeedWithHistory(
  p: FeedPipeline,
  req: FeedRequest,
  history: InteractionHistory,
  o: AssembleOptions = {},
): FeedItem[] {
  return traceFeedWithHistory(p, req, history, o).items;
}

/** {@link assembleFeedWithHistory}, also returning what each stage did (see `traceFeed`). */
export function traceFeedWithHistory(
  p: FeedPipeline,
  req: FeedRequest,
  history: InteractionHistory,
  o: AssembleOptions = {},
): { items: FeedItem[]; trace: FeedTrace } {
  const logged = p.ctx.history;
  p.ctx.history = history;
  try {
    return traceFeed(p, req, o);
  } finally {
    p.ctx.history = logged;
  }
}
