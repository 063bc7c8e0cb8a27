// Dedicated module worker: trains and evaluates the feed's SPR off the page's main thread.
import { exposeService } from '../src/rpc/expose';
import { lazyStore } from '../src/rpc/lazy-store';
import { IdbModelStore } from '../src/store/idb-store';
import { FeedService } from '../src/models/feed/service';

// Trained models are kept in (and restored from) the same IndexedDB model store as the Models tab's.
exposeService(new FeedService(lazyStore(() => IdbModelStore.open())));
