/**
 * `npm run bench -- probe [--budget MS]`: the training backend speed probe in Node — the MF-shaped
 * step (`PROBE_SHAPE`) timed on wasm and on cpu, and what `chooseTrainingBackend` decides here (Node has
 * only wasm besides cpu, so it times nothing). The probe in Chromium (SwiftShader WebGPU vs wasm) runs
 * in `src/backend/probe-speed.browser.test.ts`; the demo's default training, as a user meets it, in
 * `npx tsx bench/tools/demo-training-chromium.ts`.
 */
import { chooseTrainingBackend, measureTrainingStep, memoryChoiceCache, PROBE_SHAPE } from '../../src/backend/index.ts';

export async function run(args: string[]): Promise<unknown> {
  const i = args.indexOf('--budget');
  const budgetMs = i >= 0 ? Number(args[i + 1]) : 250;
  const rows: { backend: string; steps_per_sec: number | null; ms: number }[] = [];
  for (const backend of ['wasm', 'cpu'] as const) {
    const started = performance.now();
    const speed = await measureTrainingStep(backend, { budgetMs });
    rows.push({ backend, steps_per_sec: speed.stepsPerSec, ms: Math.round(performance.now() - started) });
  }
  const choice = await chooseTrainingBackend({ cache: memoryChoiceCache() });
  console.log(`probe step ${JSON.stringify(PROBE_SHAPE)}, budget ${budgetMs} ms`);
  for (const r of rows)
    console.log(
      `${r.backend.padEnd(5)} ${String(r.steps_per_sec?.toFixed(1)).padStart(8)} steps/s  (${r.ms} ms incl. start)`,
    );
  console.log(`choice: ${choice.backend} — ${choice.reason}`);
  return { shape: PROBE_SHAPE, budget_ms: budgetMs, rows, choice: { backend: choice.backend, reason: choice.reason } };
}
