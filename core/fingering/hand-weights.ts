/**
 * Learned weights of the hand separator's features (layout HAND_FEATURES in hands.ts).
 * Placeholder until scripts/train-hands.ts regenerates this file.
 */
export const HAND_WEIGHTS: readonly number[] = [1, ...new Array<number>(502).fill(0)];
