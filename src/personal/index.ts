/** Per-person state on the device: history and fold-in, kept apart from the shipped model. */
export { openProfile, PersonalProfile } from './profile.ts';
export type { ProfileClient, ProfileOptions, ProfileRankOptions } from './profile.ts';
export { PROFILE_DB_NAME } from './database.ts';
export type { Interaction, ProfileChange, ProfileState } from './types.ts';
