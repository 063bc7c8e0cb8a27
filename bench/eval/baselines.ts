/**
 * `npm run eval -- baselines [--seed N] [--k K] [--file path]`: most-popular and item-kNN on
 * MovieLens ml-latest-small by the NCF leave-one-out protocol (99 sampled negatives, pessimistic
 * ties) and by full ranking.
 */
import { runBaselines } from '../../src/eval/baselines/index.ts';
import { fileSource } from '../../src/data/node.ts';
import { flag, printTable } from '../table.ts';

export async function run(args: string[]): Promise<unknown> {
  const file = flag(args, '--file') ?? 'public/data/movielens-small/ratings.csv';
  const seed = Number(flag(args, '--seed') ?? 42);
  const knnK = Number(flag(args, '--k') ?? 200);
  const r = await runBaselines(fileSource(file), { file, seed, knnK });
  console.log(
    `MovieLens ${r.users} users × ${r.items} items, ${r.interactions} ratings; seed ${seed}; ${r.seconds.toFixed(1)} s`,
  );
  const f = (x: number) => x.toFixed(3);
  printTable(
    ['model', 'HR@10 (99 neg)', 'NDCG@10 (99 neg)', 'MRR (99 neg)', 'HR@10 (full)', 'NDCG@10 (full)', 'MRR (full)'],
    (['popular', 'itemknn'] as const).map((m) => [
      m === 'popular' ? 'most-popular' : `item-kNN (cosine, k=${knnK})`,
      f(r[m].hr10),
      f(r[m].ndcg10),
      f(r[m].mrr),
      f(r.full[m].hr10),
      f(r.full[m].ndcg10),
      f(r.full[m].mrr),
    ]),
  );
  const pick = (x: { hr10: number; ndcg10: number }) => ({ hr10: round(x.hr10), ndcg10: round(x.ndcg10) });
  return {
    dataset: 'movielens-small',
    protocol: 'loo-99neg',
    popular: pick(r.popular),
    itemknn: pick(r.itemknn),
    full: { popular: { ndcg10: round(r.full.popular.ndcg10) }, itemknn: { ndcg10: round(r.full.itemknn.ndcg10) } },
  };
}

const round = (x: number) => Math.round(x * 10000) / 10000;
