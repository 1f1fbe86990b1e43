/**
 * `evenkeys takes set-hand --session ID --take N --hand left|right [--db PATH]`: the pianist says
 * which hand played take N (numbered from 1, as `evenkeys analyze --session ID` prints them). A
 * single line cannot always be told apart by pitch (a right-hand scale an octave lower is note for
 * note the left-hand one), so such takes are marked "(hand uncertain)". The correction is stored
 * (by the take's time span, so it survives reanalysis) and the session is reanalysed with it.
 */
import { StoreError } from '../../store/index';
import type { CliCommand } from '../command';
import { CliUsageError, parseCliArgs } from '../command';
import { openStoreForCommand } from '../open-store';

export const takesCommand: CliCommand = {
  name: 'takes',
  summary: 'correct a stored take: set-hand says which hand played it, then reanalyses',
  usage: 'evenkeys takes set-hand --session ID --take N --hand left|right [--db PATH]',
  options: [
    { flag: 'set-hand', text: 'say which hand played one take of a stored session; the session is then reanalysed with it.' },
    { flag: '--session ID', text: 'the stored session the take belongs to (ids from evenkeys sessions). Required.' },
    { flag: '--take N', text: 'the take to correct, numbered from 1 as evenkeys analyze --session ID prints them. Required.' },
    { flag: '--hand left|right', text: 'the hand that played the take; its fingering is redone for that hand. Required.' },
    { flag: '--db PATH', text: 'the database (default: EVENKEYS_DB, else the app data folder).' },
  ],
  async run(args, io) {
    const [action, ...rest] = args;
    if (action !== 'set-hand') throw new CliUsageError(action === undefined ? 'expected a sub-command: set-hand' : `unknown sub-command '${action}' (try: set-hand)`);
    const { values, positionals } = parseCliArgs(rest, {
      session: { type: 'string' },
      take: { type: 'string' },
      hand: { type: 'string' },
      db: { type: 'string' },
    });
    if (positionals.length > 0) throw new CliUsageError(`unexpected argument '${positionals[0]}'`);
    const sessionId = positiveInteger(values.session, '--session ID');
    const takeNumber = positiveInteger(values.take, '--take N');
    const hand = values.hand;
    if (hand !== 'left' && hand !== 'right') throw new CliUsageError(`--hand must be left or right${hand === undefined ? '' : `, got '${hand}'`}`);
    const store = await openStoreForCommand(values.db, { mustExist: true });
    try {
      const document = store.setTakeHand(sessionId, takeNumber - 1, hand);
      // Only the fingering changes, so the take keeps its number.
      const take = document?.takes[takeNumber - 1];
      io.stdout(
        take
          ? `Session ${sessionId}, take ${takeNumber}: ${take.exercise.name} (${take.exercise.id}); session reanalysed.\n`
          : `Session ${sessionId}: take ${takeNumber} set to the ${hand} hand; session reanalysed.\n`,
      );
      return 0;
    } catch (error) {
      if (error instanceof StoreError && (error.code === 'not-found' || error.code === 'invalid')) throw new CliUsageError(error.message);
      throw error;
    } finally {
      store.close();
    }
  },
};

function positiveInteger(text: string | undefined, what: string): number {
  if (text === undefined) throw new CliUsageError(`${what} is required`);
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new CliUsageError(`${what} needs a positive integer, got '${text}'`);
  return value;
}
