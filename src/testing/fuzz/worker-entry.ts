/**
 * The fuzz worker (a `worker_threads` thread, TypeScript loaded through tsx): runs the planned targets
 * one after the other, marking in shared memory which case runs since when, so the parent can see a
 * case that hangs (> 5 s, even in a synchronous loop) and terminate the thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runCases } from './run-cases.ts';
import { findTarget } from './targets/index.ts';
import type { AnyTarget, FuzzCounts, FuzzExample } from './types.ts';

/** One target's share of a run. */
export interface PlanStep {
  target: string;
  from: number;
  skip: number[];
}

/** What the parent hands the worker. */
export interface WorkerJob {
  plan: PlanStep[];
  seed: number;
  cases: number;
  /** Int32 [step, case, phase] + Float64 [startedAt ms]: phase 1 = case running, 2 = setup running. */
  clock: SharedArrayBuffer;
}

/** Messages to the parent. */
export type WorkerMessage =
  | { type: 'flush'; target: string; counts: FuzzCounts; examples: FuzzExample[]; next: number }
  | { type: 'begin'; target: string }
  | { type: 'shown'; target: string; index: number; input: string }
  | { type: 'failed'; target: string; detail: string }
  | { type: 'done' };

// Targets chatter (tfjs banners, papaparse's "Duplicate headers found"): results travel as messages.
console.log = console.info = console.warn = () => undefined;

const job = workerData as WorkerJob;
const ints = new Int32Array(job.clock, 0, 4);
const started = new Float64Array(job.clock, 16, 1);
const post = (m: WorkerMessage): void => parentPort!.postMessage(m);

function mark(step: number, index: number, phase: number): void {
  ints[0] = step;
  ints[1] = index;
  started[0] = Date.now();
  Atomics.store(ints, 2, phase);
}

for (const [step, { target: name, from, skip }] of job.plan.entries()) {
  let ctx: unknown;
  post({ type: 'begin', target: name });
  let target: AnyTarget;
  try {
    target = await findTarget(name);
    mark(step, -1, 2);
    ctx = await target.setup?.();
  } catch (err) {
    post({ type: 'failed', target: name, detail: `setup failed: ${err instanceof Error ? err.stack : String(err)}` });
    continue;
  }
  await runCases(target, ctx, {
    seed: job.seed,
    cases: job.cases,
    from,
    skip: new Set(skip),
    clock: { begin: (index) => mark(step, index, 1), end: () => Atomics.store(ints, 2, 0) },
    flush: (counts, examples, next) => post({ type: 'flush', target: name, counts, examples, next }),
    onSkipped: (index, input) => post({ type: 'shown', target: name, index, input }),
  });
  Atomics.store(ints, 2, 0);
  await target.teardown?.(ctx);
}
post({ type: 'done' });
