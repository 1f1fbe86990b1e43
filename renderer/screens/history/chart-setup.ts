/**
 * Chart.js registration for the History screen: only the pieces it uses, plus the annotation
 * plugin (baseline band, control limits, alert markers). Animation is off: these are
 * measurements, and a 2,000-point trend must draw at once.
 */
import { BarController, BarElement, CategoryScale, Chart, Filler, LineController, LineElement, LinearScale, PointElement, Tooltip } from 'chart.js';
import annotationPlugin from 'chartjs-plugin-annotation';

Chart.register(LineController, BarController, LinearScale, CategoryScale, PointElement, LineElement, BarElement, Tooltip, Filler, annotationPlugin);
Chart.defaults.animation = false;
Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
Chart.defaults.color = '#5b6670';

export { Chart };
