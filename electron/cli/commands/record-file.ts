/**
 * `evenkeys record-file FILE.mid --profile NAME`: imports a Standard MIDI File as a session in
 * one transaction (store.importRecording: the same raw-event rows, session close and analysis as
 * live playing), so a refused or failed import never leaves a half-written session. Creates the
 * profile if needed.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { recordingTimeProblem } from '../../../core/api/time-range';
import { getExercise } from '../../../core/exercises/index';
import type { Exercise } from '../../../core/exercises/index';
import type { CliCommand } from '../command';
import { CliUsageError, parseCliArgs } from '../command';
import { StoreError, defaultDatabasePath } from '../../store/index';
import { openStoreForCommand } from '../open-store';
import { readMidiFile } from '../read-midi-file';

function parseStartedAt(text: string | undefined): Date {
  if (text === undefined) return new Date();
  // ISO-8601 date-time with a zone, or a bare date (taken as UTC midnight).
  const iso = /^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d))?$/;
  const date = new Date(text);
  if (!iso.test(text) || Number.isNaN(date.getTime())) {
    throw new CliUsageError(`--started-at must be an ISO-8601 date-time with a time zone, e.g. 2026-11-24T09:30:00Z (got '${text}')`);
  }
  // JavaScript accepts day 29-31 of any month and rolls over (2026-02-30 becomes March 2).
  const [year, month, day] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) {
    throw new CliUsageError(`--started-at names a day that does not exist (got '${text}')`);
  }
  return date;
}

/**
 * The id for --exercise (library ids case and '#' normalised; imported ones of the database
 * verbatim), null for 'auto' or none.
 */
function parseExercise(text: string | undefined, find: (id: string) => Exercise | undefined = getExercise): string | null {
  if (text === undefined || text.trim().toLowerCase() === 'auto') return null;
  const exercise = find(text);
  if (exercise === undefined) throw new CliUsageError(`unknown exercise '${text}' (evenkeys exercises lists the ids)`);
  return exercise.id;
}

export const recordFileCommand: CliCommand = {
  name: 'record-file',
  summary: 'import a MIDI file as a practice session (same path as live recording)',
  usage: 'evenkeys record-file FILE.mid --profile NAME [--started-at ISO-8601] [--exercise ID] [--notes TEXT] [--db PATH] [--json]',
  options: [
    { flag: 'FILE.mid', text: 'the Standard MIDI File to import; it is stored and analysed exactly as a live recording would be.' },
    { flag: '--profile NAME', text: 'the pianist the session belongs to (created if new). Required.' },
    { flag: '--started-at ISO-8601', text: 'when the session was played, with a time zone (e.g. 2026-11-24T09:30:00Z); default: now.' },
    { flag: '--exercise ID', text: "the exercise played (ids from `evenkeys exercises`); default 'auto': recognised from the notes." },
    { flag: '--notes TEXT', text: "the pianist's own words about the session." },
    { flag: '--db PATH', text: 'the database to write to (default: the app data folder).' },
    { flag: '--json', text: 'print the new session (id, notes, takes, unevenness, database) as JSON.' },
  ],
  async run(args, io) {
    const { positionals, values } = parseCliArgs(args, {
      profile: { type: 'string' },
      'started-at': { type: 'string' },
      exercise: { type: 'string' },
      notes: { type: 'string' },
      db: { type: 'string' },
      json: { type: 'boolean' },
    });
    const [file, ...extra] = positionals;
    if (!file) throw new CliUsageError('a MIDI file is required');
    if (extra.length > 0) throw new CliUsageError(`one file at a time (got ${positionals.length})`);
    const profileName = values.profile?.trim();
    if (!profileName) throw new CliUsageError('--profile NAME is required');
    const startedAt = parseStartedAt(values['started-at']);
    const smf = readMidiFile(file);

    // Absurd times (a delta time years long, a start date plus the file's length past 9999) are
    // refused here, before the database is even opened, and again by the store.
    const problem = recordingTimeProblem(
      smf.messages.map((m) => m.timeMs),
      startedAt,
      smf.durationMs,
    );
    if (problem !== null) throw new CliUsageError(`${file}: ${problem}; nothing was recorded`);

    // Without a database there are no imported exercises: an unknown id is refused before an
    // empty database is created for nothing.
    if (!existsSync(values.db ?? defaultDatabasePath())) parseExercise(values.exercise);

    const store = await openStoreForCommand(values.db, {}, (line) => io.stderr(`evenkeys: ${line}\n`));
    try {
      const exerciseId = parseExercise(values.exercise, (id) => store.findExercise(id));
      const profile = store.ensureProfile(profileName);
      // One transaction: the session exists with all its events, or not at all.
      const session = store.importRecording({
        profileId: profile.id,
        startedAt,
        durationMs: smf.durationMs,
        messages: smf.messages,
        sourceFile: basename(file),
        exerciseId,
        notes: values.notes ?? '',
      });
      // What the reader repaired is not in the raw log: say it once, after the recording is safe
      // (a refusal stays one line).
      for (const warning of smf.warnings) io.stderr(`evenkeys record-file: ${file}: ${warning}\n`);
      const summary = store.listSessions(profile.id).find((s) => s.id === session.id);
      const result = {
        sessionId: session.id,
        profile: profile.name,
        startedAt: session.startedAt,
        status: session.status,
        events: session.eventCount,
        noteCount: summary?.noteCount ?? 0,
        takes: summary?.takes ?? 0,
        unevennessMs: summary?.unevennessMs ?? null,
        analysisError: summary?.analysisError ?? null,
        database: store.path,
      };
      if (values.json) {
        io.stdout(`${JSON.stringify(result, null, 2)}\n`);
      } else {
        const analysis = result.analysisError ? `analysis failed: ${result.analysisError}` : `${result.noteCount} notes, ${result.takes} takes`;
        io.stdout(`session ${result.sessionId} recorded for ${result.profile}: ${result.events} MIDI events, ${analysis} (${store.path})\n`);
      }
      return 0;
    } catch (error) {
      if (error instanceof StoreError) throw new CliUsageError(error.message);
      throw error;
    } finally {
      store.close();
    }
  },
};
