/**
 * `tsx bench/ncf/fused-quality.ts KIND TRAINER [JSON config overrides] [--val]`: sampled HR@10 / NDCG@10 of
 * `KIND` with its tuned config on MovieLens ml-latest-small's leave-latest-out split, trained by one
 * engine on wasm, and the training seconds. `--val` measures on a validation split carved from the
 * training log (leave-latest-out applied again) instead of the test rows: for choosing hyper-parameters.
 */
import { initBackend } from '../../src/backend/index.ts';
import { loadInteractions } from '../../src/data/index.ts';
import { fileSource } from '../../src/data/node.ts';
import { evaluateKind, TUNED } from '../../src/systems/courses/movielens-eval.ts';
import { leaveLatestOut } from '../../src/systems/courses/protocol.ts';

const [kind = 'ncf', trainer = 'fused-cpu', overrides = '{}'] = process.argv.slice(2).filter((a) => a !== '--val');
await initBackend('wasm');
const file = 'public/data/movielens-small/ratings.csv';
const test = leaveLatestOut(await loadInteractions(fileSource(file), { file }), 'movielens-small');
const p = process.argv.includes('--val') ? leaveLatestOut(test.train, 'movielens-small-val') : test;
const config = { ...TUNED[kind], trainer, ...JSON.parse(overrides) };
const cpu0 = process.cpuUsage();
const f = await evaluateKind(kind, config, p, {
  onEpoch: (_k, epoch, loss) => console.log(`epoch ${epoch}: loss ${loss.toFixed(4)}`),
});
console.log(
  JSON.stringify({
    kind,
    trainer,
    split: process.argv.includes('--val') ? 'validation' : 'test',
    config,
    hr10: f.sampled.hr10,
    ndcg10: f.sampled.ndcg10,
    seconds: f.seconds,
    cpuSeconds: (process.cpuUsage(cpu0).user + process.cpuUsage(cpu0).system) / 1e6,
    epochs: f.epochs,
    load: (await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').trim(),
  }),
);
