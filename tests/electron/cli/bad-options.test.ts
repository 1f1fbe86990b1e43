/**
 * Wrong flags get one plain line naming the flag and what would be right, exit code 2: node's own
 * parseArgs messages spanned lines, showed `<value>` placeholders and advice about '--'.
 */
import { describe, expect, it } from 'vitest';
import { explainArgsError } from '../../../electron/cli/command';
import { runCli } from '../../support/cli';

describe('bad options on the command line', () => {
  it('a mistyped option suggests the right one; an unknown one lists the options', async () => {
    const typo = await runCli('drift', '--profile', 'Ana', '--jsn');
    expect(typo).toMatchObject({ code: 2, stdout: '' });
    expect(typo.stderr).toBe("evenkeys drift: unknown option '--jsn': did you mean --json? (--help lists the options)\n");
    const profle = await runCli('sessions', '--profle', 'Ana');
    expect(profle.stderr).toBe("evenkeys sessions: unknown option '--profle': did you mean --profile? (--help lists the options)\n");
    const unknown = await runCli('drift', '--profile', 'Ana', '--colour');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe("evenkeys drift: unknown option '--colour' (options: --profile, --db, --json)\n");
    const short = await runCli('analyze', 'take.mid', '-x');
    expect(short.stderr).toMatch(/^evenkeys analyze: unknown option '-x' \(options: .*--exercise.*\)\n$/);
  });

  it('an option without its value, or a switch given a value, says so in one line', async () => {
    expect((await runCli('drift', '--profile')).stderr).toBe('evenkeys drift: --profile needs a value\n');
    const swallowed = await runCli('drift', '--profile', '--db', '/tmp/x.sqlite');
    expect(swallowed.code).toBe(2);
    expect(swallowed.stderr).toBe("evenkeys drift: --profile needs a value, got the option '--db' (write --profile=--db if the value starts with a dash)\n");
    expect((await runCli('sessions', '--profile', 'Ana', '--json=yes')).stderr).toBe("evenkeys sessions: --json takes no value (got '--json=yes')\n");
    for (const argv of [['drift', '--profile'], ['exercises', '--kind'], ['analyze', 'a.mid', '--exercize', 'x'], ['drift', '--profile', 'A', '--json=1']]) {
      const result = await runCli(...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr.trim().split('\n'), argv.join(' ')).toHaveLength(1);
      expect(result.stderr).not.toMatch(/<value>|'-- "/);
    }
  });

  it('explainArgsError: short flags, inline values and everything after -- are read as parseArgs reads them', () => {
    const options = { out: { type: 'string' as const, short: 'o' }, yes: { type: 'boolean' as const } };
    expect(explainArgsError(['-o', 'x.mid', '--yes'], options)).toBeNull();
    expect(explainArgsError(['--out=-weird.mid'], options)).toBeNull();
    expect(explainArgsError(['--', '--anything'], options)).toBeNull();
    expect(explainArgsError(['-o'], options)).toBe('--out needs a value');
    expect(explainArgsError(['--ye'], options)).toBe("unknown option '--ye': did you mean --yes? (--help lists the options)");
  });
});
