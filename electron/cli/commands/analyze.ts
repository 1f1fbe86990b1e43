/**
 * `evenkeys analyze FILE.mid [--exercise ID|auto] [--hand left|right] [--json] [--notes]`:
 * analyses a Standard MIDI File and prints a summary, or the `evenkeys.analysis/1` JSON document.
 * With `--session ID` (and `--db PATH`) it analyses a stored session from its raw MIDI log
 * instead of a file (with the hand corrections made by `takes set-hand`, and the pianist's hand
 * history from their earlier sessions). `--hand` says which hand played the one-hand exercises: a
 * single line cannot always be told apart by pitch. A file has no history.
 */
import { analyzeRecording, UnknownExerciseError } from '../../../core/analysis/analyze';
import type { OwnFingering } from '../../../core/analysis/analyze';
import { FingeringCountError } from '../../../core/exercises/own-fingering';
import type { Exercise } from '../../../core/exercises/types';
import { HandConflictError } from '../../../core/analysis/confidence';
import type { HandCorrection } from '../../../core/analysis/confidence';
import type { HandPrior } from '../../../core/analysis/hand-prior';
import type { AnalysisDocument, AnalysisTake } from '../../../core/api/analysis';
import type { DeviceGapSpan } from '../../../core/analysis/input-faults';
import type { RawMidiMessage } from '../../../core/midi/types';
import type { CliCommand, CliIo } from '../command';
import { CliUsageError, parseCliArgs } from '../command';
import { clock, fixed, handLabel, table } from '../format';
import { StoreError, defaultDatabasePath } from '../../store/index';
import type { Store } from '../../store/index';
import { openExerciseDatabase } from '../exercise-db';
import { formatFreePlay } from '../free-play-format';
import { openStoreForCommand } from '../open-store';
import { readMidiFile } from '../read-midi-file';

export const analyzeCommand: CliCommand = {
  name: 'analyze',
  summary: 'analyse a MIDI file: exercises, per-finger evenness, loss-of-control events',
  usage:
    'evenkeys analyze FILE.mid [--exercise ID|auto] [--hand left|right] [--db PATH] [--profile NAME] [--json] [--notes]\n       evenkeys analyze --session ID [--db PATH] [--profile NAME] [--exercise ID|auto] [--hand left|right] [--json] [--notes]',
  options: [
    { flag: 'FILE.mid', text: 'a Standard MIDI File (format 0, 1 or 2; also RIFF RMID). Rule-breaking files are read where every event is intact; the repairs are listed on stderr.' },
    { flag: '--exercise ID|auto', text: "the exercise played (ids from `evenkeys exercises`, imported ones included); 'auto' (default) recognises each take from the notes." },
    { flag: '--hand left|right', text: 'the hand that played one-hand exercises, when you know it (otherwise told from the notes, or flagged as uncertain; a FILE has no player history to help).' },
    { flag: '--json', text: 'print the evenkeys.analysis/1 JSON document instead of the report; warnings still go to stderr.' },
    { flag: '--notes', text: 'include every note (time, pitch, velocity, duration, hand, finger, deviation) in the report or document.' },
    { flag: '--session ID', text: "analyse a stored session from its raw MIDI log (with its device gaps, hand corrections, and its pianist's hand history from earlier sessions) instead of a file." },
    { flag: '--db PATH', text: 'the database: for --session, and for imported exercises and own fingerings (default: EVENKEYS_DB, else the app data folder).' },
    { flag: '--profile NAME', text: "attribute the notes with this pianist's own fingering (a stored session uses its own pianist's)." },
  ],
  async run(args, io) {
    const { values, positionals } = parseCliArgs(args, {
      exercise: { type: 'string', short: 'e' },
      json: { type: 'boolean' },
      notes: { type: 'boolean' },
      session: { type: 'string' },
      db: { type: 'string' },
      profile: { type: 'string' },
      hand: { type: 'string' },
    });
    const hand = values.hand;
    if (hand !== undefined && hand !== 'left' && hand !== 'right') throw new CliUsageError(`--hand must be left or right, got '${hand}'`);
    const { file, messages, exerciseId, context, inputWarnings, deviceGaps, handCorrections, handPrior } =
      values.session === undefined ? await fromFile(positionals, values.db, values.profile, io) : await fromStore(values.session, values.db, positionals, values.profile);
    let document: AnalysisDocument;
    try {
      document = analyzeRecording({
        messages,
        file,
        exercise: values.exercise ?? exerciseId ?? 'auto',
        includeNotes: values.notes ?? false,
        ...context,
        ...(inputWarnings ? { inputWarnings } : {}),
        ...(deviceGaps ? { deviceGaps } : {}),
        ...(hand === undefined ? {} : { hand }),
        ...(handCorrections && handCorrections.length > 0 ? { handCorrections } : {}),
        ...(handPrior && Object.keys(handPrior.families).length > 0 ? { handPrior } : {}),
      });
    } catch (error) {
      if (error instanceof UnknownExerciseError || error instanceof FingeringCountError || error instanceof HandConflictError) throw new CliUsageError(error.message);
      throw error;
    }
    // The input's warnings (reader repairs, clock, device gaps) go to stderr so JSON stays clean.
    for (const warning of document.source.warnings ?? []) io.stderr(`evenkeys analyze: ${file}: ${warning}\n`);
    io.stdout(values.json ? `${JSON.stringify(document, null, 2)}\n` : formatAnalysis(document));
    return 0;
  },
};

