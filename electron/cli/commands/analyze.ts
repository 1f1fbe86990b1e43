/**
 * `evenkeys analyze FILE.mid [--exercise ID|auto] [--hand left|right] [--json] [--notes]`:
 * analyses a Standard MIDI File and prints a summary, or the `evenkeys.analysis/1` JSON document.
 * With `--session ID` (and `--db PATH`) it analyses a stored session from its raw MIDI log
 * instead of a file (with the hand corrections made by `takes set-hand`). `--hand` says which hand
 * played the one-hand exercises: a single line cannot always be told apart by pitch.
 */
import { analyzeRecording, UnknownExerciseError } from '../../../core/analysis/analyze';
import { HandConflictError } from '../../../core/analysis/confidence';
import type { HandCorrection } from '../../../core/analysis/confidence';
import type { AnalysisDocument, AnalysisTake } from '../../../core/api/analysis';
import type { RawMidiMessage } from '../../../core/midi/types';
import type { CliCommand } from '../command';
import { CliUsageError, parseCliArgs } from '../command';
import { clock, fixed, handLabel, table } from '../format';
import { StoreError } from '../../store/index';
import { openStoreForCommand } from '../open-store';
import { readMidiFile } from '../read-midi-file';

export const analyzeCommand: CliCommand = {
  name: 'analyze',
  summary: 'analyse a MIDI file: exercises, per-finger evenness, loss-of-control events',
  usage:
    'evenkeys analyze FILE.mid [--exercise ID|auto] [--hand left|right] [--json] [--notes]\n       evenkeys analyze --session ID [--db PATH] [--exercise ID|auto] [--hand left|right] [--json] [--notes]',
  async run(args, io) {
    const { values, positionals } = parseCliArgs(args, {
      exercise: { type: 'string', short: 'e' },
      json: { type: 'boolean' },
      notes: { type: 'boolean' },
      session: { type: 'string' },
      db: { type: 'string' },
      hand: { type: 'string' },
    });
    const hand = values.hand;
    if (hand !== undefined && hand !== 'left' && hand !== 'right') throw new CliUsageError(`--hand must be left or right, got '${hand}'`);
    const { file, messages, exerciseId, handCorrections } =
      values.session === undefined ? fromFile(positionals) : await fromStore(values.session, values.db, positionals);
    let document: AnalysisDocument;
    try {
      document = analyzeRecording({
        messages,
        file,
        exercise: values.exercise ?? exerciseId ?? 'auto',
        includeNotes: values.notes ?? false,
        ...(hand === undefined ? {} : { hand }),
        ...(handCorrections && handCorrections.length > 0 ? { handCorrections } : {}),
      });
    } catch (error) {
      if (error instanceof UnknownExerciseError || error instanceof HandConflictError) throw new CliUsageError(error.message);
      throw error;
    }
    io.stdout(values.json ? `${JSON.stringify(document, null, 2)}\n` : formatAnalysis(document));
    return 0;
  },
};

interface Recording {
  readonly file: string;
  readonly messages: readonly RawMidiMessage[];
  /** The exercise a stored session was recorded for, if the pianist named one. */
  readonly exerciseId?: string;
  /** A stored session's hand corrections (takes set-hand). */
  readonly handCorrections?: readonly HandCorrection[];
}

function fromFile(positionals: readonly string[]): Recording {
  if (positionals.length !== 1) throw new CliUsageError(`expected one MIDI file (or --session ID), got ${positionals.length} arguments; see evenkeys analyze --help`);
  const file = positionals[0] ?? '';
  return { file, messages: readMidiFile(file).messages };
}

async function fromStore(
  sessionText: string,
  dbPath: string | undefined,
  positionals: readonly string[],
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
      handCorrections: store.listHandCorrections(sessionId),
      ...(session.exerciseId === null ? {} : { exerciseId: session.exerciseId }),
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
    [source.retriggers, 'repeated note-ons closed the open note'],
    [source.orphanNoteOffs, 'note-offs without a note-on ignored'],
    [source.unreleased, 'notes never released (closed at the end)'],
  ] as const;
  const noted = repairs.filter(([count]) => count > 0).map(([count, what]) => `${count} ${what}`);
  if (noted.length > 0) lines.push(`repairs: ${noted.join('; ')}`);
  if (document.takes.length === 0) lines.push('', 'No exercise recognised (see `evenkeys exercises`, or force one with --exercise ID).');
  document.takes.forEach((take, index) => lines.push('', ...formatTake(take, index)));
  for (const comparison of document.repetitions) {
    const hands = comparison.hands
      .map((hand) => `${handLabel(hand.hand)} irregularity ${fixed(hand.irregularityMs, 1)} ms, instability ${fixed(hand.instabilityMs, 1)} ms (${hand.positions} positions)`)
      .join('; ');
    lines.push('', `Across ${comparison.takes} repetitions of ${comparison.exerciseId}: ${hands}`);
  }
  const freeNotes = document.freePlay.reduce((sum, segment) => sum + segment.notes, 0);
  if (freeNotes > 0) lines.push('', `Free play (no exercise matched): ${document.freePlay.length} stretch(es), ${freeNotes} notes.`);
  if (document.notes) lines.push('', ...formatNotes(document));
  lines.push('', 'Evenkeys measures; it never diagnoses.');
  return `${lines.join('\n')}\n`;
}

function formatTake(take: AnalysisTake, index: number): string[] {
  const { exercise } = take;
  const ioi = take.hands.map((hand) => `${handLabel(hand.hand)} ${hand.direction} ${fixed(hand.ioiSdMs, 1)}`).join(', ');
  const lines = [
    `Take ${index + 1}: ${exercise.name} (${exercise.id})${take.handUncertain ? ' (hand uncertain)' : ''}`,
    `  ${clock(take.startMs)}-${clock(take.endMs)}  ${fixed(take.bpm, 0)} bpm (${fixed(take.notesPerSecond, 1)} notes/s)  matched ${take.matched}  missed ${take.missed}  wrong ${take.wrong}  extra ${take.extra}`,
    `  unevenness ${fixed(take.unevennessMs, 1)} ms${ioi ? ` (IOI SD ms: ${ioi})` : ''}`,
    ...confidenceLine(take, index),
    '',
    table(
      ['hand', 'finger', 'n', 'mean dev ms', 'SD ms', 'vel mean', 'vel SD', 'legato ms'],
      take.fingers.map((finger) => [
        handLabel(finger.hand),
        finger.finger,
        finger.count,
        fixed(finger.onsetDeviationMs.mean, 1, true),
        fixed(finger.onsetDeviationMs.sd, 1),
        fixed(finger.velocity.mean, 1),
        fixed(finger.velocity.sd, 1),
        fixed(finger.legatoOverlapMs.mean, 0, true),
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
  const hand = take.exercise.hands === 'both' ? '' : `; hand ${fixed((take.handConfidence ?? 1) * 100, 0)} % sure`;
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
        note.hand ? handLabel(note.hand) : '-',
        note.finger ?? '-',
        note.take === null ? '-' : note.take + 1,
        note.deviationMs === null ? '-' : fixed(note.deviationMs, 1, true),
        note.role,
      ]),
      '  ',
    ),
  ];
}
