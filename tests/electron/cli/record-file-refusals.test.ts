/**
 * `evenkeys record-file` refuses in one line with nothing recorded, and, where --db names a
 * database that does not exist yet, without creating one.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli';

const fixture = 'tests/fixtures/midi/c-major-2-octaves-rh.mid';

describe('record-file refusals on a database that does not exist yet', () => {
  it('an unknown exercise, a bad file or a bad date: exit 2, one line, no database file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evenkeys-record-refusals-'));
    const cases = [
      ['record-file', fixture, '--profile', 'Ana', '--exercise', 'scale-c-major-rh-9oct'],
      ['record-file', 'tests/fixtures/midi/fixture-files.ts', '--profile', 'Ana'],
      ['record-file', fixture, '--profile', 'Ana', '--started-at', '2026-02-30T10:00:00Z'],
    ];
    for (const [i, argv] of cases.entries()) {
      const db = join(dir, `new-${i}.sqlite`);
      const result = await runCli(...argv, '--db', db);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr.trim().split('\n'), argv.join(' ')).toHaveLength(1);
      expect(existsSync(db), `${argv.join(' ')} created ${db}`).toBe(false);
    }
    expect((await runCli(...(cases[0] ?? []), '--db', join(dir, 'x.sqlite'))).stderr).toBe("evenkeys record-file: unknown exercise 'scale-c-major-rh-9oct' (evenkeys exercises lists the ids)\n");
    // A library exercise needs no database: the session is recorded in a new one.
    const db = join(dir, 'ok.sqlite');
    expect((await runCli('record-file', fixture, '--profile', 'Ana', '--exercise', 'scale-c-major-rh-2oct', '--db', db)).code).toBe(0);
    expect(existsSync(db)).toBe(true);
  });
});
