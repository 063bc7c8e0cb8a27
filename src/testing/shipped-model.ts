/** The shipped-model fixture (written by `make-shipped-model.ts`): a tiny MF as a linkrec model file. */
export const SHIPPED_MF = {
  /** Where the dev server (and the browser tests) serve it. */
  url: '/models/mf-tiny.safetensors',
  sha256: '387475ddcb412bc8679210f0a64bc832be3d86ad766117025118cfbf71a61681',
  bytes: 1292,
} as const;
