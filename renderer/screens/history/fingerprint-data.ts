/**
 * From a fingerprint comparison (evenkeys.drift/1 `fingerprints[]`) to what the History screen
 * shows: the baseline and recent per-position profiles as a chart.js line chart with each
 * position coloured by the finger that plays it, and the comparison in plain words.
 */
import type { ChartData, ChartOptions } from 'chart.js';
import type { AnnotationOptions } from 'chartjs-plugin-annotation';
import type { DriftDocumentFingerprint } from '../../../core/api/drift';
import { BASELINE_SESSIONS } from '../../../core/drift/detect';
import { FINGERPRINT_CHANGE_RATIO, FINGERPRINT_RECENT_SESSIONS } from '../../../core/drift/fingerprint';
import { fingerCode, fingerColour, fingerLongName } from '../../fingers';
import { formatMs, formatSignedMs } from '../../format';

type Row = NonNullable<DriftDocumentFingerprint['byPosition']>[number];

const BASELINE_COLOUR = '#8a9198';
const RECENT_COLOUR = '#2b3137';

/**
 * A position in words (positions are 0-based, notes are counted from 1).
 *
 * @example positionWords({ direction: 'up', position: 6 }) // => 'note 7 going up'
 */
export function positionWords(row: Pick<Row, 'direction' | 'position'>): string {
  return `note ${row.position + 1} ${row.direction === 'down' ? 'going down' : row.direction === 'up' ? 'going up' : ''}`.trim();
}

/**
 * The chart of both profiles. x: the positions in playing order, labelled by finger (R1 ... R5);
 * baseline dashed grey, recent solid with each point in its finger's colour; the descending half
 * shaded.
 *
 * @example fingerprintChart(fp).data.datasets.map((d) => d.label) // => ['baseline', 'recent']
 */
export function fingerprintChart(fp: DriftDocumentFingerprint): { data: ChartData<'line', number[], string>; options: ChartOptions<'line'> } {
  const rows = fp.byPosition ?? [];
  const labels = rows.map((r) => (r.finger === null ? '?' : fingerCode(fp.hand, r.finger)));
  const colours = rows.map((r) => fingerColour(r.finger));
  const annotations: Record<string, AnnotationOptions> = {
    zero: { type: 'line', yMin: 0, yMax: 0, borderColor: '#d5d2cc', borderWidth: 1 },
  };
  const firstDown = rows.findIndex((r) => r.direction === 'down');
  if (firstDown > 0) {
    annotations.down = {
      type: 'box', xMin: firstDown - 0.5, xMax: rows.length - 0.5, backgroundColor: 'rgba(0, 0, 0, 0.035)', borderWidth: 0,
      label: { display: true, content: 'going down', position: { x: 'start', y: 'start' }, color: '#5b6670', font: { size: 10 } },
    };
    annotations.up = {
      type: 'box', xMin: -0.5, xMax: firstDown - 0.5, backgroundColor: 'rgba(0, 0, 0, 0)', borderWidth: 0,
      label: { display: true, content: 'going up', position: { x: 'start', y: 'start' }, color: '#5b6670', font: { size: 10 } },
    };
  }
  return {
    data: {
      labels,
      datasets: [
        {
          label: 'baseline',
          data: rows.map((r) => r.baselineMs),
          borderColor: BASELINE_COLOUR,
          borderDash: [5, 4],
          borderWidth: 1.5,
          pointRadius: 2.5,
          pointBackgroundColor: BASELINE_COLOUR,
          pointBorderWidth: 0,
          tension: 0,
        },
        {
          label: 'recent',
          data: rows.map((r) => r.recentMs),
          borderColor: RECENT_COLOUR,
          borderWidth: 1.5,
          pointRadius: 4.5,
          pointHoverRadius: 6,
          pointBackgroundColor: colours,
          pointBorderColor: '#ffffff',
          pointBorderWidth: 1,
          tension: 0,
        },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { offset: true, grid: { display: false }, ticks: { autoSkip: true, maxRotation: 0, font: { size: 10 }, color: (ctx) => colours[ctx.index] ?? '#5b6670' } },
        y: { ticks: { font: { size: 10 }, maxTicksLimit: 6 }, title: { display: true, text: 'ms, + = late', font: { size: 10 } } },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: (items) => {
              const row = rows[items[0]?.dataIndex ?? -1];
              if (!row) return '';
              return `${positionWords(row)} · ${row.finger === null ? 'finger unknown' : fingerLongName(fp.hand, row.finger)}`;
            },
            label: (item) => `${item.dataset.label === 'baseline' ? 'baseline' : 'recent'}: ${formatSignedMs(item.parsed.y)}`,
          },
        },
        annotation: { annotations },
      },
    },
  };
}

