/**
 * `npm run eval -- feed [--members N] [--sessions N] [--seed N]`: the feed pipeline on the simulated
 * world. The SPR trains on 70% of the uniformly random log's sessions; AUC, log-loss and O/E (overall
 * and per inventory) are measured on the held-out impressions, and three policies are replayed over
 * the held-out log next to their exact true CTR from the simulator.
 */
import { evaluateFeed } from '../../src/systems/feed/index.ts';
import { generateWorld } from '../../src/world/index.ts';
import { oraclePolicy, simulatePolicyCtr } from '../../src/world/policy.ts';
import { flag, printTable } from '../table.ts';

const r4 = (x: number): number => Math.round(x * 10000) / 10000;

export async function run(args: string[]): Promise<unknown> {
  const members = Number(flag(args, '--members') ?? 50_000);
  const sessions = Number(flag(args, '--sessions') ?? 200_000);
  const seed = Number(flag(args, '--seed') ?? 1);
  const t0 = performance.now();
  const w = generateWorld({ members, seed, feedSessions: sessions });
  const r = await evaluateFeed(w, { seed });
  const { trainImpressions, testImpressions, testSessions } = r.sizes;
  console.log(
    `world: ${members} members, ${w.feed.activities.count} activities, ${sessions} logged sessions (seed ${seed})`,
  );
  console.log(
    `SPR trained on ${trainImpressions} impressions in ${r.trainSeconds.toFixed(2)} s; held out ${testImpressions} impressions / ${testSessions} sessions`,
  );
  printTable(
    ['SPR (held out)', 'AUC', 'log-loss', 'O/E', ...Object.keys(r.spr.oe_by_inventory).map((k) => `O/E ${k}`)],
    [
      [
        'hashed LR',
        r.spr.auc.toFixed(4),
        r.spr.logloss.toFixed(4),
        r.spr.oe.toFixed(3),
        ...Object.values(r.spr.oe_by_inventory).map((x) => x.toFixed(3)),
      ],
    ],
  );
  console.log('');
  const rows = Object.entries(r.replay).map(([name, v]) => [
    name,
    v.estimate.toFixed(4),
    `[${v.ci[0].toFixed(4)}, ${v.ci[1].toFixed(4)}]`,
    v.truth.toFixed(4),
    String(v.kept),
    v.truth >= v.ci[0] && v.truth <= v.ci[1] ? 'yes' : 'NO',
  ]);
  const oracle = simulatePolicyCtr(r.view, oraclePolicy(r.view));
  rows.push(
    ['uniform (logging)', '', '', r.uniformTruth.toFixed(4), '', ''],
    ['oracle (truth)', '', '', oracle.toFixed(4), '', ''],
  );
  printTable(['policy', 'replay CTR', '95% CI', 'true CTR', 'kept', 'truth in CI'], rows);
  console.log(`\n${((performance.now() - t0) / 1000).toFixed(1)} s in all`);
  const rv = (v: (typeof r.replay)['chronological']) => ({
    estimate: r4(v.estimate),
    ci: [r4(v.ci[0]), r4(v.ci[1])],
    truth: r4(v.truth),
  });
  return {
    spr: {
      auc: r4(r.spr.auc),
      logloss: r4(r.spr.logloss),
      oe: r4(r.spr.oe),
      oe_by_inventory: Object.fromEntries(Object.entries(r.spr.oe_by_inventory).map(([k, x]) => [k, r4(x)])),
    },
    replay: {
      chronological: rv(r.replay.chronological),
      fpr_only: rv(r.replay.fpr_only),
      spr_rerank: rv(r.replay.spr_rerank),
    },
  };
}
