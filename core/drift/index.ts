/** Drift: each pianist followed against their own baseline, per finger. See engine.ts. */
export * from './credible';
export * from './detect';
export * from './engine';
export * from './family';
export * from './fingerprint';
export * from './from-analysis';
export * from './message';
export * from './metrics';
export * from './robust';
export * from './tempo';
export * from './types';
export * from './practice';
export * from './points';
