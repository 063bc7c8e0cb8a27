// Dedicated module worker: trains models off the page's main thread (see TrainingService).
import { expose } from 'comlink';
import { installErrorTransfer } from '../src/rpc/errors';
import { lazyStore } from '../src/rpc/lazy-store';
import { TrainingService } from '../src/rpc/training-service';
import { IdbModelStore } from '../src/store/idb-store';

installErrorTransfer();
expose(new TrainingService(lazyStore(() => IdbModelStore.open())));
