/**
 * The root entry is the page's: it must not bring tfjs (core or any backend), papaparse or pure-rand
 * into the page chunk — the services run in workers, and in-thread connections import them on demand
 * into chunks of their own — and it stays small (≤ 60 KB gzipped) and narrow (≤ 62 exported names: issue
 * 11's 60, plus issue 10's personal profile).
 * The page chunk is what esbuild bundles for `src/index.ts` with code splitting: the entry's output and
 * every chunk it imports statically.
 */
import { build, type Metafile } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('./index.ts', import.meta.url));
const FORBIDDEN = /node_modules\/(@tensorflow\/|papaparse\/|pure-rand\/)/;

/** The page chunk's output files: the entry's, then every chunk reached by static imports. */
function pageOutputs(meta: Metafile): string[] {
  const entry = Object.keys(meta.outputs).find((o) => meta.outputs[o].entryPoint?.endsWith('src/index.ts'));
  if (!entry) throw new Error('no output for src/index.ts');
  const seen = new Set<string>([entry]);
  for (const file of seen) {
    for (const i of meta.outputs[file].imports) if (i.kind === 'import-statement' && !i.external) seen.add(i.path);
  }
  return [...seen];
}

describe('the root entry (linkrec)', () => {
  it('carries no tfjs, papaparse or pure-rand into the page chunk, and weighs ≤ 60 KB gzipped', async () => {
    const result = await build({
      entryPoints: [ROOT],
      bundle: true,
      metafile: true,
      platform: 'browser',
      format: 'esm',
      splitting: true,
      minify: true,
      write: false,
      outdir: '/linkrec-entry-weight', // nothing is written (write: false); names the outputs
      logLevel: 'silent',
    });
    const meta = result.metafile;
    const page = pageOutputs(meta);
    const pageInputs = page.flatMap((o) => Object.keys(meta.outputs[o].inputs));
    expect(pageInputs.filter((p) => FORBIDDEN.test(p))).toEqual([]);
    // The check can fail: the in-thread services are in the build, in chunks of their own.
    const everyInput = Object.keys(meta.inputs);
    expect(everyInput.some((p) => p.includes('node_modules/@tensorflow/tfjs-core/'))).toBe(true);

    const bytes = result.outputFiles.filter((f) => page.some((o) => f.path.endsWith(o.replace(/^.*\//, '/'))));
    expect(bytes).toHaveLength(page.length);
    const gz = bytes.reduce((sum, f) => sum + gzipSync(f.contents).length, 0);
    console.log(
      `page chunk: ${page.length} file(s), ${bytes.reduce((s, f) => s + f.contents.length, 0)} B, ${gz} B gzipped`,
    );
    expect(gz).toBeLessThanOrEqual(60 * 1024);
  });

  it('exports at most 62 names (values and types)', () => {
    const program = ts.createProgram([ROOT], {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      allowImportingTsExtensions: true,
      noEmit: true,
      skipLibCheck: true,
    });
    const checker = program.getTypeChecker();
    const file = program.getSourceFile(ROOT);
    const symbol = file && checker.getSymbolAtLocation(file);
    if (!symbol) throw new Error('src/index.ts has no module symbol');
    const names = checker.getExportsOfModule(symbol).map((s) => s.name);
    expect(names).toContain('connectCourses');
    expect(names.length).toBeLessThanOrEqual(62);
  });
});
