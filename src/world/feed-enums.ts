/**
 * Codes of the feed's actor–verb–object triplets, stored as small integers in the activity arrays.
 */

/** First-pass inventories a feed candidate comes from. */
export const Inventory = { NETWORK: 0, JOBS: 1, NEWS: 2, PYMK: 3 } as const;
/** Names of the inventories, by code. */
export const INVENTORY_NAMES = ['network', 'jobs', 'news', 'pymk'] as const;

/** Who acted. */
export const ActorType = { MEMBER: 0, COMPANY: 1 } as const;
/** Names of the actor types, by code. */
export const ACTOR_TYPE_NAMES = ['member', 'company'] as const;

/** What the actor did. */
export const Verb = { SHARED: 0, LIKED: 1, CHANGED_TITLE: 2, POSTED: 3, PUBLISHED: 4, SUGGESTED: 5 } as const;
/** Names of the verbs, by code. */
export const VERB_NAMES = ['shared', 'liked', 'changed title', 'posted', 'published', 'suggested'] as const;

/** What the verb acted on; `Activities.object` indexes the matching table. */
export const ObjectType = { ARTICLE: 0, POST: 1, JOB: 2, PROFILE: 3 } as const;
/** Names of the object types, by code. */
export const OBJECT_TYPE_NAMES = ['article', 'post', 'job', 'profile'] as const;

/** Bits of an impression's `outcome`: a click, and the likes, comments and shares that follow one. */
export const Outcome = { CLICK: 1, LIKE: 2, COMMENT: 4, SHARE: 8 } as const;
