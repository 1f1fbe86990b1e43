/**
 * `evenkeys sessions --profile NAME`: a profile's sessions, oldest first, with their status and
 * analysis in brief. `--json` prints an array of
 * { id, startedAt, endedAt, status, notes, takes, unevennessMs, events, comment, analysisError, exercises }
 * where `notes` is the number of notes played, `comment` the session's free-text notes and
 * `exercises` one line per exercise and tempo band ({ exerciseId, exerciseName, hands,
 * notesPerSecond, bpm, takes, unevennessMs }): compare sessions by these, since `unevennessMs` is
 * the mean over all the session's takes, alike or not.
 */
import { StoreError } from '../../store/index';
import type { SessionExerciseSummary } from '../../store/types';
import type { CliCommand } from '../command';
import { CliUsageError } from '../command';
import { table } from '../format';
import { parseProfileCommandArgs, profileByName } from '../profile-args';
import { openStoreForCommand } from '../open-store';

export const sessionsCommand: CliCommand = {
  name: 'sessions',
  summary: "list a profile's practice sessions (status, takes, unevenness)",
  usage: 'evenkeys sessions --profile NAME [--db PATH] [--json]',
  options: [
    { flag: '--profile NAME', text: 'whose sessions to list (a profile name, any case). Required.' },
    { flag: '--db PATH', text: 'the database to read (default: the app data folder).' },
    { flag: '--json', text: 'print an array of sessions (id, times, status, notes, takes, unevenness, events, comment, analysis error, per-exercise figures).' },
  ],
  async run(args, io) {
    const values = parseProfileCommandArgs(args);
    const store = await openStoreForCommand(values.db, { mustExist: true }, (line) => io.stderr(`evenkeys: ${line}\n`));
    try {
      const profile = profileByName(store, values.profileName);
      const sessions = store.listSessions(profile.id).map((s) => ({
        id: s.id,
        startedAt: s.startedAt,
        endedAt: s.endedAt,
        status: s.status,
        notes: s.noteCount,
        takes: s.takes,
        unevennessMs: s.unevennessMs,
        events: s.eventCount,
        comment: s.notes,
        analysisError: s.analysisError,
        exercises: s.exercises,
      }));
      if (values.json) {
        io.stdout(`${JSON.stringify(sessions, null, 2)}\n`);
        return 0;
      }
      if (sessions.length === 0) {
        io.stdout(`${profile.name} has no sessions yet.\n`);
        return 0;
      }
      const [header, ...rows] = [
        ['id', 'started', 'status', 'notes played', 'takes', 'per exercise: notes/s, takes, unevenness ms', 'comment'],
        ...sessions.map((s) => [
          String(s.id),
          s.startedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
          s.status,
          String(s.notes),
          String(s.takes),
          s.exercises.length === 0 ? '-' : s.exercises.map(exerciseCell).join('; '),
          s.analysisError ? `[analysis failed] ${s.comment}` : s.comment,
        ]),
      ];
      io.stdout(`${table(header ?? [], rows)}\n`);
      return 0;
    } catch (error) {
      if (error instanceof StoreError) throw new CliUsageError(error.message);
      throw error;
    } finally {
      store.close();
    }
  },
};

/** @example exerciseCell({ exerciseId: 'clinical-scale-rh', notesPerSecond: 8, takes: 3, unevennessMs: 9.84, ... }) // => 'clinical-scale-rh 8.0/s x3 9.8' */
function exerciseCell(e: SessionExerciseSummary): string {
  return `${e.exerciseId} ${e.notesPerSecond === null ? '-' : `${e.notesPerSecond.toFixed(1)}/s`} x${e.takes} ${e.unevennessMs === null ? '-' : e.unevennessMs.toFixed(1)}`;
}
