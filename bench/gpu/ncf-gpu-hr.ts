/**
 * HR@10 of the fused-webgpu NCF engine after full training against the fused CPU engine, on identical
 * batches and initial weights, on a slice of MovieLens ml-latest-small (its first `users` users,
 * leave-latest-out, 99 sampled negatives per held-out positive), in Node + Dawn:
 *   LD_LIBRARY_PATH=/usr/lib/chromium VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json \
 *     npx tsx bench/gpu/ncf-gpu-hr.ts [users=300] [archs=gmf,neumf] [epochs=6]
 * Prints one JSON line per architecture: HR@10 of each engine, their difference, training seconds.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { create, globals } = require('webgpu') as { create: (f: string[]) => GPU; globals: Record<string, unknown> };
Object.assign(globalThis, globals);
Object.defineProperty(globalThis, 'navigator', { value: { gpu: create([]) }, configurable: true });

const tf = await import('@tensorflow/tfjs-core');
const { initBackend } = await import('../../src/backend/index.ts');
const { selectRows, userItemRows } = await import('../../src/data/index.ts');
const { loadInteractionsFile } = await import('../../src/data/node.ts');
const { leaveLatestOut } = await import('../../src/systems/courses/protocol.ts');
const { TUNED } = await import('../../src/systems/courses/movielens-eval.ts');
const { MfBatches } = await import('../../src/models/mf/batches.ts');
const { resolveNcfConfig } = await import('../../src/models/ncf/config.ts');
const { initArrays, NcfParams } = await import('../../src/models/ncf/params.ts');
const { scoreIdUsers } = await import('../../src/models/ncf/forward.ts');
const { createFusedCpuStepper } = await import('../../src/models/ncf/fused/index.ts');
const { WebgpuNcfStepper } = await import('../../src/models/ncf/gpu/session.ts');

const [nSlice, archs, epochs] = [
  Number(process.argv[2] ?? 300),
  (process.argv[3] ?? 'gmf,neumf').split(','),
  Number(process.argv[4] ?? 6),
];
const adapter = await navigator.gpu.requestAdapter();
if (!adapter) {
  console.log(JSON.stringify({ adapter: false }));
  process.exit(0);
}
const device = await adapter.requestDevice();
await initBackend('cpu');
const full = await loadInteractionsFile('public/data/movielens-small/ratings.csv');
const slice = selectRows(
  full,
  Int32Array.from({ length: full.length }, (_, k) => k).filter((k) => full.users[k] < nSlice),
);
const p = leaveLatestOut(slice, 'slice');
const nUsers = p.train.userIds.size;
const nItems = p.train.itemIds.size;

for (const arch of archs) {
  const s = resolveNcfConfig(arch as 'gmf', { ...(TUNED[arch] as object), epochs });
  const batches = new MfBatches(userItemRows(p.train), s.batchSize, s.negatives, s.seed);
  const init = { settings: s, nUsers, nItems, weights: initArrays(s, nUsers, nItems) };
  const engines = { cpu: createFusedCpuStepper(init), gpu: new WebgpuNcfStepper(device, init) };
  const seconds: Record<string, number> = {};
  const hr: Record<string, number> = {};
  for (const [name, st] of Object.entries(engines)) {
    const t0 = performance.now();
    for (let e = 0; e < s.epochs; e++) {
      for (let k = 0; k < batches.stepsPerEpoch; k++) {
        const b = batches.batch(e, k);
        st.step({ users: b.users, items: b.items, labels: b.labels, learningRate: s.learningRate * s.lrDecay ** e });
      }
      await st.lossSum();
    }
    seconds[name] = +((performance.now() - t0) / 1000).toFixed(1);
    const params = NcfParams.fromArrays(s, nUsers, nItems, await st.weights());
    const scores = tf.tidy(() => scoreIdUsers(s, params.vars, p.users).dataSync() as Float32Array);
    params.dispose();
    let hits = 0;
    p.users.forEach((_, r) => {
      const row = scores.subarray(r * nItems, (r + 1) * nItems);
      const t = row[p.targets[r]];
      let above = 0;
      for (let j = 0; j < p.nNeg; j++) if (row[p.negatives[r * p.nNeg + j]] > t) above++;
      if (above < 10) hits++;
    });
    hr[name] = hits / p.users.length;
    st.dispose();
  }
  console.log(
    JSON.stringify({
      arch,
      users: p.users.length,
      items: nItems,
      epochs: s.epochs,
      steps_per_epoch: batches.stepsPerEpoch,
      hr10_fused_cpu: hr.cpu,
      hr10_fused_webgpu: hr.gpu,
      diff: +Math.abs(hr.cpu - hr.gpu).toFixed(4),
      train_s: seconds,
    }),
  );
}
process.exit(0);
