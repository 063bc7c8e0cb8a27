import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/index.ts';
import { FormatError } from '../errors.ts';
import { readSafetensors, writeSafetensors } from './safetensors.ts';
import { NCF_STATE_VERSION } from '../models/ncf/state.ts';
import { modelIdMaps } from '../models/shared/state.ts';
import { importTorchNcf, TORCH_NCF_STATE_VERSION } from './torch-ncf.ts';
import { loadTorchNcf } from './torch-ncf-load.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
const expected = JSON.parse(new TextDecoder().decode(fixture('torch-ncf-scores.json'))) as {
  users: number[];
  items: number[];
} & Record<'gmf' | 'mlp' | 'neumf', { scores: number[] }>;

beforeAll(async () => {
  await initBackend('cpu');
});

describe('PyTorch NCF (guoyang9 layout) → NcfModel', () => {
  for (const arch of ['gmf', 'mlp', 'neumf'] as const) {
    it(`${arch}: scores equal PyTorch's forward within 1e-5`, async () => {
      const bytes = fixture(`torch-ncf-${arch}.safetensors`);
      const r = await loadTorchNcf(bytes, {
        file: `torch-ncf-${arch}.safetensors`,
        arch: arch === 'mlp' ? 'mlp' : undefined,
      });
      expect([r.arch, r.users, r.items]).toEqual([arch, 30, 40]);
      const scores = await r.model.score(Int32Array.from(expected.users), Int32Array.from(expected.items));
      let worst = 0;
      scores.forEach((s, k) => (worst = Math.max(worst, Math.abs(s - expected[arch].scores[k]))));
      console.log(`${arch}: max |score − PyTorch| = ${worst.toExponential(2)}`);
      expect(worst).toBeLessThanOrEqual(1e-5);
      expect(new Set(expected[arch].scores.map((s) => Math.sign(s))).size).toBe(2); // not a constant model
      // The state is exactly what NcfModel itself writes (encodeNcfState's layout and version).
      expect(TORCH_NCF_STATE_VERSION).toBe(NCF_STATE_VERSION);
      const saved = await r.model.toState();
      expect(saved.config).toEqual(r.state.config);
      expect(saved.tensors).toEqual(r.state.tensors);
      r.model.dispose();
    });
  }

  it('infers NeuMF; a full GMF/MLP state_dict is ambiguous without arch', () => {
    const neumf = importTorchNcf(fixture('torch-ncf-neumf.safetensors'));
    expect(neumf.arch).toBe('neumf');
    // Without ids, torch's rows are the ids: the maps the ranking worker looks users and items up in.
    const { users, items } = modelIdMaps(neumf.state);
    expect([users.size, users.index(29), items.size, items.index(7)]).toEqual([30, 29, 40, 7]);
    expect(importTorchNcf(fixture('torch-ncf-gmf.safetensors')).arch).toBe('gmf');
    expect(() => importTorchNcf(fixture('torch-ncf-mlp.safetensors'), { file: 'm.st' })).toThrow(/pass arch/);
    const mlp = importTorchNcf(fixture('torch-ncf-mlp.safetensors'), { arch: 'mlp' });
    expect(mlp.layers).toEqual([32, 16, 8]);
    expect(mlp.unused).toEqual(['embed_item_GMF.weight', 'embed_user_GMF.weight']);
  });

  it('keyMap and a DataParallel prefix reach other layouts', async () => {
    const st = readSafetensors(fixture('torch-ncf-neumf.safetensors'));
    const renamed = Object.fromEntries(
      Object.entries(st.tensors).map(([k, t]) => [
        `module.${k.replace('MLP_layers', 'tower').replace('predict_layer', 'out')}`,
        { shape: t.shape, data: t.data },
      ]),
    );
    const r = importTorchNcf(writeSafetensors(renamed), {
      keyMap: { MLP_layers: 'tower', 'predict_layer.weight': 'out.weight', 'predict_layer.bias': 'out.bias' },
    });
    expect(r.state.tensors).toEqual(importTorchNcf(st).state.tensors);
  });

  it('inconsistent shapes → FormatError naming the file and tensor', () => {
    const st = readSafetensors(fixture('torch-ncf-neumf.safetensors'));
    const t = Object.fromEntries(Object.entries(st.tensors).map(([k, v]) => [k, { shape: v.shape, data: v.data }]));
    const broken = { ...t, 'predict_layer.weight': { shape: [1, 3], data: new Float32Array(3) } };
    expect(() => importTorchNcf(writeSafetensors(broken), { file: 'x.safetensors' })).toThrow(FormatError);
    const noLayer = { ...t, 'MLP_layers.4.weight': { shape: [8, 15], data: new Float32Array(120) } };
    expect(() => importTorchNcf(writeSafetensors(noLayer), { file: 'x.safetensors' })).toThrow(/MLP_layers\.4\.weight/);
    const { 'predict_layer.weight': _, ...noPredict } = t;
    expect(() => importTorchNcf(writeSafetensors(noPredict))).toThrow(/predict_layer\.weight/);
  });
});
