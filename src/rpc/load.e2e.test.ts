/**
 * Load: 1,000 concurrent `recommend` calls through the real ranking workers of two tabs while the
 * model trains and checkpoints in the training worker, and the training tab reloads mid-storm. No
 * lost or torn model: every call ends in a valid list of the version it named or a typed error; the
 * final model loads, is consistent and ranks with finite scores. p99 latency is logged.
 */
import { expect, it } from 'vitest';
import { useDevServerAndChromium } from '../testing/e2e-session.ts';
import { runLoad } from '../testing/load-run.ts';

const session = useDevServerAndChromium();

it('1,000 concurrent rankings in two tabs while training saves and one tab reloads: nothing lost or torn', async () => {
  const report = await runLoad(session.browser, session.dev.origin, { calls: 1000 });
  const { problems, errorsByName, p50_ms, p99_ms, versionsAnswered, versionsRequested, seconds } = report;
  console.log(
    `load: ${JSON.stringify({ p50_ms, p99_ms, errorsByName, versionsAnswered, versionsRequested, seconds })}`,
  );
  expect(report.trainingError).toBeNull();
  expect(problems).toEqual([]);
  expect(report).toMatchObject({ calls: 1000, lost: 0, torn: 0 });
  expect(report.answered + report.errors_typed).toBe(1000);
  // Most calls named the newest version: a storm of refusals would be a different bug.
  expect(report.answered).toBeGreaterThan(500);
  expect(report.checkpointsBeforeReload).toBeGreaterThan(0);
  expect(report.resumedAfterReload).toBe(true);
  // The storm spanned saves: calls named the version before the newest, the newest, and later ones.
  expect(versionsRequested.length).toBeGreaterThan(2);
  expect(report.final?.info).toMatchObject({ id: 'load-mf', kind: 'mf', metrics: { epochs: 4 } });
  expect(report.final?.items).toBe(10);
  expect(Number.isFinite(p99_ms)).toBe(true);
});
