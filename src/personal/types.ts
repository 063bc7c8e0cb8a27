/** The personal profile's data types: what a person did, and what is kept about them (plain data). */
import type { ExternalId } from '../data/idmap.ts';
import type { FoldedUser } from '../models/recommender.ts';

/** One thing a person did: an item (external id of the model's catalogue), when, and how much. */
export interface Interaction {
  item: ExternalId;
  /** Seconds since the epoch (default: when it was added). */
  time?: number;
  /** Engagement in the model's own unit (GLMix: seconds watched); sent to the model when every interaction has one. */
  duration?: number;
}

/** A person's state for one model, as stored: their history and the fold-in solved from it. */
export interface ProfileState {
  /** Who (default `'me'`). */
  person: string;
  /** The model the fold-in belongs to. */
  modelId: string;
  /** `ModelInfo.version` of that model when `folded` was solved (0: never folded). */
  modelVersion: number;
  /** Bumped by every change (never reused, not even after `forgetAll`), so tabs tell old state from new. */
  revision: number;
  /** Interactions in the order they were added. */
  interactions: Interaction[];
  /** The person's own features by name (GLMix' member features, e.g. `seniority`, `skill:python`); `{}` if none. */
  features: Record<string, number>;
  /** The person's user-side parameters solved from `interactions`; null for an empty history. */
  folded: FoldedUser | null;
  /** When it last changed (ms since the epoch; 0 for a state never stored). */
  updatedAt: number;
}

/** What a change listener receives. */
export interface ProfileChange {
  state: ProfileState;
  /** `'local'`: this profile object changed it; `'remote'`: another one (another tab) did. */
  origin: 'local' | 'remote';
}
