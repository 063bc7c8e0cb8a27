// `npm run check:package`: packs the built package once (no rebuild) and checks what a consumer
// gets: the tarball's contents, publint's rules, and the types in every TypeScript resolution mode
// (@arethetypeswrong/cli). Run after `npm run build`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules/.bin', name);
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });

const out = mkdtempSync(join(tmpdir(), 'linkrec-pack-'));
try {
  const [pack] = JSON.parse(
    execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', out], {
      cwd: root,
      encoding: 'utf8',
    }),
  );
  const paths = pack.files.map((f) => f.path);
  const problems = [];
  const forbidden = [
    [/\.test\.[jt]s$|\.test\.d\.ts$/, 'a test file'],
    [/(^|\/)testing\//, 'src/testing'],
    [/(^|\/)fixtures\//, 'a fixture'],
    [/(^|\/)bench\/|bench\.|probe\.worker/, 'a bench or probe worker'],
    [/__screenshots__/, 'a screenshot'],
    [/^(src|workers|demo|bench|examples|public)\//, 'a file outside dist/'],
  ];
  for (const path of paths) for (const [re, what] of forbidden) if (re.test(path)) problems.push(`${path}: ${what}`);
  const required = [
    'package.json',
    'README.md',
    'LICENSE',
    'CHANGELOG.md',
    'dist/src/index.js',
    'dist/src/index.d.ts',
    'dist/src/index.js.map',
    'dist/src/worker.js',
    'dist/wasm/tfjs-backend-wasm.wasm',
    'dist/wasm/tfjs-backend-wasm-simd.wasm',
    'dist/wasm/tfjs-backend-wasm-threaded-simd.wasm',
    ...['train', 'rank', 'talent', 'feed-train', 'feed-rank', 'baselines'].map((w) => `dist/workers/${w}.worker.js`),
  ];
  for (const path of required) if (!paths.includes(path)) problems.push(`${path}: missing`);
  const vocab = paths.filter((p) => p.endsWith('vocab.json'));
  if (vocab.length !== 1) problems.push(`vocab.json ${vocab.length} times: ${vocab.join(', ')}`);
  console.log(
    `tarball: ${pack.filename}, ${paths.length} files, ${pack.size} bytes packed, ${pack.unpackedSize} unpacked`,
  );
  if (problems.length) throw new Error(`tarball contents:\n  ${problems.join('\n  ')}`);

  run(bin('publint'), ['--strict']);
  // ESM-only by design: every mode must resolve; a CommonJS caller gets ESM (TypeScript's node16
  // CJS mode calls that "dynamic import only"; Node ≥ 20.19 loads it with require(esm)).
  run(bin('attw'), [join(out, pack.filename), '--ignore-rules', 'cjs-resolves-to-esm']);
} finally {
  rmSync(out, { recursive: true, force: true });
}
