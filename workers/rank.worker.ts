// Answers course ranking requests, never behind a training step.
import { serveRanking } from '../src/serve/ranking.ts'; // = linkrec/worker's, one service per module

serveRanking();
