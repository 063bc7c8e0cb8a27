/** Bench worker: NCF training speed on a chosen tfjs backend (`npm run bench -- courses --chromium`). */
import { exposeService } from '../../src/rpc/expose.ts';
import { ncfSpeed, type NcfSpeedWorker } from '../ncf/ncf-speed.ts';

const api: NcfSpeedWorker = { ncfSpeed };
exposeService(api);
