import { runSuite } from './cli.ts';

await runSuite('eval', 'eval', process.argv.slice(2));