/** What the database adds to an analysis: its imported exercises and a pianist's fingerings. */
interface DatabaseContext {
  readonly exercises?: readonly Exercise[];
  readonly fingerings?: readonly OwnFingering[];
  readonly profile?: string;
  /** The profile's hand span (cm), for the free-play fingering estimator. */
  readonly handSpanCm?: number;
}

interface Recording {
  readonly file: string;
  readonly messages: readonly RawMidiMessage[];
  /** The exercise a stored session was recorded for, if the pianist named one. */
  readonly exerciseId?: string;
  readonly context: DatabaseContext;
  /** What the file reader repaired or skipped. */
  readonly inputWarnings?: readonly string[];
  /** When the keyboard was away during a stored session. */
  readonly deviceGaps?: readonly DeviceGapSpan[];
  /** A stored session's hand corrections (takes set-hand). */
  readonly handCorrections?: readonly HandCorrection[];
  /** A stored session's pianist's hand history (their sessions before it); a file has none. */
  readonly handPrior?: HandPrior;
}

/** Imported exercises, and with a profile name (or id) that pianist's own fingerings. */
function contextOf(store: Store, profile: { name?: string; id?: number }): DatabaseContext {
  const exercises = store.listImportedExercises().map((entry) => entry.exercise);
  if (profile.name === undefined && profile.id === undefined) return { exercises };
  const found = profile.name !== undefined ? store.findProfileByName(profile.name.trim()) : store.getProfile(profile.id ?? 0);
  if (found === undefined) throw new CliUsageError(`no profile '${profile.name}' in ${store.path}`);
  return { exercises, fingerings: store.listOwnFingerings(found.id), profile: found.name, ...(found.handSpanCm ? { handSpanCm: found.handSpanCm } : {}) };
}

async function fromFile(positionals: readonly string[], dbPath: string | undefined, profile: string | undefined, io: CliIo): Promise<Recording> {
  if (positionals.length !== 1) throw new CliUsageError(`expected one MIDI file (or --session ID), got ${positionals.length} arguments; see evenkeys analyze --help`);
  const file = positionals[0] ?? '';
  const smf = readMidiFile(file);
  const messages = smf.messages;
  const inputWarnings = smf.warnings;
  const store = await openExerciseDatabase(dbPath, io);
  if (store === null) {
    if (profile !== undefined) throw new CliUsageError(`--profile needs the database that holds the profile (no database at ${defaultDatabasePath()}; pass --db PATH)`);
    return { file, messages, inputWarnings, context: {} };
  }
  try {
    return { file, messages, inputWarnings, context: contextOf(store, profile === undefined ? {} : { name: profile }) };
  } finally {
    store.close();
  }
}

