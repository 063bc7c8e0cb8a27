// The app's own ranking worker: the handler comes from the package.
import { serveRanking } from 'linkrec/worker';

serveRanking();
