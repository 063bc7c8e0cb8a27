import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dir = fileURLToPath(new URL('../../workers/', import.meta.url));
const entries = readdirSync(dir).filter((f) => f.endsWith('.worker.ts'));

// Without the error transfer a worker's typed errors reach the page as plain Errors, so no entry may
// call comlink's expose itself: exposeService installs the transfer first.
describe('worker entries', () => {
  it('are all found', () => {
    expect(entries).toEqual(expect.arrayContaining(['train.worker.ts', 'rank.worker.ts', 'talent.worker.ts', 'baselines.worker.ts']));
  });

  it.each(entries)('%s exposes through exposeService, never comlink directly', (file) => {
    const text = readFileSync(dir + file, 'utf8');
    expect(text).not.toMatch(/from ['"]comlink['"]/);
    expect(text).toMatch(/import \{ exposeService \} from '\.\.\/src\/rpc\/expose'/);
    expect(text).toMatch(/\bexposeService\(/);
  });
});
