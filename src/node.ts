/**
 * The Node-only entry point, `linkrec/node`: what needs Node built-ins (files, worker threads) and so
 * must stay out of browser bundles. Everything else is in `linkrec`.
 *
 * @module linkrec/node
 */
export { fileSource, loadGraphFile, loadInteractionsFile } from './data/node.ts';
export { nodeLineThreads } from './models/line/node-threads.ts';
export { loadNcfSplitFiles } from './systems/courses/ncf-split-files.ts';
