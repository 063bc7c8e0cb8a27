/** The seed's feature groups of the SPR, concatenated into one hashed vector. */

/** Group codes, stored per feature so a prediction can be explained by group. */
export const FeatureGroup = {
  BIAS: 0,
  USER: 1,
  ACTIVITY: 2,
  USER_ACTOR: 3,
  USER_TYPE: 4,
  USER_ACTOR_TYPE: 5,
  USER_OBJECT: 6,
} as const;
/** Names of the groups, by code (the seed's notation). */
export const FEATURE_GROUP_NAMES = ['bias', 'X_i', 'X_t', 'X_ij', 'X_ik', 'X_ijk', 'X_io'] as const;
/** Number of groups. */
export const GROUP_COUNT = FEATURE_GROUP_NAMES.length;

/**
 * The featuriser's templates (the first argument of its hash), by code: what each feature says, so an
 * explanation can name the features that fired for one (member, update). A value marked log1p is
 * `log(1 + count)`; the others are 1 when the feature fires unless noted.
 */
export const FEATURE_TEMPLATE_NAMES: Readonly<Record<number, string>> = Object.freeze({
  0: 'bias',
  1: 'title',
  2: 'seniority',
  3: 'location',
  4: 'jobSeeking',
  10: 'updateType',
  11: 'verbAndActorType',
  12: 'ageBucket',
  /** log1p(age in days). */
  13: 'age',
  /** log1p(likes + 2 comments + 3 shares). */
  14: 'popularity',
  /** The first-pass ranker's score, in [0, 1]. */
  15: 'fprScore',
  16: 'topic',
  20: 'connectedToActor',
  21: 'followsCompany',
  /** log1p(updates from this actor shown to the member before). */
  22: 'shownFromActor',
  /** log1p(updates from this actor the member engaged with). */
  23: 'engagedWithActor',
  /** log1p(connections in common with the actor). */
  24: 'commonConnections',
  30: 'jobSeekingByType',
  31: 'seniorityByType',
  32: 'titleFamilyByType',
  40: 'workedAtCompany',
  41: 'connectedByVerb',
  42: 'followsByType',
  /** Share of the member's skills in the update's topic, times the number of topics. */
  50: 'topicSkillShare',
  51: 'titleFamilyByTopic',
  /** Every skill of the member × the update's topic (values 1/√skills). */
  52: 'skillsByTopic',
  53: 'jobSeniorityGap',
  54: 'jobInYourCity',
  55: 'sameCompany',
});
/** One more than the largest template code. */
export const TEMPLATE_COUNT = 56;

/** The `FeatureGroup` a template belongs to: bias 0, profile 1–9, then one group per ten codes. */
export const templateGroup = (template: number): number =>
  template === 0 ? 0 : template < 10 ? 1 : Math.floor(template / 10) + 1;

/** A reusable buffer of one example's hashed features. */
export class FeatureBuffer {
  idx: Int32Array;
  val: Float32Array;
  grp: Uint8Array;
  /** Each feature's template code (see `FEATURE_TEMPLATE_NAMES`), so an explanation can name it. */
  tpl: Uint8Array;
  n = 0;

  constructor(capacity = 128) {
    this.idx = new Int32Array(capacity);
    this.val = new Float32Array(capacity);
    this.grp = new Uint8Array(capacity);
    this.tpl = new Uint8Array(capacity);
  }

  /** Appends one feature (growing the buffer when full). */
  push(index: number, value: number, group: number, template = 0): void {
    if (this.n === this.idx.length) this.grow();
    this.idx[this.n] = index;
    this.val[this.n] = value;
    this.tpl[this.n] = template;
    this.grp[this.n++] = group;
  }

  private grow(): void {
    const cap = this.idx.length * 2;
    const idx = new Int32Array(cap),
      val = new Float32Array(cap),
      grp = new Uint8Array(cap),
      tpl = new Uint8Array(cap);
    idx.set(this.idx);
    val.set(this.val);
    grp.set(this.grp);
    tpl.set(this.tpl);
    [this.idx, this.val, this.grp, this.tpl] = [idx, val, grp, tpl];
  }
}
