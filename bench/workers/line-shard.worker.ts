// LINE on several browser workers: one shard of the samples per worker (browserLineThreads).
import { serveLineShard } from '../../src/models/line/shard.ts';

serveLineShard();
