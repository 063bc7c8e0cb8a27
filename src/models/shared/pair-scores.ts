/**
 * Pair scores through whole-catalogue rows: each distinct user is scored against every item at once
 * (one matrix product per chunk of users, far cheaper than a gather per pair), then the pairs are
 * picked out. Chunks keep the rows under ~4M floats; models whose `recommend` scores one user through
 * the same `scoreUsers` get bit-identical scores either way.
 */
export async function scorePairsByUser(
  users: Int32Array,
  items: Int32Array,
  nItems: number,
  scoreUsers: (group: Int32Array) => Promise<Float32Array>,
  floatsPerItem = 1,
): Promise<Float32Array> {
  const out = new Float32Array(users.length);
  const distinct = Int32Array.from(new Set(users));
  const chunk = Math.max(1, Math.floor(4_000_000 / Math.max(1, nItems * floatsPerItem)));
  const row = new Map<number, number>();
  for (let start = 0; start < distinct.length; start += chunk) {
    const group = distinct.subarray(start, start + chunk);
    const all = await scoreUsers(group);
    group.forEach((u, r) => row.set(u, r + start));
    for (let k = 0; k < users.length; k++) {
      const r = (row.get(users[k]) ?? -1) - start;
      if (r >= 0 && r < group.length) out[k] = all[r * nItems + items[k]];
    }
  }
  return out;
}
