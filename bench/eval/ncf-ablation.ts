/**
 * `npm run eval -- ncf-ablation [--seed N]`: what each of seed-NCF's two serving-shaped choices adds on
 * MovieLens ml-latest-small (the `courses` protocol: latest held out, 99 sampled negatives, ties
 * pessimistic): the tuned config without both, with the time context only, with causal windows only,
 * and with both (the tuned model). Trains on wasm; about 20 minutes on 2 cores.
 */
import { initBackend } from '../../src/backend/index.ts';
import { loadInteractions } from '../../src/data/index.ts';
import { fileSource } from '../../src/data/node.ts';
import { evaluateKind, TUNED } from '../../src/systems/courses/movielens-eval.ts';
import { leaveLatestOut } from '../../src/systems/courses/protocol.ts';
import { flag, printTable } from '../table.ts';

const VARIANTS: Readonly<Record<string, object>> = {
  latest_window: { causal: false, timeWindowDays: 0 },
  time_context: { causal: false, timeWindowDays: 365 },
  causal: { causal: true, timeWindowDays: 0 },
  both: { causal: true, timeWindowDays: 365 },
};

export async function run(args: string[]): Promise<unknown> {
  await initBackend('wasm');
  const file = 'public/data/movielens-small/ratings.csv';
  const p = leaveLatestOut(
    await loadInteractions(fileSource(file), { file }),
    'movielens-small',
    Number(flag(args, '--seed') ?? 42),
  );
  const out: Record<string, { hr10: number; ndcg10: number }> = {};
  for (const [name, change] of Object.entries(VARIANTS)) {
    const r = await evaluateKind('ncf', { ...TUNED.ncf, ...change }, p);
    out[name] = { hr10: round(r.sampled.hr10), ndcg10: round(r.sampled.ndcg10) };
    console.log(
      `${name}: HR@10 ${r.sampled.hr10.toFixed(3)} NDCG@10 ${r.sampled.ndcg10.toFixed(3)} (${r.seconds.toFixed(0)} s)`,
    );
  }
  printTable(
    ['seed-NCF variant', 'change to the tuned config', 'HR@10', 'NDCG@10'],
    Object.entries(out).map(([n, r]) => [n, JSON.stringify(VARIANTS[n]), r.hr10.toFixed(3), r.ndcg10.toFixed(3)]),
  );
  return { dataset: 'movielens-small', protocol: 'loo-99neg', ncf: out };
}

const round = (x: number) => Math.round(x * 10000) / 10000;
