/** Bench worker: NCF training speed on a chosen tfjs backend (`npm run bench -- courses --chromium`). */
import { expose } from 'comlink';
import { ncfSpeed, type NcfSpeedWorker } from '../src/testing/ncf-speed';

const api: NcfSpeedWorker = { ncfSpeed };
expose(api);
