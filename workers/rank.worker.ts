// Dedicated module worker: answers ranking requests, never behind a training step (see RankingService).
import { expose } from 'comlink';
import { installErrorTransfer } from '../src/rpc/errors';
import { lazyStore } from '../src/rpc/lazy-store';
import { RankingService } from '../src/rpc/ranking-service';
import { IdbModelStore } from '../src/store/idb-store';

installErrorTransfer();
expose(new RankingService(lazyStore(() => IdbModelStore.open(), true)));
