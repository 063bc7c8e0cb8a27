// Dedicated module worker: assembles feeds (FPRs → SPR → re-ranker) with a trained SPR state.
import { expose } from 'comlink';
import { FeedService } from '../src/models/feed/service';
import { installErrorTransfer } from '../src/rpc/errors';

installErrorTransfer();
expose(new FeedService());
