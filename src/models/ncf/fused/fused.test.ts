import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../backend/index.ts';
import type { InteractionLog } from '../../../data/index.ts';
import { checkerboardFixture } from '../../../testing/recommender-fixtures.ts';
import { resolveNcfConfig, type NcfArch, type NcfConfig } from '../config.ts';
import { freshRunInputs } from '../host-inputs.ts';
import { initArrays, type ParamArrays } from '../params.ts';
import type { NcfStepper } from '../stepper.ts';
import { createTfjsStepper } from '../tfjs-stepper.ts';
import { createFusedCpuStepper } from './index.ts';

beforeAll(async () => {
  await initBackend('wasm');
}, 60_000);

/** A checkerboard whose watches are a day apart in item order (windows and time context have something to read). */
function timedBoard(): InteractionLog {
  const { log } = checkerboardFixture(24, 40);
  const times = Float64Array.from(log.items, (i, k) => (log.users[k] * 3 + i) * 86_400);
  return { ...log, times };
}

/** Both engines from the same initial weights, and a function feeding them batch t of the same plan. */
function pair(arch: NcfArch, config: NcfConfig) {
  const log = timedBoard();
  const s = resolveNcfConfig(arch, { batchSize: 32, negatives: 2, learningRate: 0.02, seed: 5, ...config });
  const run = freshRunInputs(s, log);
  const weights = initArrays(s, run.nUsers, run.nItems);
  const init = { settings: s, nUsers: run.nUsers, nItems: run.nItems, weights };
  const engines = [createTfjsStepper(init), createFusedCpuStepper(init)];
  const feed = (engine: NcfStepper, t: number) => {
    const { batches } = run;
    const epoch = Math.floor(t / batches.stepsPerEpoch);
    const b = batches.batch(epoch, t % batches.stepsPerEpoch);
    engine.step(run.stepInput(b, epoch));
    return b.users.length;
  };
  return { engines, feed, weights };
}

function maxDiff(a: ParamArrays, b: ParamArrays): number {
  let d = 0;
  for (const n of Object.keys(a)) for (let k = 0; k < a[n].length; k++) d = Math.max(d, Math.abs(a[n][k] - b[n][k]));
  return d;
}

const CASES: [string, NcfArch, NcfConfig][] = [
  ['gmf', 'gmf', { dim: 8 }],
  ['mlp', 'mlp', { layers: [16, 8, 4] }],
  ['mlp, widths off the 4 × 4 tiles', 'mlp', { layers: [10, 6, 2], batchSize: 13 }],
  ['mlp without hidden layers', 'mlp', { layers: [8] }],
  ['neumf', 'neumf', { dim: 8, layers: [16, 8], l2: 1e-3 }],
  [
    'seed, causal windows and a time context',
    'seed',
    { dim: 8, window: 4, neighbours: 6, causal: true, timeWindowDays: 5, lrDecay: 0.9 },
  ],
  ['seed, non-causal', 'seed', { dim: 8, neighbours: 6, l2: 1e-3 }],
];

describe('fused CPU trainer against the tfjs reference', () => {
  it.each(CASES)('%s: the same loss curve and weights over 100 steps', async (_name, arch, config) => {
    const { engines, feed } = pair(arch, config);
    const [ref, fused] = engines;
    let rows = 0;
    for (let t = 0; t < 100; t++) {
      const n = feed(ref, t);
      feed(fused, t);
      rows += n;
      if (t % 25 === 24) {
        // The mean loss so far, and over the last steps: the running sums agree at every readback.
        expect(Math.abs((await fused.lossSum()) - (await ref.lossSum())) / rows).toBeLessThan(1e-4);
      }
    }
    const [a, b] = [await ref.weights(), await fused.weights()];
    expect(maxDiff(a, b)).toBeLessThan(2e-3);
    const [ma, mb] = [await ref.adamState(), await fused.adamState()];
    expect(mb.step).toBe(100);
    expect(ma.step).toBe(100);
    // Training moved the weights (a loss that matched by standing still would prove nothing).
    expect(maxDiff(a, initArrays(resolveNcfConfig(arch, { seed: 5, ...config }), 24, 40))).toBeGreaterThan(0.05);
    for (const e of engines) e.dispose();
  });

  it('restarts from its own weights and Adam state bit for bit', async () => {
    const { engines, feed, weights: _w } = pair('neumf', { dim: 8, layers: [16, 8] });
    engines[0].dispose();
    const whole = engines[1];
    const { engines: again, feed: feed2 } = pair('neumf', { dim: 8, layers: [16, 8] });
    again[0].dispose();
    const first = again[1];
    for (let t = 0; t < 30; t++) feed(whole, t);
    for (let t = 0; t < 12; t++) feed2(first, t);
    const s = resolveNcfConfig('neumf', { dim: 8, layers: [16, 8], batchSize: 32, negatives: 2, seed: 5 });
    const resumed = createFusedCpuStepper({
      settings: { ...s, learningRate: 0.02 },
      nUsers: 24,
      nItems: 40,
      weights: await first.weights(),
      adam: await first.adamState(),
    });
    for (let t = 12; t < 30; t++) feed2(resumed, t);
    const [a, b] = [await whole.weights(), await resumed.weights()];
    for (const n of Object.keys(a)) expect(b[n]).toEqual(a[n]);
  });
});
