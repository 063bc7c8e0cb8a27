// Baseline evaluation off the page's main thread.
import { serveBaselines } from '../src/serve/baselines.ts'; // = linkrec/worker's, one service per module

serveBaselines();
