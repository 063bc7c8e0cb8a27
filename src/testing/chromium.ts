/**
 * How every test launches Chromium: Debian's build (never a downloaded one; `CHROME_PATH` overrides)
 * with the flags for WebGPU without a GPU and a closed network (see shared/docs/TOOLCHAIN.md). Shared
 * by vite.config.ts (vitest browser mode) and the e2e helpers, so the two can never drift apart.
 */

/** Path of the Chromium binary the tests drive. */
export function chromePath(): string {
  return process.env.CHROME_PATH ?? '/usr/bin/chromium';
}

/**
 * Flags of every test browser. The resolver rule makes any stray non-local host fail fast instead of
 * hanging on the closed network; the request itself is still issued, so request recorders see it.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--enable-unsafe-webgpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-sandbox',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];
