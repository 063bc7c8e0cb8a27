/** The vitest side of `e2e.ts`: one dev server and one Chromium per test file. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, startDevServer, type DevServer } from './e2e.ts';

/** What a test file reads once `beforeAll` has run. */
export interface E2eSession {
  readonly dev: DevServer;
  readonly browser: Browser;
}

/** Starts a dev server on `root` and a Chromium before the file's tests, and closes both after them. */
export function useDevServerAndChromium(root = 'src/testing/pages'): E2eSession {
  const session: { dev?: DevServer; browser?: Browser } = {};
  beforeAll(async () => {
    [session.dev, session.browser] = await Promise.all([startDevServer(root), launchChromium()]);
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.dev?.close();
  });
  return session as E2eSession;
}