async function fromStore(
  sessionText: string,
  dbPath: string | undefined,
  positionals: readonly string[],
  profileName: string | undefined,
): Promise<Recording> {
  if (positionals.length > 0) throw new CliUsageError('give either a MIDI file or --session ID, not both');
  const sessionId = Number(sessionText);
  if (!Number.isInteger(sessionId) || sessionId <= 0) throw new CliUsageError(`--session needs a session id (a positive integer), got '${sessionText}'`);
  const store = await openStoreForCommand(dbPath, { mustExist: true, readOnly: true });
  try {
    const session = store.getSession(sessionId);
    return {
      file: `session ${sessionId}`,
      messages: store.readRawEvents(sessionId),
      deviceGaps: store.listGaps(sessionId).map((gap) => ({ startMs: gap.disconnectedAtMs, endMs: gap.reconnectedAtMs })),
      handCorrections: store.listHandCorrections(sessionId),
      // The session's own pianist's history, whoever's fingering --profile attributes.
      handPrior: store.handPrior(sessionId),
      ...(session.exerciseId === null ? {} : { exerciseId: session.exerciseId }),
      // The session's own pianist's fingering unless --profile names another.
      context: contextOf(store, profileName === undefined ? { id: session.profileId } : { name: profileName }),
    };
  } catch (error) {
    if (error instanceof StoreError && error.code === 'not-found') {
      throw new CliUsageError(`no session ${sessionId} in ${store.path} (evenkeys sessions --profile NAME lists them)`);
    }
    throw error;
  } finally {
    store.close();
  }
}

/**
 * The human-readable report: source, then each take with its per-finger table and events.
 *
 * @example formatAnalysis(document).startsWith('warmup.mid: ') // true
 */
export function formatAnalysis(document: AnalysisDocument): string {
  const { source } = document;
  const lines: string[] = [
    `${source.file}: ${source.notes} notes over ${clock(source.durationMs)}, ${source.pedalEvents} pedal events`,
  ];
  const repairs = [
    [source.outOfOrder, 'out-of-order timestamps sorted'],
    [source.retriggers, 'overlapping note-ons on one key (note-offs paired first-in-first-out)'],
    [source.orphanNoteOffs, 'note-offs without a note-on ignored'],
    [source.unreleased, 'notes never released (closed at the end)'],
  ] as const;
  const noted = repairs.filter(([count]) => count > 0).map(([count, what]) => `${count} ${what}`);
  if (noted.length > 0) lines.push(`repairs: ${noted.join('; ')}`);
  for (const gap of source.deviceGaps ?? []) {
    lines.push(`keyboard away: ${clock(gap.startMs)}-${gap.endMs === null ? 'end' : clock(gap.endMs)}${gap.heldNotes > 0 ? ` (${gap.heldNotes} held notes closed at the disconnect)` : ''}`);
  }
  if (document.takes.length === 0) lines.push('', 'No exercise recognised (see `evenkeys exercises`, or force one with --exercise ID).');
  document.takes.forEach((take, index) => lines.push('', ...formatTake(take, index)));
  for (const comparison of document.repetitions) {
    const hands = comparison.hands
      .map((hand) => `${handLabel(hand.hand)} irregularity ${fixed(hand.irregularityMs, 1)} ms, instability ${fixed(hand.instabilityMs, 1)} ms (${hand.positions} positions)`)
      .join('; ');
    lines.push('', `Across ${comparison.takes} repetitions of ${comparison.exerciseId}: ${hands}`);
  }
  const freePlay = formatFreePlay(document.freePlay);
  if (freePlay.length > 0) lines.push('', ...freePlay);
  if (document.notes) lines.push('', ...formatNotes(document));
  lines.push('', 'Evenkeys measures; it never diagnoses.');
  return `${lines.join('\n')}\n`;
}

