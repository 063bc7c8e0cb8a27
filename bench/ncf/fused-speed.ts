/**
 * `tsx bench/ncf/fused-speed.ts [neumf|ncf] [tfjs|fused-cpu] [epochs]`: one engine's NCF training speed on
 * MovieLens ml-latest-small's leave-latest-out training log with the tuned config, on wasm, split into
 * the host's share (batches, seed inputs, time context) and the engine's steps; wall and CPU seconds.
 */
import { initBackend } from '../../src/backend/index.ts';
import { loadInteractions } from '../../src/data/index.ts';
import { fileSource } from '../../src/data/node.ts';
import { resolveNcfConfig, type NcfArch } from '../../src/models/ncf/config.ts';
import { createFusedCpuStepper } from '../../src/models/ncf/fused/index.ts';
import { freshRunInputs } from '../../src/models/ncf/host-inputs.ts';
import { initArrays } from '../../src/models/ncf/params.ts';
import { createTfjsStepper } from '../../src/models/ncf/tfjs-stepper.ts';
import { TUNED } from '../../src/systems/courses/movielens-eval.ts';
import { leaveLatestOut } from '../../src/systems/courses/protocol.ts';

const [kind = 'ncf', trainer = 'fused-cpu', epochsArg = '1'] = process.argv.slice(2);
await initBackend('wasm');
const file = 'public/data/movielens-small/ratings.csv';
const train = leaveLatestOut(await loadInteractions(fileSource(file), { file }), 'movielens-small').train;
const arch: NcfArch = kind === 'ncf' ? 'seed' : (kind as NcfArch);
const s = resolveNcfConfig(arch, TUNED[kind] as object);
const run = freshRunInputs(s, train);
const { batches, nUsers, nItems } = run;
const init = { settings: s, nUsers, nItems, weights: initArrays(s, nUsers, nItems) };
const engine = trainer === 'tfjs' ? createTfjsStepper(init) : createFusedCpuStepper(init);
let hostMs = 0;
let stepMs = 0;
let samples = 0;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (let epoch = 0; epoch < Number(epochsArg); epoch++) {
  for (let step = 0; step < batches.stepsPerEpoch; step++) {
    const a = performance.now();
    const b = batches.batch(epoch, step);
    const input = run.stepInput(b, epoch);
    const m = performance.now();
    engine.step(input);
    if (trainer === 'tfjs' && step % 8 === 7) await engine.lossSum();
    stepMs += performance.now() - m;
    hostMs += m - a;
    samples += b.users.length;
  }
  const loss = (await engine.lossSum()) / samples;
  console.log(`epoch ${epoch + 1}: mean loss so far ${loss.toFixed(4)}`);
}
const wall = (performance.now() - t0) / 1000;
const c = process.cpuUsage(cpu0);
const cpuS = (c.user + c.system) / 1e6;
console.log(
  `${kind} ${trainer}: ${Math.round(samples / wall)} samples/s (${samples} samples, ${wall.toFixed(1)} s wall, ${cpuS.toFixed(1)} CPU-s, ${Math.round(samples / cpuS)} per CPU-s); host ${(hostMs / 1000).toFixed(1)} s, steps ${(stepMs / 1000).toFixed(1)} s; load ${(await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').trim()}`,
);
engine.dispose();
