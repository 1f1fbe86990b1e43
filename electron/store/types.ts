/**
 * The plain-data rows the store hands out. Times of day are ISO-8601 strings (UTC); times on
 * the MIDI event clock are milliseconds as float64, exactly as received.
 */
import type { ExerciseLine } from '../../core/compare/like-for-like';
import type { AnalysisDocument } from '../../core/api/analysis';
import type { RawMidiMessage } from '../../core/midi/types';
import type { OwnFingering } from '../../core/analysis/analyze';
import type { Exercise } from '../../core/exercises/types';

export type SessionStatus = 'recording' | 'complete' | 'interrupted';
export type AnnotationAuthor = 'pianist' | 'teacher';

export interface Profile {
  readonly id: number;
  readonly name: string;
  readonly handSpanCm: number | null;
  readonly createdAt: string;
  /** Stable id (32 hex) that travels in bundles; the same pianist on every machine. */
  readonly uid: string;
  /** True for a student's log imported from a bundle: reviewed, annotated, never recorded into. */
  readonly readOnly: boolean;
}

export interface Device {
  readonly id: number;
  readonly name: string;
  readonly manufacturer: string;
  readonly lastSeenAt: string;
}

export interface Session {
  readonly id: number;
  readonly profileId: number;
  readonly deviceId: number | null;
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly status: SessionStatus;
  readonly appVersion: string;
  readonly metronomeBpm: number | null;
  /** Free text the pianist wrote about the session. */
  readonly notes: string;
  /** The exercise the analysis is told about (null: recognised from the notes). */
  readonly exerciseId: string | null;
  /** The file a session was imported from (null for live recordings). */
  readonly sourceFile: string | null;
  /** Raw MIDI messages saved. */
  readonly eventCount: number;
  /** When the last batch of events was saved (ISO-8601), null before the first. */
  readonly lastWriteAt: string | null;
  /** Stable id (32 hex) that travels in bundles. */
  readonly uid: string;
  /** True when the session came from a bundle (its raw log is read-only). */
  readonly imported: boolean;
}

/** One line of a session list: the session plus its analysis in brief. */
export interface SessionSummary {
  readonly id: number;
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly status: SessionStatus;
  readonly notes: string;
  readonly eventCount: number;
  /** Notes played (from the analysis; 0 before it ran). */
  readonly noteCount: number;
  readonly takes: number;
  /** Mean unevenness over the session's takes; null without takes. */
  readonly unevennessMs: number | null;
  /** Set when the analysis failed; the raw events are still there for reanalyse. */
  readonly analysisError: string | null;
  /** The takes like with like: one line per exercise and tempo band (session-exercises.ts). */
  readonly exercises: readonly SessionExerciseSummary[];
}

/** One exercise at one tempo band within a session: figures over like takes only (core/compare). */
export type SessionExerciseSummary = ExerciseLine;

export interface NewSession {
  readonly profileId: number;
  readonly deviceId?: number | null;
  /** Wall-clock start; defaults to now. */
  readonly startedAt?: Date | string;
  readonly appVersion: string;
  readonly metronomeBpm?: number | null;
  readonly notes?: string;
  readonly exerciseId?: string | null;
  readonly sourceFile?: string | null;
}

/** A saved raw MIDI message. `bytes` is a fresh Uint8Array. */
export interface StoredRawEvent extends RawMidiMessage {
  readonly seq: number;
  readonly bytes: Uint8Array;
}

export interface DeviceGap {
  readonly id: number;
  readonly sessionId: number;
  readonly port: string | null;
  /** The seq of the last event saved before the disconnect (-1 when none). */
  readonly afterSeq: number;
  readonly disconnectedAtMs: number;
  /** Null while the device is still away (or it never came back before the session ended). */
  readonly reconnectedAtMs: number | null;
}

/** What an annotation is pinned to: the whole session, one take, or one loss-of-control event. */
export type AnnotationTarget = 'session' | 'take' | 'event';

export interface Annotation {
  readonly id: number;
  /** Stable id (32 hex) that travels in bundles. */
  readonly uid: string;
  readonly sessionId: number;
  readonly target: AnnotationTarget;
  /** The take (by index, which survives reanalysis); null for a session note. */
  readonly takeIndex: number | null;
  /** ms on the session's event clock: the event's time for an event note, else optional. */
  readonly timeMs: number | null;
  /** The event's type (e.g. 'velocity-drop') for an event note. */
  readonly eventType: string | null;
  /** The role: the pianist or a teacher. */
  readonly author: AnnotationAuthor;
  /** Who wrote it, as they signed it. */
  readonly authorName: string;
  readonly text: string;
  readonly createdAt: string;
  /** Last edit (ISO-8601), null when never edited. */
  readonly updatedAt: string | null;
  /** True when it came from a bundle: someone else's note, read-only here. */
  readonly imported: boolean;
}

export interface NewAnnotation {
  readonly sessionId: number;
  readonly target?: AnnotationTarget;
  readonly takeIndex?: number | null;
  readonly timeMs?: number | null;
  readonly eventType?: string | null;
  readonly author: AnnotationAuthor;
  /** Defaults to 'Pianist' / 'Teacher' from the role. */
  readonly authorName?: string;
  readonly text: string;
}

/** What the store asks of the analysis core: the signature of core/analysis analyzeRecording. */
export type Analyzer = (input: {
  messages: readonly RawMidiMessage[];
  file: string;
  exercise?: string;
  includeNotes?: boolean;
  /** Imported exercises of this database (searched with the library's). */
  exercises?: readonly Exercise[];
  /** The session's pianist's own fingerings, and their profile name. */
  fingerings?: readonly OwnFingering[];
  profile?: string;
  /** When the keyboard was away (device_gaps), on the raw events' clock. */
  deviceGaps?: readonly { startMs: number; endMs: number | null }[];
  /** The pianist's corrections of the hand of takes (migration 006). */
  handCorrections?: readonly { startMs: number; endMs: number; hand: 'left' | 'right' }[];
  /** The pianist's hand history before this session (electron/store/hand-history.ts); absent when empty. */
  handPrior?: { readonly families: Readonly<Record<string, { readonly left: number; readonly right: number }>> };
}) => AnalysisDocument;
