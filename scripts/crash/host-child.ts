/**
 * The crash suite's browser-mode host: the real backend and loopback web host on a fixed port
 * and token (what a restarted host would need to keep serving an open page), killed with SIGKILL
 * by the parent. Prints `listening` once it accepts requests.
 *
 * Run: node --import tsx scripts/crash/host-child.ts DB_PATH PORT TOKEN RENDERER_DIR
 */
import { openBackend } from '../../electron/backend/backend';
import { startWebHost } from '../../electron/backend/web-host';

const [dbPath, port, token, rendererDir] = process.argv.slice(2);
if (!dbPath || !port || !token || !rendererDir) throw new Error('usage: host-child.ts DB_PATH PORT TOKEN RENDERER_DIR');
const backend = await openBackend({ dbPath });
await startWebHost({ dispatch: backend.dispatch, rendererDir, port: Number(port), token });
process.stdout.write('listening\n');
// Never outlive the suite: exit once the parent is gone.
const parent = process.ppid;
setInterval(() => {
  try {
    process.kill(parent, 0);
  } catch {
    process.exit(3);
  }
}, 1000).unref();
