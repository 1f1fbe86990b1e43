/**
 * Every command exits quietly when its reader closes stdout early (`evenkeys exercises | head -1`),
 * and every command's --help describes each of its options in words.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandHelp, commands, main } from '../../../electron/cli/main';
import { quietOnClosedPipe } from '../../../electron/cli/pipe';

// A human-timed file: nothing for analyze to warn about on stderr.
const fixture = 'tests/fixtures/midi-input/baseline-c-major-rh.mid';

/** Runs the real CLI with stdout a pipe closed before the first byte is read. */
function runWithClosedStdout(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/evenkeys.mjs', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('a closed stdout', () => {
  it('ends every command quietly, exit code 0, no stack trace', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'evenkeys-pipe-')), 'store.db');
    const runs: [string, string[]][] = [
      ['exercises', ['exercises']],
      ['analyze', ['analyze', fixture, '--notes']],
      ['analyze --json', ['analyze', fixture, '--json']],
      ['record-file', ['record-file', fixture, '--profile', 'Pipe', '--db', db]],
      ['sessions', ['sessions', '--profile', 'Pipe', '--db', db, '--json']],
      ['help', ['--help']],
      ['command help', ['analyze', '--help']],
    ];
    for (const [name, args] of runs) {
      const { code, stderr } = await runWithClosedStdout(args);
      expect({ name, code, stderr }).toEqual({ name, code: 0, stderr: '' });
    }
  }, 60_000);

  it('reports any other write error on one line and exits 1', () => {
    const listeners: ((error: NodeJS.ErrnoException) => void)[] = [];
    const stream = { on: (_event: 'error', listener: (error: NodeJS.ErrnoException) => void) => listeners.push(listener) };
    const exits: number[] = [];
    const lines: string[] = [];
    quietOnClosedPipe(stream, (code) => exits.push(code), (line) => lines.push(line));
    quietOnClosedPipe(stream, (code) => exits.push(code)); // installs once
    listeners.forEach((listener) => listener(Object.assign(new Error('EPIPE'), { code: 'EPIPE' })));
    listeners.forEach((listener) => listener(Object.assign(new Error('no space left on device\nmore'), { code: 'ENOSPC' })));
    expect(listeners).toHaveLength(1);
    expect(exits).toEqual([0, 1]);
    expect(lines).toEqual(['evenkeys: cannot write output: no space left on device\n']);
  });
});

describe('--help', () => {
  it.each(commands.map((command) => [command.name, command] as const))('%s describes every option in words', async (_name, command) => {
    let stdout = '';
    const code = await main([command.name, '--help'], { stdout: (text) => (stdout += text), stderr: () => {} });
    expect(code).toBe(0);
    expect(stdout).toBe(commandHelp(command));
    const flags = [...new Set(command.usage.match(/--[a-z-]+/g) ?? [])];
    expect(flags.length).toBeGreaterThan(0);
    for (const flag of flags) {
      const line = stdout.split('\n').find((text) => text.trimStart().startsWith(flag));
      expect(line, `${command.name} ${flag}`).toBeDefined();
      // A description in words, not just the flag again.
      expect((line ?? '').replace(/^\s*\S+(\s[A-Z0-9|.-]+)?\s+/, '').split(' ').length, `${command.name} ${flag}`).toBeGreaterThan(4);
    }
  });
});
