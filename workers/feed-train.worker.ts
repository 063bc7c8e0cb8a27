// Trains and evaluates the feed's second-pass ranker.
import { serveFeedTraining } from '../src/serve/feed.ts'; // = linkrec/worker's, one service per module

serveFeedTraining();
