/**
 * The shape every `evenkeys` sub-command has, and the one error type that means "bad arguments
 * or unreadable input": the CLI prints its message on one line and exits with code 2.
 */
import { parseArgs } from 'node:util';

/** Where a command writes. Tests pass collectors; the real CLI passes process streams. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export interface CliCommand {
  readonly name: string;
  /** One line for `evenkeys --help`. */
  readonly summary: string;
  /** Usage line(s) shown by `evenkeys NAME --help` and after a usage error. */
  readonly usage: string;
  /** Each option (and positional) in words, for `evenkeys NAME --help`. */
  readonly options?: readonly CliOptionHelp[];
  /** Returns the exit code (0 success). Throws CliUsageError for bad arguments or input. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** One line of a command's --help: the flag as typed, and what it does in words. */
export interface CliOptionHelp {
  readonly flag: string;
  readonly text: string;
}

/** Bad arguments or unreadable input: reported in one line, exit code 2, no stack trace. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: false }>;

/**
 * node:util parseArgs with unknown options and parse failures turned into CliUsageError.
 *
 * @example parseCliArgs(['a.mid', '--json'], { json: { type: 'boolean' } })
 *   // => { positionals: ['a.mid'], values: { json: true } }
 */
export function parseCliArgs<T extends OptionSpec>(args: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
}
