/**
 * `npm run bench -- load [--calls 1000] [--epochs 4]`: the load run of `src/rpc/load.e2e.test.ts` in
 * real Chromium (playwright-core, the Vite dev server): two tabs of one origin, `--calls` concurrent
 * `recommend` calls through the real ranking workers while the model trains and checkpoints in the
 * training worker, and the training tab reloads mid-storm. Prints a table, then
 * `{"calls","p50_ms","p99_ms","errors_typed","lost","torn"}`.
 */
import { launchChromium, startDevServer } from '../../src/testing/e2e.ts';
import { runLoad } from '../../src/testing/load-run.ts';
import { flag, printTable } from '../table.ts';

export async function run(args: string[]): Promise<unknown> {
  const calls = Number(flag(args, '--calls') ?? 1000);
  const epochs = Number(flag(args, '--epochs') ?? 4);
  const [dev, browser] = await Promise.all([startDevServer('src/testing/pages'), launchChromium()]);
  try {
    const r = await runLoad(browser, dev.origin, { calls, epochs });
    printTable(
      [
        'calls',
        'answered',
        'typed errors',
        'lost',
        'torn',
        'p50 ms',
        'p99 ms',
        'max ms',
        'versions answered',
        'final version',
        'seconds',
      ],
      [
        [
          r.calls,
          r.answered,
          r.errors_typed,
          r.lost,
          r.torn,
          r.p50_ms,
          r.p99_ms,
          r.max_ms,
          r.versionsAnswered.join(' '),
          r.final?.info.version ?? '-',
          r.seconds.toFixed(1),
        ],
      ],
    );
    console.log(
      `typed errors by name ${JSON.stringify(r.errorsByName)}; checkpoints before the reload ${r.checkpointsBeforeReload}, ` +
        `resumed after it: ${r.resumedAfterReload}; training error: ${r.trainingError ?? 'none'}`,
    );
    for (const p of r.problems) console.log(`problem: ${p}`);
    return {
      calls: r.calls,
      p50_ms: r.p50_ms,
      p99_ms: r.p99_ms,
      errors_typed: r.errors_typed,
      lost: r.lost,
      torn: r.torn,
    };
  } finally {
    await browser.close();
    await dev.close();
  }
}
