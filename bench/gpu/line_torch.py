"""PyTorch twin of linkrec's fused WGSL LINE kernel: the same LINE SGD step (Tang et al. 2015, K
negatives, rho_t = rho0 (1 - t/T), sigmoid gradient applied to vertex and context rows), batched as
PyTorch runs it best: B edge samples per step drawn from the *same* flat alias tables the WGSL kernel
reads (written by bench/gpu/twin-io.ts), manual gradients, index_add_ updates, float32, no autograd.

usage: python3 line_torch.py --dir DIR --graph NAME --task speed|embed [--device cuda|cpu]
         speed: [--dims 64,128] [--batches 65536,1048576] [--steps 30] [--negatives 5]
         embed: [--samples N] [--batch 1024] [--order 1]  -> DIR/NAME.emb.f32 (L2-normalised rows)
       --numpy: run the same step in NumPy where torch is absent (CPU smoke test of this file only).
Prints progress lines and `TWIN_RESULT {json}` last."""
import argparse, json, os, time
import numpy as np

p = argparse.ArgumentParser()
p.add_argument('--dir', required=True); p.add_argument('--graph', required=True)
p.add_argument('--task', choices=['speed', 'embed'], required=True)
p.add_argument('--device', default='cuda'); p.add_argument('--numpy', action='store_true')
p.add_argument('--dims', default='64,128'); p.add_argument('--batches', default='65536,1048576')
p.add_argument('--steps', type=int, default=30); p.add_argument('--negatives', type=int, default=5)
p.add_argument('--samples', type=int, default=2_000_000); p.add_argument('--batch', type=int, default=1024)
p.add_argument('--order', type=int, default=1); p.add_argument('--rho0', type=float, default=0.025)
a = p.parse_args()

try:
    import torch
except ImportError:
    torch = None
if torch is None and not a.numpy:
    raise SystemExit('torch is not installed (pass --numpy for a CPU smoke test of the twin)')


class Torch:
    """The few array ops the step needs, on one torch device."""
    name = 'torch'
    def __init__(s, dev):
        if dev == 'cuda' and not torch.cuda.is_available():
            print('WARNING: CUDA unavailable; torch runs on cpu', flush=True); dev = 'cpu'
        s.dev = torch.device(dev); s.gen = torch.Generator(device=s.dev).manual_seed(1)
    def load(s, arr): return torch.from_numpy(arr).to(s.dev)
    def randint(s, n, size): return torch.randint(0, n, (size,), device=s.dev, generator=s.gen)
    def rand(s, size): return torch.rand((size,), device=s.dev, generator=s.gen)
    def where(s, c, x, y): return torch.where(c, x, y)
    def cat(s, xs): return torch.cat(xs, 1)
    def sigmoid(s, x): return torch.sigmoid(x)
    def einsum(s, eq, *xs): return torch.einsum(eq, *xs)
    def index_add(s, table, idx, vals): table.index_add_(0, idx, vals)
    def uniform_rows(s, n, d): return (torch.rand((n, d), device=s.dev, generator=s.gen) - 0.5) / d
    def zeros(s, n, d): return torch.zeros((n, d), device=s.dev)
    def labels(s, b, k): l = torch.zeros((b, k + 1), device=s.dev); l[:, 0] = 1; return l
    def sync(s):
        if s.dev.type == 'cuda': torch.cuda.synchronize()
    def numpy(s, x): return x.cpu().numpy()
    def info(s): return {'torch': torch.__version__, **({'gpu': torch.cuda.get_device_name(0)} if s.dev.type == 'cuda' else {})}


class Numpy(Torch):
    name = 'numpy'
    def __init__(s, dev): s.rng = np.random.default_rng(1)
    def load(s, arr): return arr
    def randint(s, n, size): return s.rng.integers(0, n, size)
    def rand(s, size): return s.rng.random(size, dtype=np.float32)
    def where(s, c, x, y): return np.where(c, x, y)
    def cat(s, xs): return np.concatenate(xs, 1)
    def sigmoid(s, x): return 1 / (1 + np.exp(-x))
    def einsum(s, eq, *xs): return np.einsum(eq, *xs)
    def index_add(s, table, idx, vals): np.add.at(table, idx, vals)
    def uniform_rows(s, n, d): return ((s.rng.random((n, d), dtype=np.float32) - 0.5) / d).astype(np.float32)
    def zeros(s, n, d): return np.zeros((n, d), np.float32)
    def labels(s, b, k): l = np.zeros((b, k + 1), np.float32); l[:, 0] = 1; return l
    def sync(s): pass
    def numpy(s, x): return x
    def info(s): return {'numpy': np.__version__}


