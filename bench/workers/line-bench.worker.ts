/** Bench worker: LINE CPU speed and the WebGPU kernels' speed inside a dedicated module worker. */
import { exposeService } from '../../src/rpc/expose.ts';
import { parseGraph } from '../../src/data/loaders/graph.ts';
import { lineCpuSpeed } from '../line/speed.ts';
import { gpuSpeed, type LineSpeedWorker } from '../line/speed-page.ts';

const api: LineSpeedWorker = {
  async cpuSpeed(url, samples) {
    const graph = parseGraph(await (await fetch(url)).text(), { file: url });
    return lineCpuSpeed(graph, samples);
  },
  gpuSpeed,
};
exposeService(api);
