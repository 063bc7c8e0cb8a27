/** Bench worker: LINE CPU speed and the WebGPU kernels' speed inside a dedicated module worker. */
import { exposeService } from '../src/rpc/expose';
import { parseGraph } from '../src/data/loaders/graph';
import { lineCpuSpeed } from '../src/models/line/speed';
import { gpuSpeed, type LineSpeedWorker } from '../src/models/line/speed-page';

const api: LineSpeedWorker = {
  async cpuSpeed(url, samples) {
    const graph = parseGraph(await (await fetch(url)).text(), { file: url });
    return lineCpuSpeed(graph, samples);
  },
  gpuSpeed,
};
exposeService(api);
