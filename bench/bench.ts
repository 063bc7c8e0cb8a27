import { runSuite } from './cli.ts';

await runSuite('suites', 'bench', process.argv.slice(2));