function formatTake(take: AnalysisTake, index: number): string[] {
  const { exercise } = take;
  const ioi = take.unevennessMs === null ? '' : take.hands.map((hand) => `${handLabel(hand.hand)} ${hand.direction} ${orDash(hand.ioiSdMs, 1)}`).join(', ');
  const lines = [
    `Take ${index + 1}: ${exercise.name} (${exercise.id})${take.handUncertain ? ' (hand uncertain)' : ''}${take.interruptedByDevice ? '  [interrupted by the device]' : ''}`,
    ...(exercise.fingering === undefined ? [] : [`  fingering: ${fingeringWords(exercise.fingering)}`]),
    `  ${clock(take.startMs)}-${clock(take.endMs)}  ${orDash(take.bpm, 0)} bpm (${orDash(take.notesPerSecond, 1)} notes/s)  matched ${take.matched}  missed ${take.missed}  wrong ${take.wrong}  extra ${take.extra}`,
    take.unevennessMs === null ? '  unevenness not measured (see below)' : `  unevenness ${fixed(take.unevennessMs, 1)} ms${ioi ? ` (IOI SD ms: ${ioi})` : ''}`,
    ...(take.warnings ?? []).map((warning) => `  ! ${warning}`),
    ...confidenceLine(take, index),
    '',
    table(
      ['hand', 'finger', 'n', 'mean dev ms', 'SD ms', 'vel mean', 'vel SD', 'legato ms'],
      take.fingers.map((finger) => [
        handLabel(finger.hand),
        finger.finger,
        finger.count,
        orDash(finger.onsetDeviationMs.mean, 1, true),
        orDash(finger.onsetDeviationMs.sd, 1),
        fixed(finger.velocity.mean, 1),
        fixed(finger.velocity.sd, 1),
        orDash(finger.legatoOverlapMs.mean, 0, true),
      ]),
      '  ',
    ),
  ];
  if (take.events.length === 0) {
    lines.push('', '  Events: none');
  } else {
    lines.push('', `  Events (${take.events.length}):`);
    lines.push(
      table(
        ['time', 'type', 'finger', 'severity', 'detail'],
        take.events.map((event) => [clock(event.timeMs), event.type, `${handLabel(event.hand)} ${event.finger}`, fixed(event.severity, 1), event.detail]),
        '    ',
      ),
    );
  }
  return lines;
}

/** Recognition confidence, and how to correct an uncertain hand. */
function confidenceLine(take: AnalysisTake, index: number): string[] {
  if (take.confidence === undefined) return [];
  const history = take.handSource === 'history' ? ' with your earlier takes' : '';
  const hand = take.exercise.hands === 'both' ? '' : `; hand ${fixed((take.handConfidence ?? 1) * 100, 0)} % sure${history}`;
  const fix = take.handUncertain ? ` (if the other hand played it: evenkeys takes set-hand --session ID --take ${index + 1} --hand ${take.exercise.hands === 'right' ? 'left' : 'right'})` : '';
  return [`  confidence ${fixed(take.confidence * 100, 0)} %${hand}${fix}`];
}

function formatNotes(document: AnalysisDocument): string[] {
  const notes = document.notes ?? [];
  return [
    `Notes (${notes.length}):`,
    table(
      ['time', 'pitch', 'vel', 'dur ms', 'hand', 'finger', 'take', 'dev ms', 'role'],
      notes.map((note) => [
        clock(note.timeMs),
        note.pitch,
        note.velocity,
        fixed(note.durationMs, 1),
        note.hand ? `${handLabel(note.hand)}${note.handSource === 'estimated' ? '?' : ''}` : '-',
        note.finger === null ? '-' : `${note.finger}${note.handSource === 'estimated' ? '?' : ''}`,
        note.take === null ? '-' : note.take + 1,
        note.deviationMs === null ? '-' : fixed(note.deviationMs, 1, true),
        note.role,
      ]),
      '  ',
    ),
  ];
}

/**
 * Which fingering the take's per-finger numbers use, per hand.
 *
 * @example fingeringWords({ right: 'own', profile: 'Ana' }) // 'right hand: own (Ana)'
 */
export function fingeringWords(fingering: NonNullable<AnalysisTake['exercise']['fingering']>): string {
  return (['right', 'left'] as const)
    .flatMap((hand) => {
      const source = fingering[hand];
      if (source === undefined) return [];
      const words = source === 'own' ? `own${fingering.profile ? ` (${fingering.profile})` : ''}` : source === 'none' ? 'none (measured per hand only)' : source;
      return [`${hand} hand: ${words}`];
    })
    .join(', ');
}

/** A number, or '-' when it was not measured (null). */
function orDash(value: number | null, digits: number, signed = false): string {
  return value === null ? '-' : fixed(value, digits, signed);
}
