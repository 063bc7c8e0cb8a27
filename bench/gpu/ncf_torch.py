"""PyTorch twin of linkrec's NCF training steps (src/models/ncf/forward.ts + train.ts), run on the same
host-built batches and initial weights as ours (written by bench/gpu/ncf-twin-io.ts):
- NeuMF: GMF (dim) and MLP (layers, e.g. 64-32-16, on two layers[0]/2 embeddings) towers on id
  embeddings, concatenated, output vector h, plus an item bias;
- seed-NCF: learner tower = sum of learner-embedding rows of the row's window (FISM: the row's own item
  left out) / sqrt(n); course tower = weighted sum of co-watch neighbour rows; their element-wise
  product . h, plus the item bias and the time-context feature times one learned weight;
- loss: mean logistic loss + l2 / rows * (sum of squares of the rows the batch touched, and of the
  MLP weights); Adam (beta 0.9 / 0.999, eps 1e-7), autograd, float32.
Each step copies its batch host -> device (as ours uploads it), cycling over the exported batches.

usage: python3 ncf_torch.py --dir DIR [--device cuda|cpu] [--steps 50] [--warmup 5] [--compile]
         [--budget-s 120]    DIR/ncf.json lists the configurations.
Prints `NCF_TWIN_ROW {json}` per configuration as it finishes and `TWIN_RESULT {json}` last.
`loss0` is the loss of batch 0 at the initial weights: it must equal ours (`our_loss0`)."""
import argparse, json, os, sys, time
import numpy as np

p = argparse.ArgumentParser()
p.add_argument('--dir', required=True); p.add_argument('--device', default='cuda')
p.add_argument('--steps', type=int, default=50); p.add_argument('--warmup', type=int, default=5)
p.add_argument('--compile', action='store_true'); p.add_argument('--budget-s', type=float, default=120)
p.add_argument('--numpy', action='store_true', help='accepted for the shared command line; this twin needs torch')
a = p.parse_args()
T0 = time.perf_counter()
try:
    import torch
    import torch.nn.functional as F
except ImportError:
    print('TWIN_RESULT', json.dumps({'error': 'torch is not installed'}), flush=True); sys.exit(2)

dev = a.device
if dev == 'cuda' and not torch.cuda.is_available():
    print('WARNING: CUDA unavailable; torch runs on cpu', flush=True); dev = 'cpu'
dev = torch.device(dev)
cuda = dev.type == 'cuda'
sync = torch.cuda.synchronize if cuda else (lambda: None)
INT = {'users', 'items', 'row_user', 'row_item', 'l_idx', 'l_seg', 'c_idx', 'c_seg'}


def load_batches(cfg):
    """Per batch: a dict of host tensors (pinned on CUDA), sliced from the concatenated files."""
    def rd(key):
        path = os.path.join(a.dir, f"{cfg['name']}.{key}.{'i32' if key in INT else 'f32'}")
        return np.fromfile(path, dtype=np.int32 if key in INT else np.float32)
    keys = {'rows': ['users', 'items', 'labels'] + (['context'] if cfg['has_context'] else [])
                    + (['row_user', 'row_item', 'in_hist'] if cfg['has_seed'] else []),
            'l_nnz': ['l_idx', 'l_seg', 'l_w'], 'l_n': ['l_count'], 'c_nnz': ['c_idx', 'c_seg', 'c_w'], 'c_n': ['c_count']}
    if not cfg['has_seed']: keys = {'rows': keys['rows']}
    arrays = {k: rd(k) for ks in keys.values() for k in ks}
    out, off = [], {size: 0 for size in keys}
    for b in cfg['batches']:
        d = {}
        for size, ks in keys.items():
            for k in ks:
                t = torch.from_numpy(arrays[k][off[size]:off[size] + b[size]].copy())
                d[k] = t.pin_memory() if cuda else t
            off[size] += b[size]
        out.append(d)
    return out


def to_device(hb):
    d = {k: v.to(dev, non_blocking=True) for k, v in hb.items()}
    for k in INT & d.keys(): d[k] = d[k].long()
    return d


def seg_sum(table, idx, seg, w, n):
    """sum of w * table[idx] per segment (forward.ts segmentSum)."""
    rows = F.embedding(idx, table) * w[:, None]
    return torch.zeros((n, table.shape[1]), device=table.device, dtype=table.dtype).index_add(0, seg, rows)


