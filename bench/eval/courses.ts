/**
 * `npm run eval -- courses [--file ratings.csv | --ncf-split PREFIX] [--models a,b] [--pretrain] [--seed N] [--world-members N] [--skip-world]`:
 * GMF, MLP, NeuMF, seed-NCF, MF and the baselines on MovieLens ml-latest-small (leave the latest out,
 * 99 sampled negatives, ties pessimistic; and full ranking), or on a split in He et al.'s format
 * (streamed from disk); then GLMix, NCF and the blend in the simulated world against its ground truth.
 * Trains on wasm. `--models` runs only the listed models (of popular, itemknn, mf, gmf, mlp, neumf,
 * ncf); the last line then holds only their keys: `best` is the best of GMF/MLP/NeuMF/NCF that ran
 * (absent when none did), `full.itemknn` is there only when itemknn ran. On a `--ncf-split`, GMF, MLP
 * and NeuMF use `TUNED_NCF_SPLIT` (chosen on a validation split carved from the training file); the
 * table's `val epoch` is the epoch early stopping kept. `--pretrain` trains NeuMF from a pre-trained GMF
 * and MLP (He et al. §3.4.1; `PRETRAIN_NCF_SPLIT`).
 */
import { initBackend } from '../../src/backend/index.ts';
import { loadInteractions } from '../../src/data/index.ts';
import { fileSource } from '../../src/data/node.ts';
import {
  evaluateKind,
  PRETRAIN_NCF_SPLIT,
  TUNED,
  TUNED_NCF_SPLIT,
  type ModelFigures,
} from '../../src/systems/courses/movielens-eval.ts';
import { loadNcfSplitFiles } from '../../src/systems/courses/ncf-split-files.ts';
import { leaveLatestOut, type RankingProtocol } from '../../src/systems/courses/protocol.ts';
import { worldFigures } from '../../src/systems/courses/world-eval.ts';
import { InvalidArgumentError } from '../../src/errors.ts';
import { generateWorld } from '../../src/world/index.ts';
import { flag, printTable } from '../table.ts';

const OURS = ['gmf', 'mlp', 'neumf', 'ncf'] as const;
/** Every model the suite can run, in the order it runs them. */
export const COURSE_MODELS: readonly string[] = Object.keys(TUNED);

/** The models named by `--models a,b` (all by default), in run order; an unknown name throws. */
export function selectedModels(args: string[]): string[] {
  if (!args.includes('--models')) return [...COURSE_MODELS];
  const list = flag(args, '--models') ?? '';
  const names = list
    .split(',')
    .map((m) => m.trim())
    .filter((m) => m !== '');
  const unknown = names.filter((m) => !COURSE_MODELS.includes(m));
  if (names.length === 0 || unknown.length > 0) {
    throw new InvalidArgumentError(
      `--models ${JSON.stringify(list)}: ${unknown.length ? `unknown ${unknown.join(', ')}` : 'no model named'}; valid: ${COURSE_MODELS.join(', ')}`,
    );
  }
  return COURSE_MODELS.filter((m) => names.includes(m));
}

