// Dedicated module worker: the baseline evaluation runs here, off the page's main thread.
import * as Comlink from 'comlink';
import { BaselineService } from '../src/rpc/baseline-service';

Comlink.expose(new BaselineService());
