/** A 2-D scatter of entity coordinates on a canvas, coloured by group (DOM only). */
import { h } from './dom.ts';

const COLOURS = [
  '#0a66c2',
  '#c2410a',
  '#138a36',
  '#8e24aa',
  '#b8860b',
  '#00838f',
  '#d81b60',
  '#5d4037',
  '#546e7a',
  '#7cb342',
  '#3949ab',
  '#f4511e',
];

/** The map: `draw` replaces the points; `data-updates` counts redraws (the e2e test reads it). */
export function mountTalentMap(parent: HTMLElement): {
  draw(xy: Float32Array, groups: ArrayLike<number>, caption: string): void;
} {
  const canvas = h('canvas', {
    id: 'talent-map',
    width: '420',
    height: '300',
    'data-updates': '0',
    role: 'img',
    'aria-label': 'PCA map of company embeddings',
  });
  const caption = h(
    'p',
    { class: 'stage', id: 'talent-map-caption' },
    'Company embeddings appear here while LINE trains.',
  );
  parent.append(canvas, caption);
  return {
    draw(xy, groups, text) {
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      const n = xy.length / 2;
      let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
      for (let i = 0; i < n; i++) {
        x0 = Math.min(x0, xy[2 * i]);
        x1 = Math.max(x1, xy[2 * i]);
        y0 = Math.min(y0, xy[2 * i + 1]);
        y1 = Math.max(y1, xy[2 * i + 1]);
      }
      const sx = (canvas.width - 20) / (x1 - x0 || 1),
        sy = (canvas.height - 20) / (y1 - y0 || 1);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      for (let i = 0; i < n; i++) {
        ctx.fillStyle = COLOURS[groups[i] % COLOURS.length];
        ctx.beginPath();
        ctx.arc(10 + (xy[2 * i] - x0) * sx, 10 + (xy[2 * i + 1] - y0) * sy, 3, 0, 2 * Math.PI);
        ctx.fill();
      }
      canvas.dataset.updates = String(Number(canvas.dataset.updates) + 1);
      canvas.dataset.points = String(n);
      caption.textContent = text;
    },
  };
}
