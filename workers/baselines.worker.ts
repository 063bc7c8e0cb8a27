// Dedicated module worker: the baseline evaluation runs here, off the page's main thread.
import { exposeService } from '../src/rpc/expose';
import { BaselineService } from '../src/rpc/baseline-service';

exposeService(new BaselineService());
