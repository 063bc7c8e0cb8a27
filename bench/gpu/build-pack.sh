#!/usr/bin/env bash
# Builds the folder that travels to a GPU machine for the GPU bench (bench/gpu/line-gpu.ts: the LINE
# part and the NCF part of ncf-gpu.ts, which also times the fused-webgpu NCF engine of src/models/ncf/gpu
# with its roofline estimate; their PyTorch twins line_torch.py and ncf_torch.py; MovieLens
# ml-latest-small's ratings.csv), with the shared recipe (../shared/gpu/make-pack.sh: Node, Dawn,
# the Vulkan loader, run-on-device.sh). Run from the repo root; DEST must stay git-ignored (.gpu-pack/ is).
# usage: bash bench/gpu/build-pack.sh [DEST=.gpu-pack]
# then, on the GPU machine, from the repo root (carry DEST):
#   BENCH_S=450 bash .gpu-pack/run-on-device.sh --twin "$PWD/.gpu-pack/line_torch.py"
set -euo pipefail
dest="${1:-.gpu-pack}"
shared="${SHARED_GPU:-../shared/gpu}"
mkdir -p "$dest"
npx esbuild bench/gpu/line-gpu.ts --bundle --platform=node --format=cjs --target=node18 \
  --main-fields=module,main --log-level=warning --outfile="$dest/line-gpu.cjs" \
  --external:'*?url' --log-override:empty-import-meta=silent # browser-only wasm asset URLs; Node never loads them
bash "$shared/make-pack.sh" "$dest" "$dest/line-gpu.cjs"
cp bench/gpu/line_torch.py bench/gpu/ncf_torch.py public/data/movielens-small/ratings.csv "$dest/"
rm -f "$dest/line-gpu.cjs" # make-pack copied it to bench.cjs
echo "GPU machine, repo root: BENCH_S=450 bash $dest/run-on-device.sh --twin \"\$PWD/$dest/line_torch.py\""
