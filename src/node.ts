/**
 * The Node-only entry point, `linkrec/node`: what needs Node built-ins (files, worker threads) and so
 * must stay out of browser bundles. Everything else is in `linkrec`.
 */
export { fileSource, loadGraphFile, loadInteractionsFile } from './data/node';
export { nodeLineThreads } from './models/line/node-threads';
export { loadNcfSplitFiles } from './courses/ncf-split-files';
