import { createEffect, onCleanup, onMount } from 'solid-js';
import type { MiChart } from '../../../domain/mi-charts.ts';

/**
 * One chart, drawn by Apache ECharts (loaded on first use). A picture for sighted users: it is an image
 * to assistive technology, named, and the table beside it carries the same figures.
 */
export function Chart(props: { chart: MiChart; height?: number }) {
  let el!: HTMLDivElement;
  let instance: { setOption(o: unknown, notMerge: boolean): void; resize(): void; dispose(): void } | undefined;
  const resize = () => instance?.resize();
  onMount(async () => {
    const { init } = await import('./echarts.ts');
    instance = init(el, null, { renderer: 'svg' });
    instance.setOption(props.chart.option, true);
    window.addEventListener('resize', resize);
  });
  createEffect(() => instance?.setOption(props.chart.option, true));
  onCleanup(() => {
    window.removeEventListener('resize', resize);
    instance?.dispose();
  });
  // ECharts writes its own generated description onto the element it draws in: that element is hidden
  // from assistive technology, and the image around it carries the chart's name and points to the table.
  return (
    <div
      class="app-mi-chart"
      role="img"
      aria-label={`Chart: ${props.chart.title}. The table that follows gives the same figures.`}
      data-chart={props.chart.key}
    >
      {/* A block fills the column's width; only the height is set, through the CSSOM the CSP allows. */}
      <div ref={el} aria-hidden="true" style={{ height: `${props.height ?? 280}px` }} />
    </div>
  );
}
