import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGraphFile } from '../../data/node.ts';
import { Rng } from '../../data/rng.ts';
import { InvalidArgumentError } from '../../errors.ts';
import { lineSgdKernel } from './kernel.ts';
import { LineModel } from './model.ts';
import { initVertex, kernelJob, runSamples } from './sgd.ts';
import { buildLineTables } from './tables.ts';
import { LINE_WASM_SOURCE_SHA256 } from './wasm/kernel-wasm.ts';
import { lineWasmKernel, lineWasmModule } from './wasm-kernel.ts';

const dir = 'src/models/line/wasm';
const hasClang =
  spawnSync('clang-14', ['--version']).status === 0 && spawnSync('wasm-ld-14', ['--version']).status === 0;

describe('LINE WebAssembly SIMD kernel', () => {
  it('is built from the committed kernel.c (source hash recorded by build.sh)', () => {
    const sha = createHash('sha256')
      .update(readFileSync(`${dir}/kernel.c`))
      .digest('hex');
    expect(sha).toBe(LINE_WASM_SOURCE_SHA256);
  });

  it.skipIf(!hasClang)('rebuilds byte for byte from kernel.c with clang-14 (build.sh)', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'line-wasm-'));
    try {
      for (const f of ['kernel.c', 'build.sh']) copyFileSync(`${dir}/${f}`, join(tmp, f));
      execFileSync('sh', [join(tmp, 'build.sh')]);
      expect(readFileSync(join(tmp, 'kernel-wasm.ts'), 'utf8')).toBe(readFileSync(`${dir}/kernel-wasm.ts`, 'utf8'));
    } finally {
      rmSync(tmp, { recursive: true });
    }
  });

  it('compiles both builds here (Node 20 has WebAssembly SIMD and shared memory)', () => {
    expect(lineWasmModule('plain')).toBeInstanceOf(WebAssembly.Module);
    expect(lineWasmModule('shared')).toBeInstanceOf(WebAssembly.Module);
  });

  it.each([
    [1, 16],
    [2, 13],
    [2, 64],
  ] as const)(
    'draws the same samples as the JavaScript kernel (order %i, %i-d): vectors agree to f32 rounding',
    async (order, dim) => {
      const graph = await loadGraphFile('public/data/graphs/karate.json');
      const tables = buildLineTables(graph);
      const make = () => {
        const vertex = initVertex(graph.n, dim, new Rng(3));
        const context = order === 1 ? vertex : vertex.map((x) => -x);
        return kernelJob({ tables, dim, vertex, context, negatives: 5, total: 20_000, learningRate: 0.025 });
      };
      const js = make(),
        wasm = make();
      const lossJs = lineSgdKernel(js, 0, 20_000, 11);
      const lossWasm = lineWasmKernel(wasm, 0, 20_000, 11);
      expect(lossWasm).not.toBeNull();
      expect(Math.abs((lossWasm as number) - lossJs)).toBeLessThan(1e-3 * lossJs);
      let worst = 0;
      for (let i = 0; i < js.vertex.length; i++) {
        worst = Math.max(worst, Math.abs(js.vertex[i] - wasm.vertex[i]), Math.abs(js.context[i] - wasm.context[i]));
      }
      expect(worst).toBeLessThan(2e-4);
      // The vectors moved far more than that: the comparison is not between two untouched copies.
      const start = make();
      expect(Math.max(...Array.from(js.vertex, (x, i) => Math.abs(x - start.vertex[i])))).toBeGreaterThan(0.05);
    },
  );

  it("runSamples runs the wasm kernel by default and the JavaScript one on 'js', from one stream", async () => {
    const graph = await loadGraphFile('public/data/graphs/karate.json');
    const tables = buildLineTables(graph);
    const job = () => {
      const vertex = initVertex(graph.n, 8, new Rng(1));
      return { tables, dim: 8, vertex, context: vertex, negatives: 5, total: 5000, learningRate: 0.025 };
    };
    const [a, b, c] = [job(), job(), job()];
    runSamples(a, 0, 5000, new Rng(2));
    runSamples(b, 0, 5000, new Rng(2), 'js');
    lineSgdKernel(kernelJob(c), 0, 5000, Math.floor(new Rng(2).next() * 4294967296) | 0);
    expect(b.vertex).toEqual(c.vertex);
    expect(a.vertex).not.toEqual(b.vertex); // f32 lanes against f64: not bit-identical…
    for (let i = 0; i < a.vertex.length; i++) expect(a.vertex[i]).toBeCloseTo(b.vertex[i], 4); // …but the same run
  });

  it("LineModel's cpuKernel picks the loop: 'js' and the default train the same run to f32 rounding", async () => {
    const graph = await loadGraphFile('public/data/graphs/karate.json');
    const config = { samples: 20_000, chunk: 5_000, seed: 3 };
    const auto = new LineModel(config, { backend: 'cpu' });
    const js = new LineModel(config, { backend: 'cpu', cpuKernel: 'js' });
    await auto.fit(graph);
    await js.fit(graph);
    const a = auto.embeddings(),
      b = js.embeddings();
    expect(a).not.toEqual(b);
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(2e-3);
    expect(() => new LineModel({}, { cpuKernel: 'simd' as never })).toThrow(InvalidArgumentError);
  });
});
