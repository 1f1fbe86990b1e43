/**
 * chart.js, registered once with only what Evenkeys draws (tree-shaken), the annotation plugin
 * for reference bands, and the shared look: the app's font, quiet grid, no animation (the
 * numbers matter, not the motion).
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  PointElement,
  ScatterController,
  Tooltip,
} from 'chart.js';
import annotationPlugin from 'chartjs-plugin-annotation';

let registered = false;

/** Registers the chart.js pieces once (idempotent). */
export function setupCharts(): void {
  if (registered) return;
  registered = true;
  Chart.register(BarController, BarElement, CategoryScale, LinearScale, PointElement, ScatterController, Tooltip, Legend, annotationPlugin);
  Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
  Chart.defaults.font.size = 12;
  Chart.defaults.color = '#5b6670';
  Chart.defaults.borderColor = '#ebe9e4';
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
}

/** The y axis of a deviation chart: ms, 0 = on the line. An array title is drawn one line per entry. */
export function msAxis(title: string | readonly string[]) {
  return { title: { display: true, text: typeof title === 'string' ? title : [...title] }, grid: { color: (ctx: { tick?: { value: number } }) => (ctx.tick?.value === 0 ? '#b9b5ad' : '#ebe9e4') } };
}
