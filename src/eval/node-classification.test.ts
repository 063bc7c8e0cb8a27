import { describe, expect, it } from 'vitest';
import { Rng } from '../data/rng.ts';
import { InvalidArgumentError } from '../errors.ts';
import { nodeClassificationF1 } from './node-classification.ts';

/** `n` nodes in `k` classes; embeddings = signal × class centre + unit noise; every 7th node unlabelled. */
function clusteredEmbeddings(seed: number, n: number, k: number, dim: number, signal: number) {
  const rng = new Rng(seed);
  const classOf = Int32Array.from({ length: n }, () => rng.int(k));
  const centres = Array.from({ length: k }, () => Array.from({ length: dim }, () => rng.normal()));
  const embeddings = new Float32Array(n * dim);
  classOf.forEach((c, i) => {
    for (let j = 0; j < dim; j++) embeddings[i * dim + j] = signal * centres[c][j] + rng.normal();
  });
  const labels = Int32Array.from(classOf, (c, i) => (i % 7 === 0 ? -1 : c));
  return { embeddings, labels };
}

describe('nodeClassificationF1', () => {
  it('scores informative embeddings high and random ones near chance', () => {
    const good = clusteredEmbeddings(1, 400, 4, 16, 1.5);
    const r = nodeClassificationF1(good.embeddings, 16, good.labels, { trainRatio: 0.5, repeats: 5, seed: 3 });
    expect(r.microF1).toBeGreaterThan(0.9);
    expect(r.macroF1).toBeGreaterThan(0.9);
    const noise = clusteredEmbeddings(1, 400, 4, 16, 0);
    const c = nodeClassificationF1(noise.embeddings, 16, noise.labels, { trainRatio: 0.5, repeats: 5, seed: 3 });
    expect(c.microF1).toBeLessThan(0.4);
    expect(c.microF1).toBeGreaterThan(0.1);
  });

  it('more signal gives higher F1, and the spread over repeats is reported', () => {
    const weak = clusteredEmbeddings(2, 300, 3, 8, 0.3);
    const strong = clusteredEmbeddings(2, 300, 3, 8, 0.8);
    const opts = { trainRatio: 0.3, repeats: 6, seed: 4 };
    const w = nodeClassificationF1(weak.embeddings, 8, weak.labels, opts);
    const s = nodeClassificationF1(strong.embeddings, 8, strong.labels, opts);
    expect(s.microF1).toBeGreaterThan(w.microF1 + 0.1);
    expect(w.microStd).toBeGreaterThan(0);
    expect(nodeClassificationF1(weak.embeddings, 8, weak.labels, { ...opts, repeats: 1 }).microStd).toBe(0);
  });

  it('is reproducible per seed and changes with the seed', () => {
    const { embeddings, labels } = clusteredEmbeddings(5, 200, 3, 8, 0.4);
    const run = (seed: number, split: 'plain' | 'stratified') =>
      nodeClassificationF1(embeddings, 8, labels, { trainRatio: 0.5, repeats: 3, seed, split });
    expect(run(1, 'plain')).toEqual(run(1, 'plain'));
    expect(run(1, 'stratified')).toEqual(run(1, 'stratified'));
    expect(run(1, 'plain')).not.toEqual(run(2, 'plain'));
  });

  it('ignores unlabelled nodes, whatever their embeddings', () => {
    const { embeddings, labels } = clusteredEmbeddings(6, 210, 3, 8, 1);
    const poisoned = Float32Array.from(embeddings);
    labels.forEach((y, i) => {
      if (y === -1) poisoned.fill(1e6, i * 8, (i + 1) * 8);
    });
    const opts = { trainRatio: 0.5, repeats: 2, seed: 1 };
    expect(nodeClassificationF1(poisoned, 8, labels, opts)).toEqual(nodeClassificationF1(embeddings, 8, labels, opts));
  });

  it('keeps every class on the training side with a stratified split', () => {
    // Class 2 has two nodes on an axis of their own: a split that puts both in the test set cannot
    // predict it (macro F1 < 1); stratifying trains on one and recognises the other.
    const dim = 2;
    const rng = new Rng(8);
    const n = 60;
    const labels = Int32Array.from({ length: n }, (_, i) => (i < 2 ? 2 : i % 2));
    const embeddings = new Float32Array(n * dim);
    labels.forEach((c, i) => {
      embeddings[i * dim] = (c === 0 ? -3 : c === 1 ? 3 : 0) + 0.3 * rng.normal();
      embeddings[i * dim + 1] = (c === 2 ? 10 : 0) + 0.3 * rng.normal();
    });
    const opts = { trainRatio: 0.5, repeats: 20, seed: 2, l2: 0.01 };
    const r = nodeClassificationF1(embeddings, dim, labels, { ...opts, split: 'stratified' });
    expect(r.microF1).toBe(1);
    expect(r.macroF1).toBe(1);
    expect(nodeClassificationF1(embeddings, dim, labels, { ...opts, split: 'plain' }).macroF1).toBeLessThan(1);
  });

  it('rejects bad arguments', () => {
    const { embeddings, labels } = clusteredEmbeddings(1, 20, 2, 4, 1);
    expect(() => nodeClassificationF1(embeddings, 4, labels, { trainRatio: 1, seed: 1 })).toThrow(InvalidArgumentError);
    expect(() => nodeClassificationF1(embeddings, 3, labels, { trainRatio: 0.5, seed: 1 })).toThrow(
      InvalidArgumentError,
    );
    expect(() =>
      nodeClassificationF1(
        embeddings,
        4,
        labels.map(() => -2),
        { trainRatio: 0.5, seed: 1 },
      ),
    ).toThrow(InvalidArgumentError);
    expect(() =>
      nodeClassificationF1(
        embeddings,
        4,
        labels.map(() => -1),
        { trainRatio: 0.5, seed: 1 },
      ),
    ).toThrow(InvalidArgumentError);
  });
});
