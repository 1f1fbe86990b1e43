/**
 * `evenkeys sessions --profile NAME`: a profile's sessions, oldest first, with their status and
 * analysis in brief. `--json` prints an array of
 * { id, startedAt, endedAt, status, notes, takes, unevennessMs, events, comment, analysisError }
 * where `notes` is the number of notes played and `comment` the session's free-text notes.
 */
import { StoreError } from '../../store/index';
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
    { flag: '--json', text: 'print an array of sessions (id, times, status, notes, takes, unevenness, events, comment, analysis error).' },
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
        ['id', 'started', 'status', 'notes played', 'takes', 'unevenness ms', 'comment'],
        ...sessions.map((s) => [
          String(s.id),
          s.startedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
          s.status,
          String(s.notes),
          String(s.takes),
          s.unevennessMs === null ? '-' : s.unevennessMs.toFixed(1),
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
