/**
 * The plain-data rows the store hands out. Times of day are ISO-8601 strings (UTC); times on
 * the MIDI event clock are milliseconds as float64, exactly as received.
 */
import type { AnalysisDocument } from '../../core/api/analysis';
import type { RawMidiMessage } from '../../core/midi/types';

export type SessionStatus = 'recording' | 'complete' | 'interrupted';
export type AnnotationAuthor = 'pianist' | 'teacher';

export interface Profile {
  readonly id: number;
  readonly name: string;
  readonly handSpanCm: number | null;
  readonly createdAt: string;
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
}

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

export interface Annotation {
  readonly id: number;
  readonly sessionId: number;
  readonly takeIndex: number | null;
  readonly timeMs: number | null;
  readonly author: AnnotationAuthor;
  readonly text: string;
  readonly createdAt: string;
}

export interface NewAnnotation {
  readonly sessionId: number;
  readonly takeIndex?: number | null;
  readonly timeMs?: number | null;
  readonly author: AnnotationAuthor;
  readonly text: string;
}

/** What the store asks of the analysis core: the signature of core/analysis analyzeRecording. */
export type Analyzer = (input: {
  messages: readonly RawMidiMessage[];
  file: string;
  exercise?: string;
  includeNotes?: boolean;
  /** The pianist's corrections of the hand of takes (migration 006). */
  handCorrections?: readonly { startMs: number; endMs: number; hand: 'left' | 'right' }[];
}) => AnalysisDocument;
