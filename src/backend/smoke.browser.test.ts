import { expect, it } from 'vitest';
it('runs in chromium with webgpu', async () => {
  expect(typeof navigator.gpu).toBe('object');
  const a = await navigator.gpu.requestAdapter();
  expect(a).not.toBeNull();
});