def loss_fn(P, b, arch, n_layers, l2):
    """forward.ts trainLogits + train.ts step's loss."""
    items, labels = b['items'], b['labels']
    squares, parts = [], []
    def rows_of(name, ids):
        r = F.embedding(ids, P[name]) if P[name].dim() == 2 else P[name][ids]
        squares.append((r * r).sum()); return r
    if arch == 'seed':
        sums = seg_sum(P['learner'], b['l_idx'], b['l_seg'], b['l_w'], b['l_count'].shape[0])
        own = F.embedding(items, P['learner']) * b['in_hist'][:, None]
        n = torch.clamp(b['l_count'][b['row_user']] - b['in_hist'], min=1)
        u = (sums[b['row_user']] - own) * torch.rsqrt(n)[:, None]
        c = seg_sum(P['course'], b['c_idx'], b['c_seg'], b['c_w'], b['c_count'].shape[0])[b['row_item']]
        squares += [(u * u).sum(), (c * c).sum()]
        parts.append(u * c)
    if 'gmfUser' in P: parts.append(rows_of('gmfUser', b['users']) * rows_of('gmfItem', items))
    if 'mlpUser' in P:
        h = torch.cat([rows_of('mlpUser', b['users']), rows_of('mlpItem', items)], 1)
        for l in range(1, n_layers):
            h = torch.relu(h @ P[f'w{l}'] + P[f'b{l}'])
            squares.append((P[f'w{l}'] ** 2).sum())
        parts.append(h)
    x = parts[0] if len(parts) == 1 else torch.cat(parts, 1)
    z = x @ P['h'] + rows_of('itemBias', items)
    if 'timeW' in P and 'context' in b: z = z + b['context'] * P['timeW']
    ce = F.binary_cross_entropy_with_logits(z, labels)  # = mean(softplus(z) - y z)
    return ce + torch.stack(squares).sum() * (l2 / labels.shape[0])


def run_config(cfg):
    s = cfg['settings']
    P = {k: torch.from_numpy(np.fromfile(os.path.join(a.dir, f"{cfg['name']}.param.{k}.f32"), dtype=np.float32).reshape(shape)).to(dev).requires_grad_()
         for k, shape in cfg['params'].items()}
    host = load_batches(cfg)
    arch, n_layers, l2 = cfg['arch'], len(s['layers']), s['l2']
    f = loss_fn
    if a.compile:
        if not hasattr(torch, 'compile'): raise RuntimeError(f'torch.compile is not in torch {torch.__version__}')
        torch._dynamo.reset()  # a fresh compile per configuration: no recompile-limit fallback to eager
        f = torch.compile(loss_fn, dynamic=True)
    with torch.no_grad(): loss0 = float(loss_fn(P, to_device(host[0]), arch, n_layers, l2))
    opt = torch.optim.Adam(list(P.values()), lr=s['learningRate'], betas=(0.9, 0.999), eps=1e-7)
    k = [0]
    def step():
        hb = host[k[0] % len(host)]; k[0] += 1
        opt.zero_grad(set_to_none=True)
        loss = f(P, to_device(hb), arch, n_layers, l2); loss.backward(); opt.step()
        return loss.detach(), hb['labels'].shape[0]
    t = time.perf_counter()
    for _ in range(a.warmup): step()
    sync(); warm_s = time.perf_counter() - t
    t, rows = time.perf_counter(), 0
    for _ in range(a.steps): loss, r = step(); rows += r
    last = float(loss); sync(); sec = time.perf_counter() - t
    return {'name': cfg['name'], 'kind': cfg['kind'], 'mode': 'compile' if a.compile else 'eager', 'steps': a.steps,
            'mean_batch_rows': round(rows / a.steps), 'seconds': round(sec, 4), 'samples_per_s': round(rows / sec),
            'ms_per_step': round(sec * 1000 / a.steps, 3), 'warmup_s': round(warm_s, 2),
            'loss0': round(loss0, 6), 'our_loss0': cfg['our_loss0'], 'loss0_abs_diff': abs(loss0 - cfg['our_loss0']),
            'loss_last': round(last, 6)}


meta = json.load(open(os.path.join(a.dir, 'ncf.json')))
res = {'twin': 'torch', 'torch': torch.__version__, 'device': str(dev), 'mode': 'compile' if a.compile else 'eager',
       **({'gpu': torch.cuda.get_device_name(0)} if cuda else {}), 'rows': []}
for cfg in meta['configs']:
    if time.perf_counter() - T0 > a.budget_s:
        row = {'name': cfg['name'], 'skipped': f'budget {a.budget_s:.0f} s spent'}
    else:
        try: row = run_config(cfg)
        except Exception as e: row = {'name': cfg['name'], 'error': repr(e)[:400]}
    res['rows'].append(row)
    print('NCF_TWIN_ROW', json.dumps(row), flush=True)
print('TWIN_RESULT', json.dumps(res), flush=True)
