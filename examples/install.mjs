// Installs the packed package into each example, as `npm install linkrec` from a registry would:
// `npm pack` (its prepack builds dist/) once, unpacked into <example>/node_modules/linkrec, plus each
// web example's public/ratings.csv. linkrec's own dependencies resolve from the repository's
// node_modules (the examples live inside it), so nothing is downloaded.
//   node examples/install.mjs        (LINKREC_TARBALL=<file.tgz>: install that tarball instead)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSamples } from './sample-data.mjs';

export const EXAMPLES = ['node', 'vite', 'webpack', 'esbuild', 'element'];
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** Packs (or takes `tarball`), installs it into every example, and writes the sample data. */
export function installPackage(tarball = process.env.LINKREC_TARBALL) {
  const packDir = mkdtempSync(join(tmpdir(), 'linkrec-examples-'));
  try {
    if (!tarball) {
      const stdout = execFileSync('npm', ['pack', '--json', '--pack-destination', packDir], {
        cwd: repoRoot,
        encoding: 'utf8',
        maxBuffer: 64 << 20,
      });
      tarball = join(packDir, JSON.parse(stdout)[0].filename);
    }
    for (const name of EXAMPLES) {
      const dir = join(repoRoot, 'examples', name);
      rmSync(join(dir, 'node_modules'), { recursive: true, force: true });
      rmSync(join(dir, 'dist'), { recursive: true, force: true });
      mkdirSync(join(dir, 'node_modules/linkrec'), { recursive: true });
      execFileSync('tar', ['-xzf', tarball, '-C', join(dir, 'node_modules/linkrec'), '--strip-components=1']);
    }
  } finally {
    rmSync(packDir, { recursive: true, force: true });
  }
  writeSamples();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) installPackage();
