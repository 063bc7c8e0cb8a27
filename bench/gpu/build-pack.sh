#!/usr/bin/env bash
# Builds the folder that travels to a GPU machine for the LINE bench (bench/gpu/line-gpu.ts + the
# PyTorch twin bench/gpu/line_torch.py), with the shared recipe (../shared/gpu/make-pack.sh: Node, Dawn,
# the Vulkan loader, run-on-device.sh). Run from the repo root; DEST must stay git-ignored (.gpu-pack/ is).
# usage: bash bench/gpu/build-pack.sh [DEST=.gpu-pack]
# then, on the GPU machine, from the repo root (carry DEST):
#   bash .gpu-pack/run-on-device.sh --twin "$PWD/.gpu-pack/line_torch.py"
set -euo pipefail
dest="${1:-.gpu-pack}"
shared="${SHARED_GPU:-../shared/gpu}"
mkdir -p "$dest"
npx esbuild bench/gpu/line-gpu.ts --bundle --platform=node --format=cjs --target=node18 \
  --main-fields=module,main --log-level=warning --outfile="$dest/line-gpu.cjs"
bash "$shared/make-pack.sh" "$dest" "$dest/line-gpu.cjs"
cp bench/gpu/line_torch.py "$dest/line_torch.py"
rm -f "$dest/line-gpu.cjs" # make-pack copied it to bench.cjs
echo "GPU machine, repo root: bash $dest/run-on-device.sh --twin \"\$PWD/$dest/line_torch.py\""
