/**
 * `evenkeys exercises [--kind KIND] [--json]`: lists the exercise ids `--exercise` accepts.
 */
import { listExercises } from '../../../core/exercises/library';
import type { CliCommand } from '../command';
import { CliUsageError, parseCliArgs } from '../command';
import { table } from '../format';

export const exercisesCommand: CliCommand = {
  name: 'exercises',
  summary: 'list the exercises (ids for --exercise)',
  usage: 'evenkeys exercises [--kind scale|arpeggio|five-finger|trill|repeated-note|chromatic|clinical-scale] [--json]',
  options: [
    { flag: '--kind KIND', text: 'list only exercises of this kind: scale, arpeggio, five-finger, trill, repeated-note, chromatic or clinical-scale.' },
    { flag: '--json', text: 'print the list as JSON (each exercise with its id, name, kind, key, hands, tempo and note count).' },
  ],
  async run(args, io) {
    const { values, positionals } = parseCliArgs(args, { kind: { type: 'string' }, json: { type: 'boolean' } });
    if (positionals.length > 0) throw new CliUsageError(`unexpected argument '${positionals[0]}'`);
    const all = listExercises();
    const kinds = [...new Set(all.map((exercise) => exercise.kind))];
    if (values.kind !== undefined && !kinds.includes(values.kind as (typeof kinds)[number])) {
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
