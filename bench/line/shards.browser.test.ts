import { describe, expect, it } from 'vitest';
import { shardFigures } from './shards-page.ts';

// The multi-worker LINE figures of `npm run bench -- talent`, checked in Chromium at a reduced scale
// (seed 1): 2 shard workers keep the single thread's quality; the speed is printed, not asserted
// (this machine's 2 cores are shared).
describe('LINE on shard workers: speed and quality against one thread', () => {
  it('keeps netscience AUC and polbooks/football Micro-F1 within noise of one thread', async () => {
    const one = await shardFigures(1, 1, 500_000);
    const two = await shardFigures(2, 1, 500_000);
    console.log(JSON.stringify({ one, two }));
    expect(two.kernel).toBe('wasm');
    expect(two.netscience_lp_auc_first).toBeGreaterThanOrEqual(one.netscience_lp_auc_first - 0.01);
    expect(two.polbooks_micro_f1_50).toBeGreaterThanOrEqual(one.polbooks_micro_f1_50 - 0.03);
    expect(two.football_micro_f1_50).toBeGreaterThanOrEqual(one.football_micro_f1_50 - 0.03);
  });
});
