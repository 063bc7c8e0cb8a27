// Dedicated module worker: talent-search training (graphs, LINE, two-tower) and ranking, off the main thread.
import { exposeService } from '../src/rpc/expose';
import { lazyStore } from '../src/rpc/lazy-store';
import { IdbModelStore } from '../src/store/idb-store';
import { TalentService } from '../src/models/talent/service';

// Trained models are kept in (and restored from) the same IndexedDB model store as the Models tab's.
exposeService(new TalentService(lazyStore(() => IdbModelStore.open())));
