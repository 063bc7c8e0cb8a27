// Dedicated module worker: answers ranking requests, never behind a training step (see RankingService).
import { exposeService } from '../src/rpc/expose';
import { lazyStore } from '../src/rpc/lazy-store';
import { RankingService } from '../src/rpc/ranking-service';
import { IdbModelStore } from '../src/store/idb-store';

exposeService(new RankingService(lazyStore(() => IdbModelStore.open(), true)));
