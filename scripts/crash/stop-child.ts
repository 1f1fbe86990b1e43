/**
 * The crash suite's Stop victim: records a long session (a quantised scale, so the analysis takes
 * a while), prints `stopping <sessionId>` and calls Stop (`writer.close()`: close the session,
 * then analyse it). The parent kills it with SIGKILL during that analysis.
 *
 * Run: node --import tsx scripts/crash/stop-child.ts DB_PATH NOTES
 */
import { openStore } from '../../electron/store/index';

const [path, notesText] = process.argv.slice(2);
if (!path) throw new Error('usage: stop-child.ts DB_PATH NOTES');
const store = await openStore({ path, dailyBackup: false });
const writer = store.startRecording({ profileId: store.ensureProfile('Stop test').id });
const scale = [60, 62, 64, 65, 67, 69, 71, 72, 74, 76, 77, 79, 81, 83, 84];
const notes = Number(notesText ?? 4000);
for (let i = 0; i < notes; i++) {
  const pitch = scale[i % 28 < 14 ? i % 14 : 14 - (i % 14)] ?? 60;
  writer.push({ bytes: [0x90, pitch, 70], timeMs: i * 125 });
  writer.push({ bytes: [0x80, pitch, 0], timeMs: i * 125 + 110 });
}
writer.flush();
process.stdout.write(`stopping ${writer.sessionId}\n`);
writer.close();
process.stdout.write(`stopped ${writer.sessionId}\n`);
store.close();
