/**
 * Runs fuzz targets in `worker_threads` with a watchdog: the worker marks in shared memory which case
 * runs since when; a case past `hangMs` (default 5 s) is a hang — the thread is terminated (which
 * stops a synchronous loop too) and a fresh one goes on after that case. Node only.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PlanStep, WorkerJob, WorkerMessage } from './worker-entry.ts';
import { addCounts, emptyCounts, type FuzzCounts, type FuzzExample } from './types.ts';

/** Options of {@link runFuzz}. */
export interface FuzzOptions {
  targets: readonly string[];
  seed: number;
  cases: number;
  /** Threads run side by side (default 1); targets are dealt round-robin. */
  workers?: number;
  /** A case running longer is a hang (default 5,000 ms). */
  hangMs?: number;
  /** A target's setup running longer fails the target (default 120,000 ms). */
  setupMs?: number;
  /** Called when a target's cases are all reported. */
  onTarget?: (target: string, counts: FuzzCounts, seconds: number) => void;
}

/** What a run found. */
export interface FuzzReport {
  counts: Record<string, FuzzCounts>;
  examples: FuzzExample[];
  /** Harness problems (a setup that failed, a worker that died outside a case). */
  failures: string[];
  seconds: Record<string, number>;
}

/** Input of a hung case until a fresh worker regenerates and prints it. */
const UNSHOWN = '(not printed: the worker was stopped)';

/** Default seed of the suite; `FUZZ_SEED` overrides it. */
export const DEFAULT_SEED = 20261206;

/** The seed from `FUZZ_SEED`, or the default. */
export function fuzzSeed(): number {
  const env = process.env.FUZZ_SEED;
  const seed = env === undefined || env === '' ? DEFAULT_SEED : Number(env);
  if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED must be an integer, got ${env}`);
  return seed;
}

const ENTRY = new URL('./worker-entry.ts', import.meta.url).href;

/** The worker loads TypeScript through tsx's ESM hooks, registered inside the new thread. */
function bootSource(): string {
  // `resolve` picks the CommonJS build; its ESM twin sits beside it.
  const api = createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs');
  const url = pathToFileURL(api).href;
  return `import(${JSON.stringify(url)}).then((api) => { api.register(); return import(${JSON.stringify(ENTRY)}); })
    .catch((err) => { console.error(err); process.exit(70); });`;
}

/** Runs every target for `cases` cases each. */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const report: FuzzReport = { counts: {}, examples: [], failures: [], seconds: {} };
  for (const t of options.targets) report.counts[t] = emptyCounts();
  const lanes = Math.max(1, Math.min(options.workers ?? 1, options.targets.length));
  const plans = Array.from({ length: lanes }, (_, lane) => options.targets.filter((_, k) => k % lanes === lane));
  await Promise.all(plans.map((targets) => runLane(targets, options, report)));
  return report;
}

/** One thread's targets, restarted after every hang or death until all cases are reported. */
async function runLane(targets: string[], options: FuzzOptions, report: FuzzReport): Promise<void> {
  const next = new Map(targets.map((t) => [t, 0]));
  const skip = new Map(targets.map((t) => [t, [] as number[]]));
  const begun = new Map<string, number>();
  let remaining = targets.slice();
  while (remaining.length) {
    const plan: PlanStep[] = remaining.map((t) => ({ target: t, from: next.get(t)!, skip: skip.get(t)! }));
    const onBegin = (target: string): void => void (begun.has(target) || begun.set(target, performance.now()));
    const stop = await runWorker(plan, options, report, onBegin, (target, counts, examples, n) => {
      addCounts(report.counts[target], counts);
      for (const e of examples) report.examples.push(e);
      next.set(target, n);
      if (n >= options.cases) {
        report.seconds[target] = (performance.now() - begun.get(target)!) / 1000;
        options.onTarget?.(target, report.counts[target], report.seconds[target]);
      }
    });
    if (stop === 'done') return;
    // The worker stopped inside `stop.target`: count the case, go on after it.
    const { target, index, outcome, detail } = stop;
    if (index < 0) {
      report.failures.push(`${target}: ${detail}`);
      next.set(target, options.cases);
    } else {
      const counts = report.counts[target];
      counts.cases++;
      if (outcome === 'hang') counts.hangs++;
      else counts.crashes++;
      skip.get(target)!.push(index);
      report.examples.push({ target, outcome, seed: options.seed, index, detail, input: UNSHOWN });
    }
    remaining = remaining.filter((t) => next.get(t)! < options.cases);
  }
}

type Stop = 'done' | { target: string; index: number; outcome: 'hang' | 'crash'; detail: string };

type OnFlush = (target: string, counts: FuzzCounts, examples: FuzzExample[], next: number) => void;

function runWorker(
  plan: PlanStep[],
  options: FuzzOptions,
  report: FuzzReport,
  onBegin: (target: string) => void,
  onFlush: OnFlush,
): Promise<Stop> {
  const clock = new SharedArrayBuffer(24);
  const ints = new Int32Array(clock, 0, 4);
  const started = new Float64Array(clock, 16, 1);
  const job: WorkerJob = { plan, seed: options.seed, cases: options.cases, clock };
  const worker = new Worker(bootSource(), { eval: true, workerData: job, stdout: true, stderr: false });
  worker.stdout.resume(); // drop the targets' console.log chatter (tfjs banners); results come as messages
  const hangMs = options.hangMs ?? 5000;
  const setupMs = options.setupMs ?? 120_000;
  return new Promise<Stop>((resolve) => {
    let settled = false;
    const finish = (stop: Stop): void => {
      if (settled) return;
      settled = true;
      clearInterval(watchdog);
      void worker.terminate();
      resolve(stop);
    };
    const current = (): { target: string; index: number } => ({
      target: plan[ints[0]]?.target ?? plan[0].target,
      index: ints[1],
    });
    const watchdog = setInterval(() => {
      const phase = Atomics.load(ints, 2);
      const ms = Date.now() - started[0];
      if (phase === 1 && ms > hangMs)
        finish({ ...current(), outcome: 'hang', detail: `case ran over ${hangMs} ms (terminated)` });
      if (phase === 2 && ms > setupMs)
        finish({ ...current(), index: -1, outcome: 'hang', detail: `setup ran over ${setupMs} ms` });
    }, 100);
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'flush') onFlush(m.target, m.counts, m.examples, m.next);
      else if (m.type === 'begin') onBegin(m.target);
      else if (m.type === 'shown') {
        const example = report.examples.find(
          (e) => e.target === m.target && e.index === m.index && e.input === UNSHOWN,
        );
        if (example) example.input = m.input;
      } else if (m.type === 'failed') report.failures.push(`${m.target}: ${m.detail}`);
      else finish('done');
    });
    // Death inside a case crashes that case; anywhere else it fails the target (a harness problem).
    const died = (detail: string): void => {
      const inCase = Atomics.load(ints, 2) === 1;
      finish({ ...current(), index: inCase ? ints[1] : -1, outcome: 'crash', detail });
    };
    worker.on('error', (err) => died(`worker died: ${err.stack ?? err.message}`));
    worker.on('exit', (code) => died(`worker exited with code ${code}`));
  });
}
