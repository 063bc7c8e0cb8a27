/**
 * End-to-end helpers: a programmatic Vite dev server plus Debian's Chromium driven by playwright-core.
 * Used only by `*.e2e.test.ts` files (vitest project `e2e`, Node environment).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Request } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { CHROMIUM_ARGS, chromePath } from './chromium.ts';

/** Repository root (this file lives in src/testing/). */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** A running dev server and its origin (`http://127.0.0.1:<port>`). */
export interface DevServer {
  readonly origin: string;
  readonly server: ViteDevServer;
  close(): Promise<void>;
}

/**
 * Starts Vite on a free port with the project's own `vite.config.ts` (same deps pre-bundling, worker
 * format), serving `root` (relative to the repository) and `public/` as static files.
 */
export async function startDevServer(root = 'demo'): Promise<DevServer> {
  const server = await createServer({
    configFile: join(repoRoot, 'vite.config.ts'),
    root: resolve(repoRoot, root),
    publicDir: join(repoRoot, 'public'),
    // A cache of its own, so a concurrent vitest browser run never sees half-optimised deps.
    cacheDir: join(repoRoot, 'node_modules/.vite-e2e'),
    logLevel: 'warn',
    clearScreen: false,
    server: { host: '127.0.0.1', port: 0, strictPort: true, hmr: false, watch: null },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('dev server has no TCP address');
  return { origin: `http://127.0.0.1:${address.port}`, server, close: () => server.close() };
}

/** Launches a fresh headless Chromium (no profile kept). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromePath(), args: [...CHROMIUM_ARGS] });
}

/** A persistent Chromium profile: `open()` may be called again after `close()` to restart the browser. */
export interface Profile {
  readonly dir: string;
  open(): Promise<BrowserContext>;
  /** Deletes the profile directory (close any open context first). */
  remove(): Promise<void>;
}

/** Creates a fresh temporary user-data-dir for browser-restart tests. */
export async function tempProfile(): Promise<Profile> {
  const dir = await mkdtemp(join(tmpdir(), 'linkrec-e2e-'));
  return {
    dir,
    open: () => chromium.launchPersistentContext(dir, { executablePath: chromePath(), args: [...CHROMIUM_ARGS] }),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Every request a browser context issued, and those that left the allowed origin. */
export interface RequestLog {
  readonly all: string[];
  readonly foreign: string[];
}

/**
 * Records every request of a context (pages and their dedicated workers) and flags those whose
 * origin is not `origin`. `data:` URLs never touch the network; `blob:` URLs carry their creator's origin.
 */
export function recordRequests(context: BrowserContext, origin: string): RequestLog {
  const log: RequestLog = { all: [], foreign: [] };
  const onRequest = (request: Request): void => {
    const url = request.url();
    log.all.push(url);
    if (!url.startsWith('data:') && new URL(url).origin !== origin) log.foreign.push(url);
  };
  context.on('request', onRequest);
  return log;
}

/** A demo page in a fresh Chromium, with its request log and page errors (what every demo e2e needs). */
export interface DemoPage {
  dev: DevServer;
  browser: Browser;
  context: BrowserContext;
  page: import('playwright-core').Page;
  requests: RequestLog;
  pageErrors: string[];
  close(): Promise<void>;
}

/** Serves `demo/`, opens it in a new context that records requests, and collects page errors. */
export async function openDemo(
  viewport = { width: 1200, height: 1000 },
  options: { consoleErrors?: boolean } = {},
): Promise<DemoPage> {
  const [dev, browser] = await Promise.all([startDevServer('demo'), launchChromium()]);
  const context = await browser.newContext({ viewport });
  const requests = recordRequests(context, dev.origin);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  if (options.consoleErrors) page.on('console', (msg) => void (msg.type() === 'error' && pageErrors.push(msg.text())));
  await page.goto(`${dev.origin}/`);
  const close = async () => {
    await browser.close();
    await dev.close();
  };
  return { dev, browser, context, page, requests, pageErrors, close };
}
