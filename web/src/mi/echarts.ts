// Only what the MI charts draw, loaded with the MI pages (a dynamic import), never in the main bundle.
import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TitleComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([BarChart, AriaComponent, GridComponent, LegendComponent, TitleComponent, SVGRenderer]);

export { init };
