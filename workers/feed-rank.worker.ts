// Assembles feeds with a trained second-pass ranker.
import { serveFeedRanking } from '../src/serve/feed.ts'; // = linkrec/worker's, one service per module

serveFeedRanking();
