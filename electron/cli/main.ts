/**
 * `evenkeys`: the command-line entry point. Dispatches to sub-commands; every failure caused by
 * the user's arguments or input becomes one line on stderr and exit code 2.
 */
import type { CliCommand, CliIo } from './command';
import { CliUsageError } from './command';
import { analyzeCommand } from './commands/analyze';
import { exercisesCommand } from './commands/exercises';
import { fingeringCommand } from './commands/fingering';
import { reanalyseAlias, reanalyzeCommand } from './commands/reanalyze';
import { recordFileCommand } from './commands/record-file';
import { sessionsCommand } from './commands/sessions';
import { quietOnClosedPipe } from './pipe';
import { driftCommand } from './commands/drift';
import { takesCommand } from './commands/takes';
import { deleteCommand, exportCommand, importCommand, reportCommand, takeMidiCommand } from './commands/teacher';

export const commands: readonly CliCommand[] = [
  analyzeCommand,
  exercisesCommand,
  recordFileCommand,
  sessionsCommand,
  driftCommand,
  reanalyzeCommand,
  takesCommand,
  fingeringCommand,
  exportCommand,
  importCommand,
  reportCommand,
  takeMidiCommand,
  deleteCommand,
];
/** Other spellings accepted for a command (not listed in --help). */
const aliases: readonly CliCommand[] = [reanalyseAlias];

const processIo: CliIo = {
  stdout: (text) => {
    quietOnClosedPipe(process.stdout, (code) => process.exit(code), (line) => process.stderr.write(line));
    process.stdout.write(text);
  },
  stderr: (text) => {
    quietOnClosedPipe(process.stderr, (code) => process.exit(code));
    process.stderr.write(text);
  },
};

/**
 * Runs the CLI with the given arguments and returns the exit code.
 *
 * @example await main(['analyze', 'take.mid', '--json']) // => 0, one JSON document on stdout
 */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(helpText());
    return name ? 0 : 2;
  }
  if (name === '--version') {
    io.stdout(`${APP_VERSION}\n`);
    return 0;
  }
  const command = commands.find((candidate) => candidate.name === name) ?? aliases.find((candidate) => candidate.name === name);
  if (!command) {
    io.stderr(`evenkeys: unknown command '${name}' (try: ${commands.map((c) => c.name).join(', ')})\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(commandHelp(command));
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr(`evenkeys ${command.name}: ${oneLine(error.message)}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`evenkeys ${command.name}: internal error: ${oneLine(message)}\n`);
    return 1;
  }
}

export const APP_VERSION = '0.1.0';

function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Evenkeys: per-finger evenness from MIDI. It measures; it never diagnoses.\n\nusage: evenkeys COMMAND [options]\n\n${lines.join('\n')}\n\nevenkeys COMMAND --help shows a command's options.\n`;
}

/**
 * `evenkeys NAME --help`: what the command does, its usage, and each option in words.
 *
 * @example commandHelp(exercisesCommand).includes('--kind KIND') // true
 */
export function commandHelp(command: CliCommand): string {
  const options = command.options ?? [];
  const width = Math.max(0, ...options.map((option) => option.flag.length));
  const lines = [`evenkeys ${command.name}: ${command.summary}`, '', `usage: ${command.usage}`];
  if (options.length > 0) {
    lines.push('', 'options:');
    for (const option of options) lines.push(`  ${option.flag.padEnd(width)}  ${option.text}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Every error is one line: SQLite's integrity report, for one, spans several. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
