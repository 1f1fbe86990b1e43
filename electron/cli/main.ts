/**
 * `evenkeys`: the command-line entry point. Dispatches to sub-commands; every failure caused by
 * the user's arguments or input becomes one line on stderr and exit code 2.
 */
import type { CliCommand, CliIo } from './command';
import { CliUsageError } from './command';
import { analyzeCommand } from './commands/analyze';
import { exercisesCommand } from './commands/exercises';
import { recordFileCommand } from './commands/record-file';
import { sessionsCommand } from './commands/sessions';
import { driftCommand } from './commands/drift';

export const commands: readonly CliCommand[] = [analyzeCommand, exercisesCommand, recordFileCommand, sessionsCommand, driftCommand];

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
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
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    io.stderr(`evenkeys: unknown command '${name}' (try: ${commands.map((c) => c.name).join(', ')})\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`usage: ${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr(`evenkeys ${command.name}: ${error.message}\n`);
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

function oneLine(text: string): string {
  return text.split('\n')[0] ?? '';
}
