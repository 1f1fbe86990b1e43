/**
 * `evenkeys fingering set|show|clear`: a pianist's own fingering of an exercise, per hand, stored
 * for their profile and used by every later analysis of their sessions.
 */
import { getExercise } from '../../../core/exercises/library';
import { handNoteCount } from '../../../core/exercises/own-fingering';
import type { Hand } from '../../../core/exercises/types';
import type { CliCommand, CliIo } from '../command';
import { CliUsageError, parseCliArgs } from '../command';
import { StoreError } from '../../store/index';
import type { Store } from '../../store/index';
import { openStoreForCommand } from '../open-store';

const USAGE = [
  'evenkeys fingering set ID --profile NAME --hand right|left --fingers 1,2,3,... [--reanalyse] [--db PATH]',
  'evenkeys fingering show ID --profile NAME [--db PATH] [--json]',
  'evenkeys fingering clear ID --profile NAME --hand right|left [--db PATH]',
].join('\n       ');

function parseHand(text: string | undefined): Hand {
  if (text !== 'right' && text !== 'left') throw new CliUsageError(`--hand right|left is required${text === undefined ? '' : ` (got '${text}')`}`);
  return text;
}

/**
 * "1,2,3", "1 2 3" or "1-2-3" to [1, 2, 3]; anything but digits 1-5 is refused.
 *
 * @example parseFingers('4,1,2,3') // [4, 1, 2, 3]
 */
export function parseFingers(text: string | undefined): number[] {
  if (text === undefined || text.trim() === '') throw new CliUsageError('--fingers 1,2,3,... is required (one finger per note of that hand, in order)');
  const items = text.trim().split(/[\s,;-]+/);
  return items.map((item, i) => {
    if (!/^[1-5]$/.test(item)) throw new CliUsageError(`--fingers: item ${i + 1} is '${item}'; fingers are 1 (thumb) to 5`);
    return Number(item);
  });
}

function profileOf(store: Store, name: string | undefined, create: boolean) {
  const trimmed = name?.trim();
  if (!trimmed) throw new CliUsageError('--profile NAME is required');
  const profile = create ? store.ensureProfile(trimmed) : store.findProfileByName(trimmed);
  if (profile === undefined) throw new CliUsageError(`no profile '${trimmed}' in ${store.path}`);
  return profile;
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'set' && sub !== 'show' && sub !== 'clear') throw new CliUsageError(`expected set, show or clear (usage: ${USAGE})`);
  const { values, positionals } = parseCliArgs(rest, {
    profile: { type: 'string' },
    hand: { type: 'string' },
    fingers: { type: 'string' },
    reanalyse: { type: 'boolean' },
    db: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length !== 1) throw new CliUsageError(`expected one exercise id, got ${positionals.length}`);
  const id = positionals[0] ?? '';
  if (sub === 'set') {
    const hand = parseHand(values.hand);
    const fingers = parseFingers(values.fingers);
    if (!values.profile?.trim()) throw new CliUsageError('--profile NAME is required');
    // A library exercise's count is known without a database: refuse before creating one.
    const known = getExercise(id);
    if (known !== undefined && handNoteCount(known, hand) !== fingers.length) {
      throw new CliUsageError(`${known.id} has ${handNoteCount(known, hand)} ${hand}-hand notes, so the fingering needs ${handNoteCount(known, hand)} fingers (got ${fingers.length})`);
    }
    const store = await openStoreForCommand(values.db);
    try {
      if (store.findExercise(id) === undefined) throw new CliUsageError(`unknown exercise '${id}' (evenkeys exercises lists the ids)`);
      const profile = profileOf(store, values.profile, true);
      const saved = store.setOwnFingering({ profileId: profile.id, exerciseId: id, hand, fingers });
      io.stdout(`${profile.name}'s ${hand}-hand fingering of ${saved.exerciseId}: ${saved.fingers.join(',')} (${saved.fingers.length} notes)\n`);
      if (values.reanalyse) {
        const sessions = store.listSessions(profile.id).filter((s) => s.status !== 'recording');
        for (const session of sessions) store.reanalyse(session.id);
        io.stdout(`Re-analysed ${sessions.length} session(s) of ${profile.name} with it.\n`);
      } else {
        io.stdout(`Later analyses of ${profile.name}'s sessions use it; add --reanalyse to re-analyse the earlier ones now.\n`);
      }
      return 0;
    } catch (error) {
      if (error instanceof StoreError && (error.code === 'invalid' || error.code === 'not-found')) throw new CliUsageError(error.message);
      throw error;
    } finally {
      store.close();
    }
  }
  const store = await openStoreForCommand(values.db, { mustExist: true, readOnly: sub === 'show' });
  try {
    const profile = profileOf(store, values.profile, false);
    if (sub === 'clear') {
      const hand = parseHand(values.hand);
      const removed = store.clearOwnFingering({ profileId: profile.id, exerciseId: store.findExercise(id)?.id ?? id, hand });
      io.stdout(removed ? `Cleared ${profile.name}'s ${hand}-hand fingering of ${id}: the printed fingering applies again.\n` : `${profile.name} had no ${hand}-hand fingering of ${id}.\n`);
      return 0;
    }
    const exercise = store.findExercise(id);
    if (exercise === undefined) throw new CliUsageError(`unknown exercise '${id}' (evenkeys exercises lists the ids)`);
    const own = store.listOwnFingerings(profile.id, exercise.id);
    if (values.json) {
      io.stdout(`${JSON.stringify({ profile: profile.name, exerciseId: exercise.id, fingerings: own }, null, 2)}\n`);
      return 0;
    }
    const lines = (['right', 'left'] as const)
      .filter((hand) => exercise.notes.some((n) => n.hand === hand))
      .map((hand) => {
        const mine = own.find((f) => f.hand === hand);
        const printed = exercise.notes.filter((n) => n.hand === hand).sort((a, b) => a.position - b.position).map((n) => (n.fingered === false ? '-' : String(n.finger)));
        return mine ? `${hand} hand: own   ${mine.fingers.join(',')}\n${' '.repeat(hand.length + 7)}(printed ${printed.join(',')})` : `${hand} hand: printed ${printed.join(',')}`;
      });
    io.stdout(`${profile.name}, ${exercise.id}:\n${lines.join('\n')}\n`);
    return 0;
  } finally {
    store.close();
  }
}

export const fingeringCommand: CliCommand = {
  name: 'fingering',
  summary: "set or show a pianist's own fingering of an exercise (used by analysis)",
  usage: USAGE,
  options: [
    { flag: 'set | show | clear ID', text: 'set, show or clear the fingering of the exercise with this id (library or imported).' },
    { flag: '--profile NAME', text: 'the pianist whose own fingering this is (each pianist keeps their own).' },
    { flag: '--hand right|left', text: 'which hand the fingering is for (set and clear).' },
    { flag: '--fingers 1,2,3,...', text: "one finger (1 thumb to 5 little) per note of that hand's part, in playing order; another count is refused." },
    { flag: '--reanalyse', text: "re-analyse the pianist's earlier sessions of this exercise with the new fingering." },
    { flag: '--db PATH', text: 'the database (default: EVENKEYS_DB, else the app data folder).' },
    { flag: '--json', text: 'with show: print the fingering as JSON.' },
  ],
  run,
};
