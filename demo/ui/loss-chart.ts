import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** A live per-epoch chart of training loss (left axis) and the validation metric when there is one (right). */
export interface LossChart {
  push(epoch: number, loss: number, metric?: number): void;
  reset(): void;
}

/** Mounts a uPlot chart into `root`, sized to its width. */
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
  return {
    push(epoch, loss, metric) {
      data[0].push(epoch);
      data[1].push(loss);
      data[2].push(metric ?? null);
      plot.setData(data);
    },
    reset() {
      data.forEach((column) => (column.length = 0));
      plot.setData(data);
    },
  };
}
