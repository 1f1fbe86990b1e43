/**
 * A fixed-seed sample of malicious and mutated bundles (the full 1,000+ run is
 * `npx tsx scripts/fuzz-bundles.ts`): every one refused with a one-line reason, the database
 * byte-identical afterwards.
 */
import { describe, expect, it } from 'vitest';
import { runBundleFuzz } from '../../support/bundle-fuzz';

describe('bundle fuzzing (fixed-seed sample)', () => {
  it('refuses 100 malicious or mutated bundles and leaves the database byte-identical', async () => {
    // Small limits so the zip bombs here stay small: the bombs inflate past the 2 MiB entry cap.
    const result = await runBundleFuzz({
      count: 100,
      bombBytes: 3 * 1024 * 1024,
      limits: { maxArchiveBytes: 8 * 1024 * 1024, maxEntryBytes: 2 * 1024 * 1024, maxTotalBytes: 4 * 1024 * 1024, maxEntries: 100 },
    });
    expect(result.accepted).toEqual([]);
    expect(result.otherErrors).toEqual([]);
    expect(result.refused).toBe(100);
    expect(result.identical).toBe(true);
    // The sample covers every family of attack.
    const families = new Set(Object.keys(result.byKind).map((k) => k.split(':')[0]));
    expect([...families].sort()).toEqual(['archive', 'bytes', 'conflict', 'content', 'encrypted', 'entry', 'not a bundle']);
  }, 60_000);
});
