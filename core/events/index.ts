/**
 * Public API of the loss-of-control events layer. Rules and thresholds: docs/metrics.md.
 */
export type * from './types';
export { EVENT_TYPES } from './types';
export { detectEvents } from './detect';
export { DEFAULT_THRESHOLDS } from './thresholds';
export type { EventThresholds } from './thresholds';
