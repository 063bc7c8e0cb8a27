/**
 * The NCF bench worker (`npm run bench -- courses --chromium`) trains a registry NCF kind in a real
 * dedicated worker on the backend it was asked for, and its tensor accounting is reported.
 */
import { expect, it } from 'vitest';
import { workerNcfSpeed } from '../ncf/ncf-speed.ts';

it('trains one NeuMF mini-batch on wasm in the bench worker and reports the backend that ran', async () => {
  const r = await workerNcfSpeed({
    url: '/data/movielens-small/ratings.csv',
    backend: 'wasm',
    kind: 'neumf',
    epochs: 1,
    steps: 1,
  });
  expect(r.backend).toBe('wasm');
  expect(r.adapter).toBeNull();
  expect(r.steps).toBe(1);
  expect(r.users).toBeGreaterThan(0);
  expect(r.users).toBeLessThan(r.totalUsers);
  // One nearly full batch of at most 1,024 positives, each with 4 sampled negatives; the log holds ~98.
  expect(r.rows).toBeGreaterThan(900 * 5);
  expect(r.rows).toBeLessThanOrEqual(1024 * 5);
  expect(r.fullRows).toBeGreaterThan(50 * r.rows);
  expect(r.samplesPerSec).toHaveLength(1);
  expect(r.tensors.epochEnds).toHaveLength(1);
  expect(r.tensors.epochEnds[0]).toBeGreaterThan(r.tensors.before);
  expect(r.tensors.afterDispose).toBe(r.tensors.before);
});

it('trains seed-NCF on the fused CPU trainer in the bench worker, reporting that engine, leaking no tensors', async () => {
  const r = await workerNcfSpeed({
    url: '/data/movielens-small/ratings.csv',
    backend: 'wasm',
    kind: 'ncf',
    epochs: 2,
    steps: 1,
    trainer: 'fused-cpu',
  });
  expect(r.backend).toBe('wasm');
  expect(r.trainer).toBe('fused-cpu');
  expect(r.steps).toBe(1);
  expect(r.samplesPerSec).toHaveLength(2);
  expect(r.samplesPerSec.every((x) => x > 0)).toBe(true);
  // The fused engine trains on host arrays: no tensor is made during training, none is left after dispose.
  expect(new Set(r.tensors.epochEnds).size).toBe(1);
  expect(r.tensors.afterDispose).toBe(r.tensors.before);
});
