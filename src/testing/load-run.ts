/**
 * The load run behind `load.e2e.test.ts` and `npm run bench -- load`: two tabs of one origin (two
 * pages in one Chromium context, each with its real training and ranking workers, one IndexedDB).
 * The training tab trains and checkpoints a model; the other tab fires most of the concurrent
 * `recommend` calls; mid-storm the training tab reloads, resumes from its checkpoint and fires the
 * rest. Every call must end in a valid ranked list of a stored version or a typed error.
 */
import type { Browser, Page } from 'playwright-core';
import type { CallOutcome, FinalCheck, LoadPage, StormOptions } from './pages/load-pattern.ts';

type LoadWindow = Window & { loadPage: LoadPage };

/** Options of {@link runLoad}. */
export interface LoadOptions {
  /** `recommend` calls in all (default 1000): 80% from the ranking tab, 20% from the reloaded one. */
  calls?: number;
  /** Epochs of the training (default 4). */
  epochs?: number;
}

/** What {@link runLoad} saw. */
export interface LoadReport {
  calls: number;
  /** Valid ranked lists. */
  answered: number;
  /** Latency of every settled call (answers and typed errors). */
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  /** Calls refused with StaleModelError / ModelNotFoundError (the version moved on: allowed). */
  errors_typed: number;
  /** Calls never answered, or failed with any other error. */
  lost: number;
  /** Answers that are not a valid list of the version asked for, plus final-model inconsistencies. */
  torn: number;
  errorsByName: { [name: string]: number };
  /** What was wrong, for each lost or torn call (first 20). */
  problems: string[];
  /** Distinct versions answered, ascending. */
  versionsAnswered: number[];
  /** Distinct versions the calls named (the newest stored when each wave went out, or the one before). */
  versionsRequested: number[];
  checkpointsBeforeReload: number;
  resumedAfterReload: boolean;
  final: FinalCheck | null;
  trainingError: string | null;
  seconds: number;
}

const TYPED = new Set(['StaleModelError', 'ModelNotFoundError']);

const stormIn = (page: Page, options: StormOptions): Promise<CallOutcome[]> =>
  page.evaluate((o) => (window as unknown as LoadWindow).loadPage.storm(o), options);

async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('#status', { hasText: 'ready' }).waitFor({ timeout: 60_000 });
}

/** Runs the load scenario against the load page served at `origin`, in a fresh context of `browser`. */
export async function runLoad(browser: Browser, origin: string, options: LoadOptions = {}): Promise<LoadReport> {
  const { calls = 1000, epochs = 4 } = options;
  const started = performance.now();
  const context = await browser.newContext();
  try {
    const [trainer, ranker] = [await context.newPage(), await context.newPage()];
    await Promise.all([
      open(trainer, `${origin}/load.html?trainer&epochs=${epochs}`),
      open(ranker, `${origin}/load.html`),
    ]);
    await trainer.evaluate(() => (window as unknown as LoadWindow).loadPage.startTraining());
    // Two versions stored before the storm, so calls naming the one before the newest start at once.
    await trainer.waitForFunction(
      () => (window as unknown as LoadWindow).loadPage.events.filter((e) => e.status === 'checkpoint').length >= 2,
      undefined,
      { timeout: 60_000 },
    );

    // The ranking tab's calls go out over ~6 s, so they span the reload and the saves after it.
    const base = { k: 10, staleEvery: 10, timeoutMs: 30_000, gapMs: 400 };
    const fromRanker = Math.round(calls * 0.8);
    const rankerStorm = stormIn(ranker, { ...base, calls: fromRanker, waves: 16 });
    await new Promise((r) => setTimeout(r, 500));
    const checkpointsBeforeReload = await trainer.evaluate(
      () => (window as unknown as LoadWindow).loadPage.events.filter((e) => e.status === 'checkpoint').length,
    );
    await trainer.reload();
    await trainer.locator('#status', { hasText: 'ready' }).waitFor({ timeout: 60_000 });
    const resumedAfterReload = await trainer.evaluate(() => (window as unknown as LoadWindow).loadPage.resumedOnLoad);
    // The reloaded tab's calls wait for the resumed training's first save: they name a version the
    // storm has not seen yet, while the other tab's calls may still be in flight.
    await trainer.waitForFunction(
      () => (window as unknown as LoadWindow).loadPage.events.some((e) => e.status === 'checkpoint'),
      undefined,
      { timeout: 60_000 },
    );
    const trainerStorm = stormIn(trainer, { ...base, calls: calls - fromRanker, waves: 4 });
    const outcomes = (await Promise.all([rankerStorm, trainerStorm])).flat();

    await trainer.waitForFunction(
      () => {
        const p = (window as unknown as LoadWindow).loadPage;
        return p.result !== null || p.error !== null;
      },
      undefined,
      { timeout: 90_000 },
    );
    const { result, error } = await trainer.evaluate(() => {
      const p = (window as unknown as LoadWindow).loadPage;
      return { result: p.result, error: p.error };
    });
    const final = result
      ? await ranker.evaluate((v) => (window as unknown as LoadWindow).loadPage.finalCheck(v), result.info.version)
      : null;
    const seconds = (performance.now() - started) / 1000;
    return tally(outcomes, { checkpointsBeforeReload, resumedAfterReload, final, trainingError: error, seconds });
  } finally {
    await context.close();
  }
}

type RunFacts = Pick<
  LoadReport,
  'checkpointsBeforeReload' | 'resumedAfterReload' | 'final' | 'trainingError' | 'seconds'
>;

function tally(outcomes: CallOutcome[], facts: RunFacts): LoadReport {
  const problems: string[] = [];
  const errorsByName: { [name: string]: number } = {};
  let [answered, typed, lost, torn] = [0, 0, 0, 0];
  const finalVersion = facts.final?.info.version ?? Infinity;
  for (const o of outcomes) {
    if (o.error !== undefined) {
      errorsByName[o.error] = (errorsByName[o.error] ?? 0) + 1;
      if (TYPED.has(o.error)) typed++;
      else {
        lost++;
        problems.push(`v${o.requested}: ${o.error}`);
      }
    } else if (o.problem !== undefined || o.version! > finalVersion) {
      torn++;
      problems.push(`v${o.requested}: ${o.problem ?? `answered v${o.version}, past the final v${finalVersion}`}`);
    } else answered++;
  }
  const finalProblems = facts.final?.problems ?? ['no final model'];
  torn += finalProblems.length;
  for (const p of finalProblems) problems.push(p);
  const ms = outcomes.filter((o) => o.error !== 'Timeout').map((o) => o.ms);
  const distinct = (xs: number[]): number[] => [...new Set(xs)].sort((a, b) => a - b);
  const versionsAnswered = distinct(outcomes.flatMap((o) => (o.version === undefined ? [] : [o.version])));
  const versionsRequested = distinct(outcomes.map((o) => o.requested));
  return {
    calls: outcomes.length,
    answered,
    p50_ms: round(quantile(ms, 0.5)),
    p99_ms: round(quantile(ms, 0.99)),
    max_ms: round(quantile(ms, 1)),
    errors_typed: typed,
    lost,
    torn,
    errorsByName,
    problems: problems.slice(0, 20),
    versionsAnswered,
    versionsRequested,
    ...facts,
  };
}

function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