export interface FingerprintWords {
  /** 'changed', 'usual', or 'waiting' (no comparison yet). */
  readonly verdict: 'changed' | 'usual' | 'waiting';
  readonly headline: string;
  /** Plain sentences: correlation, RMS difference, and where it moved most. */
  readonly lines: readonly string[];
}

/**
 * The comparison in plain words. Correlation bands (0.8, 0.5) are wording only; the verdict is the
 * engine's `changed` (RMS difference > FINGERPRINT_CHANGE_RATIO x what noise alone gives).
 *
 * @example fingerprintWords(fp).headline // => 'Your timing pattern across the scale is as usual.'
 */
export function fingerprintWords(fp: DriftDocumentFingerprint): FingerprintWords {
  if (fp.correlation === null && fp.rmsDifferenceMs === null) {
    const waiting = fp.baselineSessions < BASELINE_SESSIONS
      ? `The fingerprint is compared once the baseline is complete: ${fp.baselineSessions} of ${BASELINE_SESSIONS} sessions so far.`
      : 'The baseline is complete; the comparison starts with your next session of this exercise.';
    return { verdict: 'waiting', headline: 'Not compared yet.', lines: [waiting] };
  }
  const lines: string[] = [];
  if (fp.correlation !== null) {
    const r = fp.correlation;
    const shape = r >= 0.8 ? 'much the same shape as' : r >= 0.5 ? 'partly the same shape as' : 'a different shape from';
    lines.push(`Correlation ${r.toFixed(2)}: your recent pattern of early and late notes has ${shape} your baseline's (1 would be the same shape).`);
  }
  if (fp.rmsDifferenceMs !== null) {
    const expected = fp.expectedRmsMs !== null && fp.expectedRmsMs > 0 ? ` Day-to-day variation alone would give about ${formatMs(fp.expectedRmsMs)}.` : '';
    lines.push(`RMS difference ${formatMs(fp.rmsDifferenceMs)}: how far apart the two lines are on average, note by note.${expected}`);
  }
  // Positions that moved by more than the noise threshold, largest first (at most three).
  const threshold = fp.expectedRmsMs !== null && fp.expectedRmsMs > 0 ? FINGERPRINT_CHANGE_RATIO * fp.expectedRmsMs : 0;
  const moved = (fp.byPosition ?? [])
    .filter((r) => Math.abs(r.recentMs - r.baselineMs) > threshold)
    .sort((a, b) => Math.abs(b.recentMs - b.baselineMs) - Math.abs(a.recentMs - a.baselineMs))
    .slice(0, 3);
  if (fp.changed && moved.length > 0) {
    lines.push(`Moved most: ${moved.map((r) => `${r.finger === null ? '' : `${fingerCode(fp.hand, r.finger)} at `}${positionWords(r)} (${formatSignedMs(r.recentMs - r.baselineMs)})`).join(', ')}.`);
  }
  if (fp.recentSessions < FINGERPRINT_RECENT_SESSIONS) {
    lines.push(`Based on ${fp.recentSessions} recent session${fp.recentSessions === 1 ? '' : 's'} so far; it is judged after ${FINGERPRINT_RECENT_SESSIONS}.`);
  }
  const ratio = fp.rmsDifferenceMs !== null && fp.expectedRmsMs !== null && fp.expectedRmsMs > 0 ? fp.rmsDifferenceMs / fp.expectedRmsMs : null;
  const headline = fp.changed
    ? `Your timing pattern has moved: the two lines are ${ratio === null ? 'further' : `about ${ratio.toFixed(1)} times further`} apart than day-to-day variation explains (Evenkeys marks a change from ${FINGERPRINT_CHANGE_RATIO} times).`
    : 'Your timing pattern across the exercise is as usual.';
  return { verdict: fp.changed ? 'changed' : 'usual', headline, lines };
}
