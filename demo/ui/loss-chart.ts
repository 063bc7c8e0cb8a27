import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** A live per-epoch chart of training loss (left axis) and the validation metric when there is one (right, e.g. HR@10). */
export interface LossChart {
  push(epoch: number, loss: number, metric?: number): void;
  reset(): void;
}

/**
 * Mounts a uPlot chart into `root`, sized to its width. `root` carries the points plotted
 * (`data-loss-points`, `data-metric-points`) for tests and assistive tools.
 */
export function mountLossChart(root: HTMLElement, metricName = 'metric'): LossChart {
  const data: [number[], (number | null)[], (number | null)[]] = [[], [], []];
  const plot = new uPlot(
    {
      width: root.clientWidth || 640,
      height: 200,
      scales: { x: { time: false } },
      axes: [
        { label: 'epoch', incrs: [1, 2, 5, 10, 20, 50] },
        { label: 'loss' },
        { side: 1, scale: 'metric', grid: { show: false }, label: metricName },
      ],
      series: [
        { label: 'epoch' },
        { label: 'loss', stroke: '#0a66c2', width: 2, points: { show: true } },
        { label: metricName, stroke: '#c37d16', width: 2, scale: 'metric', points: { show: true } },
      ],
    },
    data,
    root,
  );
  // Follows its box's width (a phone, a resized window, a panel mounted while hidden).
  new ResizeObserver(() => {
    const width = root.clientWidth;
    if (width > 0 && width !== plot.width) plot.setSize({ width, height: plot.height });
  }).observe(root);
  const count = (): void => {
    root.dataset.lossPoints = String(data[1].filter((v) => v !== null).length);
    root.dataset.metricPoints = String(data[2].filter((v) => v !== null).length);
  };
  count();
  return {
    push(epoch, loss, metric) {
      data[0].push(epoch);
      // A one-pass model has no loss (NaN): no point rather than a broken line.
      data[1].push(Number.isFinite(loss) ? loss : null);
      data[2].push(metric ?? null);
      plot.setData(data);
      count();
    },
    reset() {
      data.forEach((column) => (column.length = 0));
      plot.setData(data);
      count();
    },
  };
}
