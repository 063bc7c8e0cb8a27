// Dedicated module worker: talent-search training (graphs, LINE, two-tower) and ranking, off the main thread.
import * as Comlink from 'comlink';
import { TalentService } from '../src/models/talent/service';

Comlink.expose(new TalentService());
