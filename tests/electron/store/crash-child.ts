/**
 * The crash test's victim: records at 1,000 events/s through the real store and writer until
 * it is killed. Event k is scheduled k ms after the clock origin and carries timeMs = k, so the
 * parent can tell which events were generated and which were saved. Prints
 * `ready <originWallMs> <sessionId>` once recording, then `sent N` after each burst of pushes
 * (stdout to a pipe is synchronous on Linux: every line is in the pipe before the next push).
 *
 * Run: node --import tsx tests/electron/store/crash-child.ts DB_PATH
 */
import { openStore } from '../../../electron/store/index';

const path = process.argv[2];
if (!path) throw new Error('usage: crash-child.ts DB_PATH');

const store = await openStore({ path });
const profile = store.ensureProfile('Crash test');
const writer = store.startRecording({ profileId: profile.id, device: { name: 'Virtual keyboard' } });

const originWall = performance.timeOrigin + performance.now();
const originMono = performance.now();
let next = 0;
let ready = false;
const generate = (): void => {
  const due = Math.floor(performance.now() - originMono);
  const before = next;
  for (; next <= due; next++) {
    const pitch = 48 + (next % 36);
    writer.push({ bytes: next % 2 === 0 ? [0x90, pitch, 64] : [0x80, pitch, 0], timeMs: next, port: 'virtual-1' });
  }
  if (ready && next !== before) process.stdout.write(`sent ${next}\n`);
};
generate();
process.stdout.write(`ready ${originWall} ${writer.sessionId}\nsent ${next}\n`);
ready = true;
setInterval(generate, 1);
// Never outlive a parent that forgot us.
setTimeout(() => process.exit(3), 30_000).unref();
