// Trains course models off the page's main thread (the package's own worker; an app's is the same two lines).
import { serveTraining } from '../src/serve/training.ts'; // = linkrec/worker's, one service per module

serveTraining();
