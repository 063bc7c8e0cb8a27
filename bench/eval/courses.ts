/**
 * `npm run eval -- courses [--file ratings.csv | --ncf-split PREFIX] [--seed N] [--world-members N] [--skip-world]`:
 * GMF, MLP, NeuMF, seed-NCF, MF and the baselines on MovieLens ml-latest-small (leave the latest out,
 * 99 sampled negatives, ties pessimistic; and full ranking), or on a split in He et al.'s format; then
 * GLMix, NCF and the blend in the simulated world against its ground truth. Trains on wasm.
 */
import { readFileSync } from 'node:fs';
import { initBackend } from '../../src/backend';
import { loadInteractions } from '../../src/data';
import { fileSource } from '../../src/data/node';
import { evaluateKind, TUNED, type ModelFigures } from '../../src/courses/movielens-eval';
import { parseNcfSplit } from '../../src/courses/ncf-split';
import { leaveLatestOut, type RankingProtocol } from '../../src/courses/protocol';
import { worldFigures } from '../../src/courses/world-eval';
import { generateWorld } from '../../src/world';
import { flag, printTable } from '../table';

const OURS = ['gmf', 'mlp', 'neumf', 'ncf'] as const;

export async function run(args: string[]): Promise<unknown> {
  const backend = (await initBackend((flag(args, '--backend') as 'wasm') ?? 'wasm')).backend;
  const p = await protocol(args);
  console.log(`${p.name}: ${p.train.userIds.size} users × ${p.train.itemIds.size} items, ${p.train.length} training rows, ${p.users.length} test rows × ${p.nNeg} negatives; backend ${backend}`);
  const rows: ModelFigures[] = [];
  for (const kind of ['popular', 'itemknn', 'mf', ...OURS]) {
    const r = await evaluateKind(kind, TUNED[kind], p, { full: true, onEpoch: (k, e, l) => process.stderr.write(`  ${k} epoch ${e} loss ${l.toFixed(4)}\n`) });
    rows.push(r);
    console.log(`${kind}: HR@10 ${r.sampled.hr10.toFixed(3)} NDCG@10 ${r.sampled.ndcg10.toFixed(3)} (${r.seconds.toFixed(0)} s)`);
  }
  const f = (x: number) => x.toFixed(3);
  printTable(
    ['model', 'config', 'HR@10', 'NDCG@10', 'MRR', 'full HR@10', 'full NDCG@10', 'epochs', 'train s'],
    rows.map((r) => [r.kind, JSON.stringify(TUNED[r.kind]), f(r.sampled.hr10), f(r.sampled.ndcg10), f(r.sampled.mrr), f(r.full?.hr10 ?? NaN), f(r.full?.ndcg10 ?? NaN), r.epochs, r.seconds.toFixed(0)]),
  );
  const by = (k: string) => rows.find((r) => r.kind === k) as ModelFigures;
  const best = OURS.map(by).reduce((a, b) => (b.sampled.ndcg10 > a.sampled.ndcg10 ? b : a));
  const pick = (r: ModelFigures) => ({ hr10: round(r.sampled.hr10), ndcg10: round(r.sampled.ndcg10) });
  const out: Record<string, unknown> = {
    dataset: p.name,
    protocol: `loo-${p.nNeg}neg`,
    gmf: pick(by('gmf')), mlp: pick(by('mlp')), neumf: pick(by('neumf')), ncf: pick(by('ncf')),
    best: { model: best.kind, ...pick(best) },
    full: { best: { ndcg10: round(best.full?.ndcg10 ?? NaN) }, itemknn: { ndcg10: round(by('itemknn').full?.ndcg10 ?? NaN) } },
  };
  if (!args.includes('--skip-world')) out.world = await world(args);
  return out;
}

async function protocol(args: string[]): Promise<RankingProtocol> {
  const prefix = flag(args, '--ncf-split');
  if (prefix) {
    const read = (ext: string) => readFileSync(`${prefix}.${ext}`, 'utf8');
    return parseNcfSplit({ train: read('train.rating'), test: read('test.rating'), negative: read('test.negative') }, prefix.split('/').pop() ?? prefix);
  }
  const file = flag(args, '--file') ?? 'public/data/movielens-small/ratings.csv';
  const log = await loadInteractions(fileSource(file), { file });
  return leaveLatestOut(log, file.includes('movielens-small') ? 'movielens-small' : file, Number(flag(args, '--seed') ?? 42));
}

async function world(args: string[]) {
  const members = Number(flag(args, '--world-members') ?? 3000);
  const w = generateWorld({ seed: 1, members, watchesPerMember: 8 });
  console.log(`\nSimulated world: ${w.members.count} members, ${w.courses.count} courses, ${w.watches.count} watches (relevant from ${w.watches.relevantSeconds} s)`);
  const r = await worldFigures(w, { ncf: WORLD_NCF, members: 1000 });
  printTable(
    ['figure', 'value'],
    [
      ['GLMix AUC (global + per-member + per-course)', r.glmix_auc.toFixed(4)],
      ['global-only AUC', r.global_auc.toFixed(4)],
      ['NDCG@10 vs true affinity: blend', r.blend_ndcg10.toFixed(4)],
      ['NDCG@10 vs true affinity: seed-NCF', r.ncf_ndcg10.toFixed(4)],
      ['NDCG@10 vs true affinity: GLMix', r.glmix_ndcg10.toFixed(4)],
      ['blend weights (NCF, GLMix; standardised)', r.blend_weights.map((x) => x.toFixed(3)).join(', ')],
    ],
  );
  return {
    glmix_auc: round(r.glmix_auc), global_auc: round(r.global_auc),
    blend_ndcg10: round(r.blend_ndcg10), ncf_ndcg10: round(r.ncf_ndcg10), glmix_ndcg10: round(r.glmix_ndcg10),
  };
}

/** Seed-NCF in the world (100 courses): small batches, neighbours capped by the catalogue. */
const WORLD_NCF = { epochs: 10, batchSize: 512, learningRate: 0.01, neighbours: 20 };

const round = (x: number) => Math.round(x * 10000) / 10000;
