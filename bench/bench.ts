import { runSuite } from './cli';

await runSuite('suites', 'bench', process.argv.slice(2));
