/**
 * Feature hashing: a feature is a template id and up to two integer values, mixed into one index of
 * a 2^bits weight table (no strings, no dictionary, so featurising an update costs a few multiplies).
 */

/** Index of feature (template, a, b) in a table of `mask + 1` weights. */
export function hashFeature(template: number, a: number, b: number, mask: number): number {
  let h = Math.imul(template ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ a, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16) ^ Math.imul(b, 0x27d4eb2f), 0x165667b1);
  h ^= h >>> 15;
  return h & mask;
}
