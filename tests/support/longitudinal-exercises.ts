/** The exercises the longitudinal simulator plays each session: the weekly clinical check-in, each hand. */
export const CLINICAL_EXERCISE_IDS = ['clinical-scale-rh', 'clinical-scale-lh'] as const;
