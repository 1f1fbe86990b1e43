/**
 * Runs N mutated bundles (tests/support/bundle-mutants.ts) against one teacher database that
 * already holds a local profile ('Ben') and an imported student ('Cleo'), and checks every one
 * is refused with a one-line BundleError and the database file is byte-identical afterwards.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BundleError, decodeBundle, exportBundle, importBundle } from '../../electron/bundle/index';
import type { ZipLimits } from '../../electron/bundle/zip';
import { openStore } from '../../electron/store/index';
import { scaleTake, recordTake } from '../electron/bundle/helpers';
import { mutant } from './bundle-mutants';

export interface FuzzResult {
  readonly total: number;
  readonly refused: number;
  /** Mutants that were imported (must be none). */
  readonly accepted: readonly string[];
  /** Refusals that were not a one-line BundleError. */
  readonly otherErrors: readonly string[];
  readonly byKind: Readonly<Record<string, number>>;
  /** Harmless bit flips redrawn. */
  readonly redrawn: number;
  readonly identical: boolean;
  readonly sha256: string;
}

const hash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

export async function runBundleFuzz(options: { count: number; firstSeed?: number; limits?: ZipLimits; bombBytes: number; onProgress?: (done: number) => void }): Promise<FuzzResult> {
  const dir = mkdtempSync(join(tmpdir(), 'evenkeys-fuzz-'));
  try {
    const student = await openStore({ path: join(dir, 'ana.sqlite'), dailyBackup: false });
    const ana = student.createProfile({ name: 'Ana' });
    const ids = [0, 1].map((i) => recordTake(student, ana.id, `2026-11-0${i + 1}T17:00:00.000Z`, scaleTake(i), i === 1));
    student.addAnnotation({ sessionId: ids[0] ?? 0, author: 'pianist', authorName: 'Ana', text: 'Tired' });
    student.addAnnotation({ sessionId: ids[1] ?? 0, target: 'take', takeIndex: 0, author: 'pianist', authorName: 'Ana', text: 'Better' });
    const { bytes: valid } = exportBundle(student, ana.id);
    student.close();
    const content = decodeBundle(valid);

    const other = await openStore({ path: join(dir, 'cleo.sqlite'), dailyBackup: false });
    const cleo = other.createProfile({ name: 'Cleo' });
    recordTake(other, cleo.id, '2026-10-01T17:00:00.000Z', scaleTake(3));
    const cleoBundle = exportBundle(other, cleo.id).bytes;
    other.close();

    const teacherPath = join(dir, 'teacher.sqlite');
    const setup = await openStore({ path: teacherPath, dailyBackup: false });
    setup.createProfile({ name: 'Ben' });
    const imported = importBundle(setup, cleoBundle);
    const foreignSessionUid = setup.getSession(setup.listSessions(imported.profile.id)[0]?.id ?? 0).uid;
    setup.close();
    const before = hash(teacherPath);

    const teacher = await openStore({ path: teacherPath, dailyBackup: false });
    const accepted: string[] = [];
    const otherErrors: string[] = [];
    const byKind: Record<string, number> = {};
    let refused = 0;
    let redrawn = 0;
    const first = options.firstSeed ?? 1;
    for (let seed = first; seed < first + options.count; seed++) {
      const m = mutant(content, valid, seed, { bombBytes: options.bombBytes, foreignSessionUid });
      redrawn += m.redrawn;
      byKind[m.kind] = (byKind[m.kind] ?? 0) + 1;
      try {
        importBundle(teacher, m.bytes, { ...(m.passphrase !== undefined ? { passphrase: m.passphrase } : {}), ...(options.limits ? { limits: options.limits } : {}) });
        accepted.push(`seed ${seed}: ${m.kind}`);
      } catch (error) {
        refused += 1;
        if (!(error instanceof BundleError) || error.message.includes('\n') || error.message.length === 0) {
          otherErrors.push(`seed ${seed}: ${m.kind}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
        }
      }
      options.onProgress?.(seed - first + 1);
    }
    teacher.close();
    const after = hash(teacherPath);
    const walLeft = existsSync(`${teacherPath}-wal`) && statSync(`${teacherPath}-wal`).size > 0;
    return { total: options.count, refused, accepted, otherErrors, byKind, redrawn, identical: before === after && !walLeft, sha256: after };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
