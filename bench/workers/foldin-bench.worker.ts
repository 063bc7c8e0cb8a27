/** Bench worker: MF fold-in speed in a Chromium dedicated worker (`npm run bench -- foldin`). */
import { exposeService } from '../../src/rpc/expose.ts';
import { foldInSpeed, type FoldInSpeedWorker } from '../foldin/foldin-speed.ts';

const api: FoldInSpeedWorker = { foldInSpeed };
exposeService(api);
