/**
 * A 2-D scatter of entity coordinates on a canvas, coloured by group, with a colour legend, the
 * entity's name on hover (and on focus: arrow keys step through the points), and the same points as
 * a list for readers who cannot use the picture. DOM only.
 */
import { h } from './dom.ts';

// 15 job families, 15 colours: a colour never stands for two families.
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
  '#212121',
  '#9e9d24',
  '#ffb300',
];

/** Colour of group `g` on the map and in its legend. */
export const groupColour = (g: number): string => COLOURS[g % COLOURS.length];

/** What one redraw shows. */
export interface MapPoints {
  xy: Float32Array;
  groups: ArrayLike<number>;
  caption: string;
  /** One label per point (hover, focus, list). */
  names: string[];
  /** Label of each group (the legend). */
  groupNames: string[];
}

const PAD = 10;

/** The map: `draw` replaces the points; `data-updates` counts redraws (the e2e test reads it). */
export function mountTalentMap(parent: HTMLElement): { draw(points: MapPoints): void } {
  const canvas = h('canvas', {
    id: 'talent-map',
    width: '420',
    height: '300',
    'data-updates': '0',
    role: 'img',
    tabindex: '0',
    'aria-label': 'PCA map of company embeddings; use the arrow keys to hear each company, or open the list below',
    'aria-describedby': 'talent-map-hover',
  });
  const hover = h('p', { class: 'stage map-hover', id: 'talent-map-hover', 'aria-live': 'polite' }, '');
  const caption = h(
    'p',
    { class: 'stage', id: 'talent-map-caption' },
    'Company embeddings appear here while LINE trains.',
  );
  const legend = h('ul', { class: 'map-legend', id: 'talent-map-legend', 'aria-label': 'Colour legend' });
  const list = h('ul', { class: 'map-list', id: 'talent-map-list' });
  const details = h('details', { class: 'map-points' }, h('summary', {}, 'The companies on the map, by colour'), list);
  parent.append(canvas, hover, caption, legend, details);

  let shown: MapPoints | null = null;
  let px = new Float32Array(0); // canvas coordinates of each point
  let focused = -1;

  const label = (i: number): string =>
    shown ? `${shown.names[i] ?? `point ${i}`} (${shown.groupNames[shown.groups[i]] ?? 'no group'})` : '';

  const paint = (): void => {
    const ctx = canvas.getContext('2d');
    if (!ctx || !shown) return;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    const n = px.length / 2;
    for (let i = 0; i < n; i++) {
      ctx.fillStyle = groupColour(shown.groups[i]);
      ctx.beginPath();
      ctx.arc(px[2 * i], px[2 * i + 1], i === focused ? 6 : 3, 0, 2 * Math.PI);
      ctx.fill();
    }
  };

  const point = (i: number): void => {
    focused = i;
    hover.textContent = i >= 0 ? label(i) : '';
    canvas.title = i >= 0 ? label(i) : '';
    paint();
  };

  canvas.addEventListener('mousemove', (event) => {
    const box = canvas.getBoundingClientRect();
    const x = ((event.clientX - box.left) * canvas.width) / box.width;
    const y = ((event.clientY - box.top) * canvas.height) / box.height;
    let best = -1,
      dist = 12 * 12; // within 12 canvas pixels
    for (let i = 0; i < px.length / 2; i++) {
      const d = (px[2 * i] - x) ** 2 + (px[2 * i + 1] - y) ** 2;
      if (d < dist) [best, dist] = [i, d];
    }
    if (best !== focused) point(best);
  });
  canvas.addEventListener('mouseleave', () => point(-1));
  canvas.addEventListener('keydown', (event) => {
    const n = px.length / 2;
    if (!n) return;
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (!step) return;
    event.preventDefault();
    point((focused + step + n) % n);
  });
  canvas.addEventListener('blur', () => point(-1));

  return {
    draw(points) {
      const { xy, groups } = points;
      const n = xy.length / 2;
      let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
      for (let i = 0; i < n; i++) {
        x0 = Math.min(x0, xy[2 * i]);
        x1 = Math.max(x1, xy[2 * i]);
        y0 = Math.min(y0, xy[2 * i + 1]);
        y1 = Math.max(y1, xy[2 * i + 1]);
      }
      const sx = (canvas.width - 2 * PAD) / (x1 - x0 || 1),
        sy = (canvas.height - 2 * PAD) / (y1 - y0 || 1);
      px = new Float32Array(2 * n);
      for (let i = 0; i < n; i++) {
        px[2 * i] = PAD + (xy[2 * i] - x0) * sx;
        px[2 * i + 1] = PAD + (xy[2 * i + 1] - y0) * sy;
      }
      // Over the worker's channel every map arrives as a copy: compare the names, not the arrays.
      const newNames = !shown || shown.names.join('\n') !== points.names.join('\n');
      shown = points;
      paint();
      if (focused >= n) point(-1);
      else if (focused >= 0) hover.textContent = canvas.title = label(focused);
      // The legend: only the groups on the map, in group order.
      const present = [...new Set(Array.from(groups))].sort((a, b) => a - b);
      legend.replaceChildren(
        ...present.map((g) =>
          h(
            'li',
            { 'data-group': String(g) },
            h('span', { class: 'swatch', style: `background: ${groupColour(g)}`, 'aria-hidden': 'true' }),
            points.groupNames[g] ?? `group ${g}`,
          ),
        ),
      );
      if (newNames)
        list.replaceChildren(
          ...Array.from({ length: n }, (_, i) => i)
            .sort((a, b) => groups[a] - groups[b] || points.names[a].localeCompare(points.names[b]))
            .map((i) => h('li', {}, label(i))),
        );
      canvas.dataset.updates = String(Number(canvas.dataset.updates) + 1);
      canvas.dataset.points = String(n);
      caption.textContent = points.caption;
    },
  };
}
