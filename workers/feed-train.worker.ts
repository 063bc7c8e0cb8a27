// Dedicated module worker: trains and evaluates the feed's SPR off the page's main thread.
import { expose } from 'comlink';
import { FeedService } from '../src/models/feed/service';
import { installErrorTransfer } from '../src/rpc/errors';

installErrorTransfer();
expose(new FeedService());
