/** One finger's trend: a chart.js line chart of its sessions against its baseline (see trend-data.ts). */
import { useMemo } from 'react';
import { Line } from 'react-chartjs-2';
import type { DriftDocumentAlert, DriftDocumentSeries } from '../../../core/api/drift';
import './chart-setup';
import { trendChart } from './trend-data';

export interface TrendChartProps {
  readonly series: DriftDocumentSeries;
  readonly alerts: readonly DriftDocumentAlert[];
  /** Exercise id -> name, for the hover text. */
  readonly exerciseNames?: ReadonlyMap<string, string>;
}

export function TrendChart({ series, alerts, exerciseNames }: TrendChartProps) {
  const chart = useMemo(() => trendChart(series, alerts, exerciseNames), [series, alerts, exerciseNames]);
  return (
    <div className="trend-canvas">
      <Line data={chart.data} options={chart.options} aria-label={`Trend of ${series.metric} for ${series.hand} ${series.finger ?? 'hand'}`} role="img" />
    </div>
  );
}
