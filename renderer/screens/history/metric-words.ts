/** Names of the drift measures and alerts for the History screen's filters, captions and lists. */
import type { DriftDocumentAlert } from '../../../core/api/drift';
import type { DriftMetricId } from '../../../core/drift/metrics';
import { fingerLongName } from '../../fingers';

const LABELS: Record<DriftMetricId, string> = {
  'onset-mean': 'Timing: mean onset (late/early)',
  'onset-sd': 'Timing: onset jitter (SD)',
  'ioi-sd': 'Timing: IOI SD (whole hand)',
  'velocity-mean': 'Loudness: mean velocity',
  'velocity-cv': 'Loudness: velocity CV',
  'duration-mean': 'Key-down duration',
  'legato-mean': 'Legato overlap',
  'late-rate': 'Events: late notes',
  'early-rate': 'Events: early notes',
  'velocity-drop-rate': 'Events: velocity drops',
  'stuck-key-rate': 'Events: stuck keys',
  'co-activation-rate': 'Events: co-activation',
  'missed-rate': 'Events: missed notes',
};

/** @example metricLabel('onset-sd') // => 'Timing: onset jitter (SD)' */
export function metricLabel(metric: DriftMetricId): string {
  return LABELS[metric];
}

/**
 * The short title of an alert: who and what, before the full message.
 *
 * @example alertTitle({ hand: 'right', finger: 4, metric: 'onset-mean', direction: 'down', ... }) // => 'Right ring finger (R4) · Timing: mean onset (late/early) · descending'
 */
export function alertTitle(alert: Pick<DriftDocumentAlert, 'hand' | 'finger' | 'metric' | 'direction'>): string {
  const who = alert.finger === null ? `${alert.hand === 'left' ? 'Left' : 'Right'} hand` : capitalise(fingerLongName(alert.hand, alert.finger));
  // "Ascending", not "going up": after a metric's name, "going up" reads as the value rising.
  const direction = alert.direction === 'up' ? ' · ascending' : alert.direction === 'down' ? ' · descending' : '';
  return `${who} · ${LABELS[alert.metric]}${direction}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
