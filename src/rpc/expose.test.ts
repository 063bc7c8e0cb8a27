import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dir = fileURLToPath(new URL('../../workers/', import.meta.url));
const entries = readdirSync(dir).filter((f) => f.endsWith('.worker.ts'));
const serveDir = fileURLToPath(new URL('../serve/', import.meta.url));
const handlers = readdirSync(serveDir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => readFileSync(serveDir + f, 'utf8'))
  .join('\n');
const workerEntry = readFileSync(fileURLToPath(new URL('../worker.ts', import.meta.url)), 'utf8');

/** Each exported `serve…` function's body in src/serve/*.ts, by name. */
function serveBodies(): Map<string, string> {
  const bodies = new Map<string, string>();
  for (const m of handlers.matchAll(/export function (serve\w+)\(\): void \{\n([\s\S]*?)\n\}/g)) bodies.set(m[1], m[2]);
  return bodies;
}

// Without the error transfer a worker's typed errors reach the page as plain Errors, so no entry may
// call comlink's expose itself: each entry calls a `serve…` of linkrec/worker, and each of those
// exposes through exposeService, which installs the transfer first.
describe('worker entries', () => {
  it('are all found', () => {
    expect(entries).toEqual(
      expect.arrayContaining(['train.worker.ts', 'rank.worker.ts', 'talent.worker.ts', 'baselines.worker.ts']),
    );
  });

  it.each(entries)('%s calls one serve… handler of linkrec/worker (src/serve/), never comlink directly', (file) => {
    const text = readFileSync(dir + file, 'utf8');
    expect(text).not.toMatch(/from ['"]comlink['"]/);
    const [, name] = text.match(/import \{ (serve\w+) \} from '\.\.\/src\/serve\/\w+\.ts';/) ?? [];
    expect(name).toBeDefined();
    expect(text).toMatch(new RegExp(`^${name}\\(\\);$`, 'm'));
    expect(serveBodies().has(name)).toBe(true);
    expect(workerEntry).toMatch(new RegExp(`export \\{[^}]*\\b${name}\\b[^}]*\\} from '\\./serve/`));
  });

  it('every serve… handler exposes through exposeService', () => {
    const bodies = serveBodies();
    expect([...bodies.keys()].sort()).toEqual([
      'serveBaselines',
      'serveFeedRanking',
      'serveFeedTraining',
      'serveRanking',
      'serveTalent',
      'serveTraining',
    ]);
    for (const [name, body] of bodies) expect(body, name).toMatch(/^\s*exposeService\(new \w+\(/);
    expect(handlers).not.toMatch(/from ['"]comlink['"]/);
  });
});
