/**
 * Runs a target's cases in the current thread and classifies each outcome. Inputs come from
 * `fc.sample` with a seed derived from (seed, target), so case `index` is the same input on every run
 * and a restarted worker (after a hang) regenerates exactly the cases it has not reported yet.
 */
import fc from 'fast-check';
import { LinkrecError } from '../../errors.ts';
import { showValue } from './show.ts';
import { countKey, emptyCounts, type AnyTarget, type FuzzCounts, type FuzzExample, type Outcome } from './types.ts';

/** What a case reports while it runs, so a watchdog in another thread can see a hang. */
export interface CaseClock {
  /** Called before case `index` starts. */
  begin(index: number): void;
  /** Called after it ended. */
  end(): void;
}

/** Options of {@link runCases}. */
export interface RunCasesOptions {
  seed: number;
  cases: number;
  /** First case to run (earlier ones were reported before a restart). */
  from?: number;
  /** Cases not to run again (they hung). */
  skip?: ReadonlySet<number>;
  clock?: CaseClock;
  /** Receives the tallies every few cases (and at the end) with the next case index to run. */
  flush?: (counts: FuzzCounts, examples: FuzzExample[], next: number) => void;
  /** Examples kept per outcome (default 3). */
  keep?: number;
  /** Receives the printed input of each skipped case (after a hang, so the report can show it). */
  onSkipped?: (index: number, input: string) => void;
}

/** A stable 32-bit seed per (seed, target name). */
export function targetSeed(seed: number, name: string): number {
  let h = seed | 0;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** The inputs of a target, deterministic in (seed, name, cases). */
export function sampleInputs(target: AnyTarget, ctx: unknown, seed: number, cases: number): unknown[] {
  return fc.sample(target.inputs(ctx), { seed: targetSeed(seed, target.name), numRuns: cases });
}

// An async failure nobody awaited (a floating promise inside a target) is a crash of the current case.
let stray: unknown[] = [];
let listening = false;
function listenForStrays(): void {
  if (listening) return;
  listening = true;
  process.on('unhandledRejection', (reason) => stray.push(reason));
  process.on('uncaughtException', (err) => stray.push(err));
}

/** Lets pending rejections surface (Node reports them before the next macrotask). */
const macrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Classifies one call of the target. */
export async function classify(
  target: AnyTarget,
  input: unknown,
  ctx: unknown,
): Promise<{ outcome: Outcome; detail: string }> {
  let result: unknown;
  try {
    result = await target.run(input, ctx);
  } catch (err) {
    if (err instanceof LinkrecError) {
      const complaint = target.checkTyped?.(input, err, ctx);
      return complaint
        ? { outcome: 'wrong', detail: `${complaint} (${err.name}: ${err.message})` }
        : { outcome: 'typed', detail: '' };
    }
    if (err instanceof Error)
      return {
        outcome: 'generic',
        detail: `${err.name}: ${err.message}\n${err.stack?.split('\n').slice(1, 6).join('\n')}`,
      };
    return { outcome: 'crash', detail: `threw a non-Error: ${showValue(err, 200)}` };
  }
  let complaint: string | undefined;
  try {
    complaint = target.check?.(input, result, ctx);
  } catch (err) {
    complaint = `oracle threw on the result: ${String(err)}`;
  }
  return complaint ? { outcome: 'wrong', detail: complaint } : { outcome: 'accepted', detail: '' };
}

/** Runs cases `from..cases-1` of `target` (skipping `skip`) and returns their tallies. */
export async function runCases(
  target: AnyTarget,
  ctx: unknown,
  options: RunCasesOptions,
): Promise<{ counts: FuzzCounts; examples: FuzzExample[] }> {
  listenForStrays();
  const { seed, cases, clock, flush, keep = 3 } = options;
  const inputs = sampleInputs(target, ctx, seed, cases);
  const total = emptyCounts();
  const all: FuzzExample[] = [];
  let counts = emptyCounts();
  let examples: FuzzExample[] = [];
  const kept = new Map<Outcome, number>();
  const show = target.show ?? ((i: unknown) => showValue(i));
  for (const index of options.skip ?? []) if (index < cases) options.onSkipped?.(index, show(inputs[index]));
  for (let index = options.from ?? 0; index < cases; index++) {
    if (options.skip?.has(index)) continue;
    stray = [];
    clock?.begin(index);
    let { outcome, detail } = await classify(target, inputs[index], ctx);
    await macrotask();
    clock?.end();
    if (stray.length && outcome !== 'generic') {
      outcome = 'crash';
      detail = `uncaught: ${stray.map((s) => (s instanceof Error ? `${s.name}: ${s.message}` : showValue(s, 200))).join('; ')}`;
    }
    counts.cases++;
    counts[countKey(outcome)]++;
    if (outcome !== 'accepted' && outcome !== 'typed' && (kept.get(outcome) ?? 0) < keep) {
      kept.set(outcome, (kept.get(outcome) ?? 0) + 1);
      examples.push({ target: target.name, outcome, seed, index, detail, input: show(inputs[index]) });
    }
    if (counts.cases >= 20 && index < cases - 1) {
      flush?.(counts, examples, index + 1);
      merge(total, all, counts, examples);
      counts = emptyCounts();
      examples = [];
    }
  }
  // Always report the end, even with nothing new (the last cases may all have been skipped).
  flush?.(counts, examples, cases);
  merge(total, all, counts, examples);
  return { counts: total, examples: all };
}

function merge(total: FuzzCounts, all: FuzzExample[], counts: FuzzCounts, examples: FuzzExample[]): void {
  for (const key of Object.keys(total) as (keyof FuzzCounts)[]) total[key] += counts[key];
  for (const e of examples) all.push(e);
}