export async function run(args: string[]): Promise<unknown> {
  const models = selectedModels(args);
  const backend = (await initBackend((flag(args, '--backend') as 'wasm') ?? 'wasm')).backend;
  const loadStart = performance.now();
  const p = await protocol(args);
  const loadSeconds = (performance.now() - loadStart) / 1000;
  console.log(
    `${p.name}: ${p.train.userIds.size} users × ${p.train.itemIds.size} items, ${p.train.length} training rows, ${p.users.length} test rows × ${p.nNeg} negatives (loaded in ${loadSeconds.toFixed(1)} s); backend ${backend}`,
  );
  const rows: ModelFigures[] = [];
  const configs = configsFor(args);
  // On ml-latest-small both protocols train on the same rows (every rating but each user's latest),
  // so the plan validation picked on the split serves ours too.
  const pretrain = args.includes('--pretrain') ? PRETRAIN_NCF_SPLIT : undefined;
  for (const kind of models) {
    const r = await evaluateKind(kind, configs[kind], p, {
      full: true,
      pretrain,
      onEpoch: (k, e, l, v) =>
        process.stderr.write(
          `  ${k} epoch ${e} loss ${l.toFixed(4)}${v === undefined ? '' : ` val_hr10 ${v.toFixed(4)}`}\n`,
        ),
    });
    rows.push(r);
    console.log(
      `${kind}: HR@10 ${r.sampled.hr10.toFixed(3)} NDCG@10 ${r.sampled.ndcg10.toFixed(3)} (${r.seconds.toFixed(0)} s)`,
    );
  }
  const f = (x: number) => x.toFixed(3);
  printTable(
    ['model', 'config', 'HR@10', 'NDCG@10', 'MRR', 'full HR@10', 'full NDCG@10', 'epochs', 'val epoch', 'train s'],
    rows.map((r) => [
      r.kind === 'neumf' && pretrain ? 'neumf (pretrained)' : r.kind,
      JSON.stringify(r.kind === 'neumf' && pretrain ? pretrain : configs[r.kind]),
      f(r.sampled.hr10),
      f(r.sampled.ndcg10),
      f(r.sampled.mrr),
      f(r.full?.hr10 ?? NaN),
      f(r.full?.ndcg10 ?? NaN),
      r.epochs,
      r.bestEpoch ?? '-',
      r.seconds.toFixed(0),
    ]),
  );
  const out = summary(p, rows);
  if (!args.includes('--skip-world')) out.world = await world(args);
  return out;
}

/** The last line: `{dataset, protocol, gmf, mlp, neumf, ncf, best, full}`, keys of models not run left out. */
export function summary(p: Pick<RankingProtocol, 'name' | 'nNeg'>, rows: ModelFigures[]): Record<string, unknown> {
  const pick = (r: ModelFigures) => ({ hr10: round(r.sampled.hr10), ndcg10: round(r.sampled.ndcg10) });
  const ours = rows.filter((r) => (OURS as readonly string[]).includes(r.kind));
  const out: Record<string, unknown> = { dataset: p.name, protocol: `loo-${p.nNeg}neg` };
  for (const r of ours) out[r.kind] = pick(r);
  const best = ours.length > 0 ? ours.reduce((a, b) => (b.sampled.ndcg10 > a.sampled.ndcg10 ? b : a)) : undefined;
  const itemknn = rows.find((r) => r.kind === 'itemknn');
  const full: Record<string, unknown> = {};
  if (best) {
    out.best = { model: best.kind, ...pick(best) };
    full.best = { ndcg10: round(best.full?.ndcg10 ?? NaN) };
  }
  if (itemknn) full.itemknn = { ndcg10: round(itemknn.full?.ndcg10 ?? NaN) };
  if (best || itemknn) out.full = full;
  return out;
}

/** Each model's config: TUNED, with GMF / MLP / NeuMF from `TUNED_NCF_SPLIT` on a `--ncf-split`. */
export function configsFor(args: string[]): Record<string, object> {
  return flag(args, '--ncf-split') ? { ...TUNED, ...TUNED_NCF_SPLIT } : { ...TUNED };
}

async function protocol(args: string[]): Promise<RankingProtocol> {
  const prefix = flag(args, '--ncf-split');
  if (prefix) return loadNcfSplitFiles(prefix);
  const file = flag(args, '--file') ?? 'public/data/movielens-small/ratings.csv';
  const log = await loadInteractions(fileSource(file), { file });
  return leaveLatestOut(
    log,
    file.includes('movielens-small') ? 'movielens-small' : file,
    Number(flag(args, '--seed') ?? 42),
  );
}

async function world(args: string[]) {
  const members = Number(flag(args, '--world-members') ?? 3000);
  const w = generateWorld({ seed: 1, members, watchesPerMember: 8 });
  console.log(
    `\nSimulated world: ${w.members.count} members, ${w.courses.count} courses, ${w.watches.count} watches (relevant from ${w.watches.relevantSeconds} s)`,
  );
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
    glmix_auc: round(r.glmix_auc),
    global_auc: round(r.global_auc),
    blend_ndcg10: round(r.blend_ndcg10),
    ncf_ndcg10: round(r.ncf_ndcg10),
    glmix_ndcg10: round(r.glmix_ndcg10),
  };
}

/** Seed-NCF in the world (100 courses): small batches, neighbours capped by the catalogue. */
const WORLD_NCF = { epochs: 10, batchSize: 512, learningRate: 0.01, neighbours: 20 };

const round = (x: number) => Math.round(x * 10000) / 10000;
