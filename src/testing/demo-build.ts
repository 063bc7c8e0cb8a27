/**
 * The built demo, as a visitor gets it: `vite build` (with its offline service worker) into a temporary
 * folder, served by `vite preview`. Used by the offline e2e test and the README screenshot script.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { preview } from 'vite';
import { repoRoot } from './e2e.ts';

/** A served build and its origin (`http://127.0.0.1:<port>`). */
export interface DemoBuild {
  readonly origin: string;
  readonly outDir: string;
  /** Stops the server and deletes the build. */
  close(): Promise<void>;
}

/**
 * Builds the demo in a child process, as `npm run build:demo` does: under vitest `NODE_ENV` is `test`,
 * which would make Vite emit a development build (no service worker registration, dev-only code).
 */
async function buildDemo(outDir: string): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
  for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key];
  const vite = join(repoRoot, 'node_modules/vite/bin/vite.js');
  await promisify(execFile)(
    process.execPath,
    [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'],
    { cwd: repoRoot, env, maxBuffer: 16 * 1024 * 1024 },
  );
}

/** Builds the demo into a fresh temporary folder and serves it with `vite preview` on a free port. */
export async function buildAndServeDemo(): Promise<DemoBuild> {
  const outDir = await mkdtemp(join(tmpdir(), 'linkrec-demo-'));
  await buildDemo(outDir);
  const server = await preview({
    configFile: join(repoRoot, 'vite.config.ts'),
    root: join(repoRoot, 'demo'),
    build: { outDir },
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no TCP address');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    outDir,
    close: async () => {
      await server.close();
      await rm(outDir, { recursive: true, force: true });
    },
  };
}
