import { runSuite } from './cli';

await runSuite('eval', 'eval', process.argv.slice(2));
