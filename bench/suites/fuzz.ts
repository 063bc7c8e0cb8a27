/**
 * `npm run bench -- fuzz [--cases N] [--seed S] [--workers W] [--targets a,b]`: the fuzz suite of
 * `npm test` with 10× the cases (10,000 per target by default). Prints the table, each counterexample
 * (seed, target, case index, input), and returns, per target, `{cases, typed, accepted, generic,
 * crashes, hangs, wrong}` — the last line of output.
 */
import { countsTable, describeExample } from '../../src/testing/fuzz/report.ts';
import { fuzzSeed, runFuzz } from '../../src/testing/fuzz/runner.ts';
import { targetNames } from '../../src/testing/fuzz/targets/index.ts';
import { flag } from '../table.ts';

export async function run(args: string[]): Promise<unknown> {
  const cases = Number(flag(args, '--cases') ?? 10_000);
  const seed = flag(args, '--seed') !== undefined ? Number(flag(args, '--seed')) : fuzzSeed();
  const targets = flag(args, '--targets')?.split(',') ?? (await targetNames());
  const started = performance.now();
  const report = await runFuzz({
    targets,
    seed,
    cases,
    workers: Number(flag(args, '--workers') ?? 2),
    onTarget: (t, c, s) => console.error(`${t}: ${c.cases} cases in ${s.toFixed(1)} s`),
  });
  console.log(countsTable(report));
  for (const e of report.examples) console.log(`\n${describeExample(e)}`);
  for (const f of report.failures) console.log(`\nharness failure: ${f}`);
  console.log(`\nseed ${seed}, ${cases} cases per target, ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return report.counts;
}
