// Dedicated module worker: trains models off the page's main thread (see TrainingService).
import { exposeService } from '../src/rpc/expose';
import { lazyStore } from '../src/rpc/lazy-store';
import { TrainingService } from '../src/rpc/training-service';
import { IdbModelStore } from '../src/store/idb-store';

exposeService(new TrainingService(lazyStore(() => IdbModelStore.open())));
