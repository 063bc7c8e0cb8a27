/**
 * Shared runner of `npm run eval -- <name>` and `npm run bench -- <name>`: loads `bench/<dir>/<name>.ts`,
 * which prints its readable table and returns one JSON-able object; that object is printed as the
 * last line of output, in the shape the issue fixed for it.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface SuiteModule {
  /** `args` are the words after the suite name, e.g. `['--ncf-split', 'PREFIX']`. */
  run(args: string[]): Promise<unknown>;
}

export async function runSuite(dir: 'eval' | 'suites', command: string, argv: string[]): Promise<void> {
  const [name, ...args] = argv;
  const folder = fileURLToPath(new URL(`./${dir}/`, import.meta.url));
  const known = readdirSync(folder)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => f.slice(0, -3));
  if (!name || !known.includes(name)) {
    console.error(`usage: npm run ${command} -- <${known.join('|')}> [options]`);
    process.exit(2);
  }
  const mod = (await import(`./${dir}/${name}.ts`)) as SuiteModule;
  const result = await mod.run(args);
  console.log(JSON.stringify(result));
}
