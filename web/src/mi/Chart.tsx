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
  return (
    <div
      ref={el}
      class="app-mi-chart"
      role="img"
      aria-label={`Chart: ${props.chart.title}. The table that follows gives the same figures.`}
      data-chart={props.chart.key}
      style={{ width: '100%', height: `${props.height ?? 280}px` }}
    />
  );
}
