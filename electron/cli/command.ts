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
    throw new CliUsageError(explainArgsError(args, options) ?? (error instanceof Error ? error.message : String(error)));
  }
}

/**
 * What is wrong with the arguments, in one plain line: node's own parseArgs messages span lines,
 * name `<value>` placeholders and end in advice about '--' that does not apply here.
 * Null when nothing here explains the failure (node's message is used then).
 *
 * @example explainArgsError(['--jsn'], { json: { type: 'boolean' } })
 *   // => "unknown option '--jsn': did you mean --json? (--help lists the options)"
 * @example explainArgsError(['--profile'], { profile: { type: 'string' } }) // => '--profile needs a value'
 */
export function explainArgsError(args: readonly string[], options: OptionSpec): string | null {
  const names = Object.keys(options);
  for (let i = 0; i < args.length; i += 1) {
    const token = args[i] ?? '';
    if (token === '--') break;
    if (!token.startsWith('-') || token === '-') continue;
    const [flag = token, inlineValue] = token.split(/=(.*)/s);
    const long = flag.startsWith('--');
    const name = long ? flag.slice(2) : names.find((candidate) => options[candidate]?.short === flag.slice(1));
    const spec = name === undefined ? undefined : options[name];
    if (name === undefined || spec === undefined) return unknownOption(flag, names);
    if (spec.type === 'boolean') {
      if (inlineValue !== undefined) return `--${name} takes no value (got '${token}')`;
      continue;
    }
    if (inlineValue !== undefined) continue;
    const next = args[i + 1];
    if (next === undefined) return `--${name} needs a value`;
    if (next.startsWith('-') && next !== '-') {
      return `--${name} needs a value, got the option '${next}' (write --${name}=${next} if the value starts with a dash)`;
    }
    i += 1;
  }
  return null;
}

function unknownOption(flag: string, names: readonly string[]): string {
  const typed = flag.replace(/^-+/, '');
  const close = names
    .map((name) => ({ name, distance: editDistance(typed, name) }))
    .filter((candidate) => candidate.distance <= Math.max(1, Math.floor(candidate.name.length / 3)))
    .sort((a, b) => a.distance - b.distance)[0];
  return close === undefined
    ? `unknown option '${flag}' (options: ${names.map((name) => `--${name}`).join(', ')})`
    : `unknown option '${flag}': did you mean --${close.name}? (--help lists the options)`;
}

/** Levenshtein distance: how many one-character edits turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
