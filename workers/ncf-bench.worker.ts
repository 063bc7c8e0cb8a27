/** Bench worker: NCF training speed on a chosen tfjs backend (`npm run bench -- courses --chromium`). */
import { exposeService } from '../src/rpc/expose';
import { ncfSpeed, type NcfSpeedWorker } from '../src/testing/ncf-speed';

const api: NcfSpeedWorker = { ncfSpeed };
exposeService(api);
