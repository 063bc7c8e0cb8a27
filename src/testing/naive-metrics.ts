/**
 * Naive reference implementations of the evaluation metrics, written the obvious slow way (sort
 * everything, compare all pairs, build full confusion matrices) so that the fast versions in
 * `src/eval` can be checked against them on random inputs. Test-only: not exported by the library.
 */

/** Pessimistic: tied items go above the target; optimistic: below. */
export type NaiveTies = 'pessimistic' | 'optimistic';

/** Position of the target after sorting it with `others` by descending score. */
export function naiveRank(target: number, others: readonly number[], ties: NaiveTies = 'pessimistic'): number {
  const rows = [{ score: target, isTarget: true }, ...others.map((score) => ({ score, isTarget: false }))];
  rows.sort((a, b) => {
    if (a.score !== b.score) return b.score - a.score;
    if (a.isTarget === b.isTarget) return 0;
    return (a.isTarget ? 1 : -1) * (ties === 'pessimistic' ? 1 : -1);
  });
  return rows.findIndex((r) => r.isTarget);
}

/** NDCG@k of graded relevances listed in ranked order; ideal DCG from the same grades sorted. */
export function naiveNdcg(relevanceInRankOrder: readonly number[], k: number): number {
  const dcg = (rel: readonly number[]): number =>
    rel.slice(0, k).reduce((s, r, i) => s + (2 ** r - 1) / Math.log2(i + 2), 0);
  const ideal = dcg([...relevanceInRankOrder].sort((a, b) => b - a));
  return ideal === 0 ? 0 : dcg(relevanceInRankOrder) / ideal;
}

/** Precision@k by set intersection of the top-k list with the relevant set, over k. */
export function naivePrecision(recommended: readonly number[], relevant: readonly number[], k: number): number {
  const top = [...new Set(recommended.slice(0, k))];
  return top.filter((x) => relevant.includes(x)).length / k;
}

/** Recall@k by set intersection, over the number of distinct relevant items. */
export function naiveRecall(recommended: readonly number[], relevant: readonly number[], k: number): number {
  const rel = [...new Set(relevant)];
  const top = recommended.slice(0, k);
  return rel.filter((x) => top.includes(x)).length / rel.length;
}

/** AUC by comparing every positive with every negative (ties count ½). */
export function naiveAuc(scores: readonly number[], labels: readonly number[]): number {
  let wins = 0;
  let pairs = 0;
  scores.forEach((sp, i) => {
    if (labels[i] !== 1) return;
    scores.forEach((sn, j) => {
      if (labels[j] !== 0) return;
      pairs++;
      wins += sp > sn ? 1 : sp === sn ? 0.5 : 0;
    });
  });
  return wins / pairs;
}

/** Mean binary cross-entropy with clipping. */
export function naiveLogLoss(probs: readonly number[], labels: readonly number[], eps = 1e-15): number {
  const terms = probs.map((p, i) => {
    const q = Math.min(1 - eps, Math.max(eps, p));
    return -(labels[i] * Math.log(q) + (1 - labels[i]) * Math.log(1 - q));
  });
  return terms.reduce((a, b) => a + b, 0) / terms.length;
}

/** Micro and macro F1 from a full confusion matrix, precision and recall first (scikit-learn style). */
export function naiveF1(yTrue: readonly number[], yPred: readonly number[]): { micro: number; macro: number } {
  const classes = [...new Set([...yTrue, ...yPred])].sort((a, b) => a - b);
  const cm = classes.map((t) => classes.map((p) => yTrue.filter((y, i) => y === t && yPred[i] === p).length));
  const f1 = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
  const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);
  const perClass = classes.map((_, c) => {
    const tp = cm[c][c];
    const predicted = cm.reduce((s, row) => s + row[c], 0);
    const actual = cm[c].reduce((s, v) => s + v, 0);
    return { tp, predicted, actual, f1: f1(ratio(tp, predicted), ratio(tp, actual)) };
  });
  const sum = (f: (c: (typeof perClass)[number]) => number): number => perClass.reduce((s, c) => s + f(c), 0);
  const microP = ratio(
    sum((c) => c.tp),
    sum((c) => c.predicted),
  );
  const microR = ratio(
    sum((c) => c.tp),
    sum((c) => c.actual),
  );
  return { micro: f1(microP, microR), macro: sum((c) => c.f1) / classes.length };
}

/** Full-ranking rank: sort every unseen item (target included) by descending score, find the target. */
export function naiveFullRank(
  scores: readonly number[],
  seen: readonly number[],
  target: number,
  ties: NaiveTies = 'pessimistic',
): number {
  const candidates = scores.map((_, j) => j).filter((j) => j !== target && !seen.includes(j));
  return naiveRank(
    scores[target],
    candidates.map((j) => scores[j]),
    ties,
  );
}

/** Adamic–Adar by building neighbour sets and intersecting them. */
export function naiveAdamicAdar(
  n: number,
  src: readonly number[],
  dst: readonly number[],
  u: number,
  v: number,
): number {
  const nbrs = Array.from({ length: n }, () => new Set<number>());
  src.forEach((a, e) => {
    if (a !== dst[e]) {
      nbrs[a].add(dst[e]);
      nbrs[dst[e]].add(a);
    }
  });
  return [...nbrs[u]]
    .filter((w) => nbrs[v].has(w) && nbrs[w].size > 1)
    .reduce((s, w) => s + 1 / Math.log(nbrs[w].size), 0);
}

/** Mean and sample standard error of the rewards of events the policy agrees with. */
export function naiveReplay(rewardsKept: readonly number[]): { estimate: number; stdErr: number } {
  const n = rewardsKept.length;
  const mean = rewardsKept.reduce((a, b) => a + b, 0) / n;
  const variance = rewardsKept.reduce((s, r) => s + (r - mean) ** 2, 0) / (n - 1);
  return { estimate: mean, stdErr: Math.sqrt(variance / n) };
}

/** L2-regularised logistic objective `Σ log(1 + e^{−s·z}) + λ/2 ‖w‖²` with labels s = ±1. */
export function naiveLogisticObjective(
  x: readonly number[][],
  y: readonly number[],
  w: readonly number[],
  b: number,
  l2: number,
): number {
  const loss = x.reduce((s, row, i) => {
    const z = row.reduce((acc, v, j) => acc + v * w[j], b);
    return s + Math.log(1 + Math.exp(y[i] === 1 ? -z : z));
  }, 0);
  return loss + (l2 / 2) * w.reduce((s, v) => s + v * v, 0);
}
