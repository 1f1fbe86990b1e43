// `npm run -s bench -- --json` must print exactly one JSON object and exit 0 on a machine without
// Chromium: the browser figures are null and the reason goes to stderr (issue 10). The drift
// bench also times a chart in Chromium, so both browser-using modules are run here, on a small
// simulated history so that the test stays quick.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');

describe('bench without a browser', () => {
  it('prints one JSON object with null browser figures, says why on stderr, and exits 0', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/index.ts', '--json', '--only=live,drift'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, EVENKEYS_CHROMIUM: resolve(root, 'no-such-browser'), EVENKEYS_BENCH_DRIFT_SESSIONS: '40' },
      timeout: 120_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const figures = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(figures.historyChartRender2000Ms).toBeNull();
    expect(figures.liveNoteUpdateMsP99).toBeNull();
    expect(figures.liveDroppedFrames).toBeNull();
    expect(figures.metronomeClickErrorMs).toBeNull();
    expect(typeof figures.driftMsFor2000Sessions).toBe('number');
    expect(run.stderr).toMatch(/drift\.bench: Chromium not found/);
    expect(run.stderr).toMatch(/live\.bench: Chromium not found/);
  }, 150_000);
});
