/**
 * `evenkeys exercises [--kind KIND] [--json]`: lists the exercise ids `--exercise` accepts.
 */
import { listExercises } from '../../../core/exercises/library';
import type { CliCommand } from '../command';
import { CliUsageError, parseCliArgs } from '../command';
import { table } from '../format';
import { openExerciseDatabase } from '../exercise-db';
import { EXERCISE_FILE_USAGE, importExerciseCommand, removeExerciseCommand, showExerciseCommand } from './exercise-files';

export const exercisesCommand: CliCommand = {
  name: 'exercises',
  summary: 'list the exercises (ids for --exercise); import a MusicXML score; show notes and fingering',
  usage: ['evenkeys exercises [--kind scale|arpeggio|five-finger|trill|repeated-note|chromatic|clinical-scale|hanon|imported] [--db PATH] [--json]', ...EXERCISE_FILE_USAGE].join('\n       '),
  options: [
    { flag: '--kind KIND', text: 'list only exercises of this kind: scale, arpeggio, five-finger, trill, repeated-note, chromatic, clinical-scale, hanon or imported.' },
    { flag: '--db PATH', text: 'the database whose imported exercises are listed too (default: EVENKEYS_DB, else the app data folder).' },
    { flag: '--json', text: 'print the list as JSON (each exercise with its id, name, kind, key, hands, tempo and note count).' },
    { flag: 'import FILE', text: 'import a MusicXML score (.musicxml or compressed .mxl) as an exercise, stored in the database.' },
    { flag: '--id ID', text: 'with import: the id of the imported exercise, used verbatim (refused if it names a library exercise).' },
    { flag: '--hand right|left', text: 'with import: the hand of a one-staff part (default: treble clef right, bass clef left).' },
    { flag: 'show ID', text: 'print the notes and the fingering of each hand of an exercise.' },
    { flag: '--profile NAME', text: "with show: apply this pianist's own fingering where they set one." },
    { flag: 'remove ID', text: 'remove an imported exercise and the own fingerings set for it.' },
  ],
  async run(args, io) {
    const sub = args[0];
    if (sub === 'import') return importExerciseCommand(args.slice(1), io);
    if (sub === 'show') return showExerciseCommand(args.slice(1), io);
    if (sub === 'remove') return removeExerciseCommand(args.slice(1), io);
    const { values, positionals } = parseCliArgs(args, { kind: { type: 'string' }, json: { type: 'boolean' }, db: { type: 'string' } });
    if (positionals.length > 0) throw new CliUsageError(`unexpected argument '${positionals[0]}' (sub-commands: import, show, remove)`);
    // The library's exercises, then the ones imported into the database (if there is one).
    const store = await openExerciseDatabase(values.db, io);
    const imported = store?.listImportedExercises().map((entry) => entry.exercise) ?? [];
    store?.close();
    const all = [...listExercises(), ...imported];
    const kinds: string[] = [...new Set([...all.map((exercise) => exercise.kind), 'imported'])];
    if (values.kind !== undefined && !kinds.includes(values.kind)) {
      throw new CliUsageError(`unknown kind '${values.kind}' (kinds: ${kinds.join(', ')})`);
    }
    const chosen = all.filter((exercise) => values.kind === undefined || exercise.kind === values.kind);
    if (values.json) {
      const rows = chosen.map(({ notes, ...exercise }) => ({ ...exercise, notes: notes.length }));
      io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
      return 0;
    }
    io.stdout(
      `${table(
        ['id', 'name', 'notes', 'bpm'],
        chosen.map((exercise) => [exercise.id, exercise.name, exercise.notes.length, exercise.bpm]),
      )}\n${chosen.length} exercises\n`,
    );
    return 0;
  },
};
