// The app's own training worker: the handler comes from the package.
import { serveTraining } from 'linkrec/worker';

serveTraining();
