/**
 * `evenkeys analyze --session ID` uses the pianist's hand history (issue 12); `analyze FILE` has
 * none. Three earlier takes of the C major scale corrected to the left hand turn the next
 * session's take, played where the right hand usually plays, to the left hand (still flagged).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analysisDocumentSchema } from '../../../core/api/analysis';
import { runCli } from '../../support/cli';

const fixture = 'tests/fixtures/midi/c-major-2-octaves-rh.mid';

const run = runCli;

describe('analyze with the hand history', () => {
  it('a stored session uses its pianist\'s earlier takes; a file does not', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'evenkeys-cli-history-')), 'e.sqlite');
    for (let session = 1; session <= 4; session += 1) expect((await run('record-file', fixture, '--profile', 'Ana', '--db', db)).code).toBe(0);
    for (let session = 1; session <= 3; session += 1) expect((await run('takes', 'set-hand', '--session', String(session), '--take', '1', '--hand', 'left', '--db', db)).code).toBe(0);

    const human = await run('analyze', '--session', '4', '--db', db);
    expect(human.stdout).toMatch(/Take 1: C major scale, left hand, 2 octaves \(scale-c-major-lh-2oct\) \(hand uncertain\)/);
    expect(human.stdout).toMatch(/hand 57 % sure with your earlier takes/);
    const take = analysisDocumentSchema.parse(JSON.parse((await run('analyze', '--session', '4', '--db', db, '--json')).stdout)).takes[0];
    expect(take).toMatchObject({ exercise: { id: 'scale-c-major-lh-2oct' }, handUncertain: true, handSource: 'history' });

    const file = analysisDocumentSchema.parse(JSON.parse((await run('analyze', fixture, '--db', db, '--profile', 'Ana', '--json')).stdout)).takes[0];
    expect(file).toMatchObject({ exercise: { id: 'scale-c-major-rh-2oct' }, handUncertain: true, handSource: 'notes' });
  });
});
