import type { Direction, Finger, Hand } from '../exercises/types';

/** Mean and standard deviation of a sample; both 0 with count 0 (never NaN). */
export interface MeanSd {
  readonly count: number;
  readonly mean: number;
  readonly sd: number;
}

/** Evenness numbers for one finger of one hand, over one direction or both ('all'). */
export interface FingerMetrics {
  readonly hand: Hand;
  readonly finger: Finger;
  readonly direction: Direction | 'all';
  /** Notes played by this finger that were measured. */
  readonly count: number;
  /** Onset minus the run's fitted straight line (ms); mean is signed (+ = late). */
  readonly onsetDeviationMs: MeanSd;
  /** On-velocity (MIDI units), with coefficient of variation sd/mean. */
  readonly velocity: MeanSd & { readonly cv: number };
  /** Key-down duration (ms). */
  readonly durationMs: MeanSd;
  /** Overlap with the next note of the same hand (ms); negative = gap. */
  readonly legatoOverlapMs: MeanSd;
}

/**
 * What was measured for one expected note of a take (one entry per Match, same order).
 * Timing fields are null when the note was missed, played at a wrong pitch, not reached (outside
 * take.span), or its run segment had too few notes for a line fit.
 */
export interface NoteMeasure {
  /** Index into take.matches. */
  readonly matchIndex: number;
  /** Index into the performance's note array, null when missed. */
  readonly noteIndex: number | null;
  readonly hand: Hand;
  readonly finger: Finger;
  readonly direction: Direction;
  readonly position: number;
  readonly run: number;
  readonly step: number;
  readonly crossing: boolean;
  /** Inside the attempt's span (take.span); unreached notes are neither missed nor measured. */
  readonly reached: boolean;
  /** Played at the expected pitch (wrong-pitch and missed notes are false). */
  readonly correct: boolean;
  /** Onset minus the fitted line of its run segment (ms, + = late). */
  readonly deviationMs: number | null;
  /** Onset the line predicts for this note (also for missed notes when the segment has a fit). */
  readonly predictedOnsetMs: number | null;
  /**
   * Interval from the previous position of the same run (ms), when both are timed and adjacent,
   * divided by the grid steps between them (ms per step; the plain IOI when notes are one step
   * apart). Null for a note on the same step as the previous one (a chord).
   */
  readonly ioiMs: number | null;
  /** Key-down duration (ms), for correct notes with a played release (not Note.unreleased). */
  readonly durationMs: number | null;
  /**
   * Offset minus the onset of the hand's next position when that was played (ms, negative = gap);
   * null for the hand's last note, before a missed note or a stop (TimingGap), and without a
   * played release (Note.unreleased).
   */
  readonly legatoOverlapMs: number | null;
  readonly velocity: number | null;
  /** Which fitted segment (index into TakeMetrics.segments) timed it, or -1. */
  readonly segment: number;
}

/** One stretch of a hand's run fitted with its own straight line (a run splits at a breakdown). */
export interface SegmentFit {
  readonly hand: Hand;
  readonly run: number;
  readonly direction: Direction;
  /** Timed notes in the fit. */
  readonly count: number;
  /** Fitted interval per grid step (ms). */
  readonly msPerStep: number;
  /** SD of the residuals (n - 1), for information. */
  readonly residualSdMs: number;
}

/** Timing of one hand's run (ascending or descending), the unit of the clinical method. */
export interface RunMetrics {
  readonly hand: Hand;
  readonly run: number;
  readonly direction: Direction;
  /** Expected notes in the run. */
  readonly expected: number;
  /** Notes with a deviation. */
  readonly timed: number;
  /** SD of the inter-onset intervals between adjacent timed positions; count = IOIs used. */
  readonly ioiMs: MeanSd;
}

/** One hand in one direction: the cell of the clinical scale analysis. */
export interface HandDirectionMetrics {
  readonly hand: Hand;
  readonly direction: Direction;
  /** Mean over this hand's runs in this direction of each run's IOI SD (ms); 0 with no runs. */
  readonly ioiSdMs: number;
  /** Runs that contributed an IOI SD (at least 2 IOIs each). */
  readonly runs: number;
  readonly onsetDeviationMs: MeanSd;
  readonly velocity: MeanSd & { readonly cv: number };
}

