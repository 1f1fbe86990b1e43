/**
 * A closed stdout (`evenkeys exercises | head -1`) is the reader saying "enough", not a failure:
 * the CLI then stops quietly, exit code 0, instead of dying on an EPIPE stack trace. Any other
 * stream error is still reported on one line.
 */

/** The part of a Node stream this needs (tests pass a fake). */
export interface ErrorEmitter {
  on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
}

/**
 * Makes `stream` exit the process quietly (code 0) on EPIPE; other errors print one line on
 * stderr and exit 1. Installs once per stream.
 *
 * @example quietOnClosedPipe(process.stdout, (code) => process.exit(code))
 */
export function quietOnClosedPipe(stream: ErrorEmitter, exit: (code: number) => void, report: (line: string) => void = () => {}): void {
  if (installed.has(stream)) return;
  installed.add(stream);
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') {
      exit(0);
      return;
    }
    report(`evenkeys: cannot write output: ${error.message.split('\n')[0] ?? ''}\n`);
    exit(1);
  });
}

const installed = new WeakSet<object>();
