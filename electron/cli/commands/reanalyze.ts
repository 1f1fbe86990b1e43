/**
 * `evenkeys reanalyze --session ID [--db PATH]` (`reanalyse` is accepted too): recomputes a
 * stored session's analysis from its raw MIDI log and replaces the derived rows. Opening the
 * database already analyses every finished session that has none (a Stop cut short); this
 * command redoes one on demand, e.g. after an update of the analyser.
 */
import { StoreError } from '../../store/index';
import type { CliCommand } from '../command';
import { CliUsageError, parseCliArgs } from '../command';
import { openStoreForCommand } from '../open-store';

function parseSessionId(text: string | undefined): number {
  if (text === undefined) throw new CliUsageError('--session ID is required');
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) {
    throw new CliUsageError(`--session must be a session id, a whole number from 1 (got '${text}')`);
  }
  return Number(text);
}

export const reanalyzeCommand: CliCommand = {
  name: 'reanalyze',
  summary: "recompute a stored session's analysis from its raw MIDI log (alias: reanalyse)",
  usage: 'evenkeys reanalyze --session ID [--db PATH] [--json]',
  options: [
    { flag: '--session ID', text: 'the session to analyse again from its raw MIDI log (ids from evenkeys sessions).' },
    { flag: '--db PATH', text: 'the database (default: EVENKEYS_DB, else the app data folder).' },
    { flag: '--json', text: 'print the new evenkeys.analysis/1 document instead of a summary.' },
  ],
  async run(args, io) {
    const { positionals, values } = parseCliArgs(args, {
      session: { type: 'string' },
      db: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length > 0) throw new CliUsageError(`unexpected argument '${positionals[0]}'`);
    const sessionId = parseSessionId(values.session);
    const store = await openStoreForCommand(values.db, { mustExist: true }, (line) => io.stderr(`evenkeys: ${line}\n`));
    try {
      if (store.readOnly) throw new CliUsageError(`${store.path} is read-only: sessions can be reviewed but not reanalysed`);
      const doc = store.reanalyse(sessionId);
      const error = store.analysisError(sessionId);
      const result = { sessionId, takes: doc?.takes.length ?? 0, notes: doc?.source.notes ?? 0, analysisError: error, database: store.path };
      if (values.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
      else if (error !== null) io.stdout(`session ${sessionId} reanalysed: the analysis failed: ${error} (the raw MIDI log is kept)\n`);
      else io.stdout(`session ${sessionId} reanalysed: ${result.notes} notes, ${result.takes} takes (${store.path})\n`);
      return error === null ? 0 : 1;
    } catch (error) {
      if (error instanceof StoreError) throw new CliUsageError(error.message);
      throw error;
    } finally {
      store.close();
    }
  },
};

/** The British spelling, as the store's own `reanalyse` has it. */
export const reanalyseAlias: CliCommand = { ...reanalyzeCommand, name: 'reanalyse' };