/** Deviations (and key-down durations) of the notes around thumb passages, kept apart. */
export interface ThumbPassageMetrics {
  readonly hand: Hand;
  readonly direction: Direction;
  /** Crossing notes (thumb under / finger over) in the exercise for this hand and direction. */
  readonly crossings: number;
  readonly beforeMs: MeanSd;
  readonly crossingMs: MeanSd;
  readonly afterMs: MeanSd;
  /** Notes of the same hand and direction not next to a crossing: the reference. */
  readonly otherMs: MeanSd;
  readonly beforeDurationMs: MeanSd;
  readonly crossingDurationMs: MeanSd;
  readonly afterDurationMs: MeanSd;
  readonly otherDurationMs: MeanSd;
}

/** A stop inside a hand's sequence: the interval between two played notes far beyond the grid. */
export interface TimingGap {
  readonly hand: Hand;
  /** Matches either side of the gap (indices into take.matches). */
  readonly beforeMatch: number;
  readonly afterMatch: number;
  readonly gapMs: number;
  /** What the grid predicts for that many steps. */
  readonly expectedMs: number;
  readonly excessMs: number;
  readonly thresholdMs: number;
}

export interface TakeCounts {
  readonly expected: number;
  /** Expected notes played at the right pitch. */
  readonly matched: number;
  readonly wrongPitch: number;
  /** Reached expected notes not played. */
  readonly missed: number;
  /** Expected notes outside the attempt's span (take.span): not reached, not missed. */
  readonly unreached: number;
  readonly extra: number;
  /** Notes with an onset deviation (correct notes in segments of >= 3 timed notes). */
  readonly timed: number;
  /** Inter-onset intervals used for the IOI SDs. */
  readonly iois: number;
  /** Stops that split a run (see TimingGap). */
  readonly gaps: number;
}

/** Everything measureTake computes for one take. */
export interface TakeMetrics {
  /** Per hand x finger over both directions ('all') and per direction ('up', 'down'). */
  readonly fingers: readonly FingerMetrics[];
  /** Median over hands and directions of the IOI SDs (Jabusch 2004 aggregate); 0 with none. */
  readonly unevennessMs: number;
  readonly hands: readonly HandDirectionMetrics[];
  readonly runs: readonly RunMetrics[];
  readonly thumbPassage: readonly ThumbPassageMetrics[];
  /** Whole take, all hands and fingers. */
  readonly overall: {
    readonly onsetDeviationMs: MeanSd;
    readonly velocity: MeanSd & { readonly cv: number };
    readonly durationMs: MeanSd;
    readonly legatoOverlapMs: MeanSd;
  };
  readonly counts: TakeCounts;
  /** Estimated interval per grid step (ms), median over the hands' played intervals. */
  readonly stepMs: number;
  readonly gaps: readonly TimingGap[];
  readonly segments: readonly SegmentFit[];
  /** One per expected note, in take.matches order. */
  readonly notes: readonly NoteMeasure[];
}

/** One expected position across repetitions of the same exercise (van Vugt et al. 2012). */
export interface PositionComparison {
  /** ExpectedNote.index. */
  readonly index: number;
  readonly hand: Hand;
  readonly finger: Finger;
  readonly direction: Direction;
  readonly position: number;
  /** Repetitions in which this position had a deviation. */
  readonly count: number;
  /** Mean deviation across repetitions (ms, signed): the systematic part. */
  readonly irregularityMs: number;
  /** SD across repetitions (ms): the noise part. */
  readonly instabilityMs: number;
}

export interface RepetitionComparison {
  readonly exerciseId: string;
  readonly takes: number;
  /** The hands of the pooled takes (the exercise's). */
  readonly exerciseHands?: 'right' | 'left' | 'both';
  /** The tempo band of the pooled takes, e.g. '7.4-8.6 notes/s' (core/drift/tempo.ts, the one tempo band). */
  readonly tempoBand?: string;
  readonly positions: readonly PositionComparison[];
  /**
   * Per hand: irregularityMs = root mean square of the position means, instabilityMs = root mean
   * square of the position SDs, over positions measured in at least two repetitions.
   */
  readonly hands: readonly {
    readonly hand: Hand;
    readonly positions: number;
    readonly irregularityMs: number;
    readonly instabilityMs: number;
  }[];
}
