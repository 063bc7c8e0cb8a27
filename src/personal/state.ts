/** Plain helpers of the profile: its empty state, the wire form of a history, lock and channel names. */
import type { WireHistory } from '../rpc/protocol.ts';
import type { Interaction, ProfileState } from './types.ts';

/** Which profile: a model ref, a person, and the record key of the pair. */
export interface Where {
  modelId: string;
  version: number;
  person: string;
  key: string;
}

/** The wire form of a history: `times` / `durations` when every interaction has one, features when any. */
export function wire(interactions: readonly Interaction[], features: Record<string, number>): WireHistory {
  const history: WireHistory = { items: interactions.map((i) => i.item) };
  if (Object.keys(features).length > 0) history.features = { ...features };
  if (interactions.every((i) => i.time !== undefined)) history.times = interactions.map((i) => i.time as number);
  if (interactions.length > 0 && interactions.every((i) => i.duration !== undefined))
    history.durations = interactions.map((i) => i.duration as number);
  return history;
}

/** The state of a profile with no record (yet, or after `forgetAll`), at `revision`. */
export function emptyState(where: Where, revision: number): ProfileState {
  const { person, modelId } = where;
  return { person, modelId, modelVersion: 0, revision, interactions: [], features: {}, folded: null, updatedAt: 0 };
}

/** `state` without its revision (the database issues the next one). */
export function withoutRevision(
  state: Omit<ProfileState, 'revision'> & { revision?: number },
): Omit<ProfileState, 'revision'> {
  const { revision: _revision, ...rest } = state;
  return rest;
}

/** The BroadcastChannel every profile of database `dbName` listens on. */
export function channelName(dbName: string): string {
  return `linkrec:profile:${dbName}`;
}

/** The lock guarding read-modify-write of one profile record (Web Locks: shared by the origin's tabs). */
export function lockName(dbName: string, key: string): string {
  return `linkrec:profile:${dbName}:${key}`;
}
