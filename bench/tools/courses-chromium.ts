/**
 * NCF training speed in real headless Chromium (for `npm run bench -- courses --chromium`): each
 * (backend, engine, model) triple trains in a fresh dedicated module worker (`bench/workers/ncf-bench.worker.ts`)
 * served by the project's Vite dev server. A backend given `steps` trains only on the first users whose
 * positives fill that many mini-batches, and its full-epoch time is extrapolated from the samples/s of
 * the epochs after the first; without `steps` it trains whole epochs.
 */
import { launchChromium, startDevServer } from '../../src/testing/e2e.ts';
import type { NcfSpeed, NcfSpeedRequest } from '../ncf/ncf-speed.ts';

/** One Chromium row of the courses bench. */
export interface ChromiumRow extends NcfSpeed {
  kind: 'neumf' | 'ncf';
  /**
   * Whole log: mean samples/s over all epochs (as the Node rows). Subset: mean over the epochs after
   * the first, which also compiles shaders and warms up.
   */
  meanSamplesPerSec: number;
  /** Whole log: measured mean epoch time. Subset: `fullRows / meanSamplesPerSec`, extrapolated. */
  epochSeconds: number;
  extrapolated: boolean;
  /** Every epoch end shows the same count, and dispose returns to the count before fit. */
  tensorsFlat: boolean;
}

/** What each backend trains on: `steps` mini-batches per epoch, or (absent) the whole log. */
export interface ChromiumPlan {
  backends: { backend: 'webgpu' | 'wasm'; steps?: number; trainer?: 'tfjs' | 'fused-cpu' }[];
  epochs: number;
  /** Models to train (default both). */
  kinds?: ('neumf' | 'ncf')[];
  /** Measure each whole-log run's sampled HR@10 on the test rows too (`NcfSpeed.quality`). */
  evaluate?: boolean;
}

/** Runs every (backend, model) pair of `plan` and returns the rows in that order. */
export async function ncfSpeedInChromium(plan: ChromiumPlan): Promise<ChromiumRow[]> {
  const [dev, browser] = await Promise.all([startDevServer('.'), launchChromium()]);
  const rows: ChromiumRow[] = [];
  try {
    const page = await browser.newPage();
    await page.goto(`${dev.origin}/public/data/README.md`);
    for (const { backend, steps, trainer = 'tfjs' } of plan.backends) {
      for (const kind of plan.kinds ?? (['neumf', 'ncf'] as const)) {
        const request: NcfSpeedRequest = {
          url: '/data/movielens-small/ratings.csv',
          backend,
          kind,
          steps,
          epochs: plan.epochs,
          trainer,
          evaluate: plan.evaluate,
        };
        const speed = await page.evaluate(async (req) => {
          const mod = await import('/bench/ncf/ncf-speed.ts' as string);
          return (await mod.workerNcfSpeed(req)) as NcfSpeed;
        }, request);
        if (speed.backend !== backend) throw new Error(`chromium ${backend} row ran on ${speed.backend}`);
        if (speed.trainer !== trainer) throw new Error(`chromium ${trainer} row trained on ${speed.trainer}`);
        rows.push(withDerived(kind, speed));
        console.log(
          `chromium ${backend} ${trainer} ${kind}: ${speed.users} users, ${speed.steps} steps/epoch, samples/s per epoch ${speed.samplesPerSec.map(Math.round).join(' ')}`,
        );
      }
    }
  } finally {
    await browser.close();
    await dev.close();
  }
  return rows;
}

function withDerived(kind: 'neumf' | 'ncf', s: NcfSpeed): ChromiumRow {
  const extrapolated = s.users < s.totalUsers;
  const used = extrapolated && s.samplesPerSec.length > 1 ? s.samplesPerSec.slice(1) : s.samplesPerSec;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const epochSeconds = extrapolated ? s.fullRows / mean(used) : mean(used.map((x) => s.rows / x));
  const t = s.tensors;
  const tensorsFlat = new Set(t.epochEnds).size === 1 && t.afterDispose === t.before;
  return { ...s, kind, meanSamplesPerSec: mean(used), epochSeconds, extrapolated, tensorsFlat };
}
