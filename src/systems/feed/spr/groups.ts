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

/** A reusable buffer of one example's hashed features. */
export class FeatureBuffer {
  idx: Int32Array;
  val: Float32Array;
  grp: Uint8Array;
  n = 0;

  constructor(capacity = 128) {
    this.idx = new Int32Array(capacity);
    this.val = new Float32Array(capacity);
    this.grp = new Uint8Array(capacity);
  }

  /** Appends one feature (growing the buffer when full). */
  push(index: number, value: number, group: number): void {
    if (this.n === this.idx.length) this.grow();
    this.idx[this.n] = index;
    this.val[this.n] = value;
    this.grp[this.n++] = group;
  }

  private grow(): void {
    const cap = this.idx.length * 2;
    const idx = new Int32Array(cap),
      val = new Float32Array(cap),
      grp = new Uint8Array(cap);
    idx.set(this.idx);
    val.set(this.val);
    grp.set(this.grp);
    [this.idx, this.val, this.grp] = [idx, val, grp];
  }
}