X = Numpy(a.device) if torch is None else Torch(a.device)
base = os.path.join(a.dir, a.graph)
meta = json.load(open(base + '.json'))
rd = lambda suffix, dt: X.load(np.fromfile(f'{base}.{suffix}', dtype=dt).astype(np.int64 if dt == np.int32 else np.float32))
src, dst = rd('arc_src.i32', np.int32), rd('arc_dst.i32', np.int32)
eprob, ealias = rd('edge_prob.f32', np.float32), rd('edge_alias.i32', np.int32)
nprob, nalias = rd('node_prob.f32', np.float32), rd('node_alias.i32', np.int32)
N, M = meta['n'], meta['arcs']


def draw(prob, alias, n, size):
    col = X.randint(n, size)
    return X.where(X.rand(size) < prob[col], col, alias[col])


def step(E, C, B, K, rho, labels):
    """One LINE SGD step on B edge samples: the WGSL kernel's update, summed over the batch."""
    arc = draw(eprob, ealias, M, B)
    u = src[arc]
    tgt = X.cat([dst[arc][:, None], draw(nprob, nalias, N, B * K).reshape(B, K)])  # (B, 1+K): positive, negatives
    eu, ct = E[u], C[tgt]                                  # (B, D), (B, 1+K, D)
    g = (labels - X.sigmoid(X.einsum('bd,bkd->bk', eu, ct))) * rho
    err = X.einsum('bk,bkd->bd', g, ct)
    X.index_add(C, tgt.reshape(-1), (g[:, :, None] * eu[:, None, :]).reshape(B * (K + 1), -1))
    X.index_add(E, u, err)


def speed(dim, B, steps, K):
    E, C = X.uniform_rows(N, dim), X.zeros(N, dim)
    labels = X.labels(B, K)
    for _ in range(3): step(E, C, B, K, a.rho0, labels)
    X.sync(); t0 = time.perf_counter()
    for i in range(steps): step(E, C, B, K, a.rho0 * (1 - i / steps), labels)
    X.sync(); s = time.perf_counter() - t0
    return {'dim': dim, 'batch': B, 'steps': steps, 'seconds': round(s, 4), 'samples_per_s': round(B * steps / s)}


res = {'twin': X.name, **X.info(), 'graph': a.graph, 'nodes': N, 'arcs': M}
if a.task == 'speed':
    for dim in map(int, a.dims.split(',')):
        rows = []
        for B in map(int, a.batches.split(',')):
            try: rows.append(speed(dim, B, a.steps, a.negatives))
            except Exception as e: rows.append({'dim': dim, 'batch': B, 'error': repr(e)[:300]})
            print('torch_speed', json.dumps(rows[-1]), flush=True)
        ok = [r['samples_per_s'] for r in rows if 'samples_per_s' in r]
        res[f'd{dim}'] = {'runs': rows, 'best_samples_per_s': max(ok) if ok else None}
else:
    dim, K, B = 64, a.negatives, a.batch
    E = X.uniform_rows(N, dim); C = E if a.order == 1 else X.zeros(N, dim)
    labels, steps = X.labels(B, K), max(1, a.samples // B)
    X.sync(); t0 = time.perf_counter()
    for i in range(steps): step(E, C, B, K, max(a.rho0 * (1 - i / steps), a.rho0 * 1e-4), labels)
    X.sync()
    emb = X.numpy(E).astype(np.float32)
    emb /= np.maximum(np.linalg.norm(emb, axis=1, keepdims=True), 1e-12)
    emb.tofile(base + '.emb.f32')
    res.update({'order': a.order, 'samples': steps * B, 'batch': B, 'seconds': round(time.perf_counter() - t0, 3)})
print('TWIN_RESULT', json.dumps(res), flush=True)
